#!/bin/sh
# Builds the Debian package with CPack and checks what `dpkg-deb -I` and
# `dpkg-deb -c` show: the dependencies found by dpkg-shlibdeps and listed by
# hand, the conffiles and maintainer scripts, every program, unit, config
# and asset in its place, and no test helpers. Then unpacks it, checks that
# every program is built for the package's architecture, and runs the
# packaged programs (through EMULATOR for a foreign architecture, e.g.
# qemu-aarch64-static for arm64), which proves their libraries resolve.
#
#   check_package.sh BUILD_DIR PREFIX [ARCHITECTURE [EMULATOR]]
# ARCHITECTURE is Debian's name (amd64, arm64); this machine's by default.
# Exits 77 (skipped) for a build configured with another prefix than /usr,
# which is not how the package is made.
set -eu
build=$1
architecture=${3:-$(dpkg --print-architecture)}
emulator=${4:-}
if [ "$2" != "/usr" ]; then
  echo "skipped: this build installs under $2; the package is made from a build with the"
  echo "default prefix /usr (a fresh cmake configure)"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM

if ! cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"
  exit 1
fi
deb=$(ls "$out"/*.deb)
echo "built $(basename "$deb")"
dpkg-deb -I "$deb" >"$out/info"
dpkg-deb -c "$deb" | awk '{print $6}' >"$out/contents"

failed=0
need() {  # need FILE PATTERN WHAT
  if ! grep -Eq "$2" "$1"; then
    echo "missing: $3"
    failed=1
  fi
}
refuse() {
  if grep -Eq "$2" "$1"; then
    echo "should not be there: $3"
    failed=1
  fi
}

need "$out/info" '^ Package: kotak$' "package name"
need "$out/info" "^ Architecture: $architecture\$" "architecture $architecture"
for dependency in libcurl4 libsodium23 libsqlite3-0 libuuid1 \
                  libtomlplusplus3 'libsystemd0' 'systemd'; do
  need "$out/info" "^ Depends:.*\\b$dependency\\b" "dependency $dependency"
done
# The server's HTTP library is header-only Boost.Beast; cpp-httplib is only a
# test tool's.
refuse "$out/info" '^ Depends:.*libcpp-httplib' "a dependency on cpp-httplib"
need "$out/info" '^ Recommends:.*fonts-noto-core' "recommended fonts"
for script in postinst prerm postrm conffiles; do
  need "$out/info" "^ +[0-9]+ bytes, +[0-9]+ lines +\\*? *$script" "control file $script"
done
dpkg-deb -f "$deb" Depends
dpkg-deb -I "$deb" conffiles >"$out/conffiles"
for config in kiosk sync server; do
  need "$out/conffiles" "^/etc/kotak/$config.toml$" "conffile /etc/kotak/$config.toml"
  need "$out/contents" "^\\./etc/kotak/$config\\.toml$" "/etc/kotak/$config.toml"
  need "$out/contents" "^\\./usr/share/kotak/examples/$config\\.toml$" "example $config.toml"
done
for program in kotak-server kotak-sync; do
  need "$out/contents" "^\\./usr/bin/$program$" "/usr/bin/$program"
done
need "$out/conffiles" '^/etc/pam\.d/kotak-kiosk$' "conffile /etc/pam.d/kotak-kiosk"
for unit in kotak-kiosk.service kotak-sync.service kotak-sync.timer kotak-server.service; do
  need "$out/contents" "^\\./usr/lib/systemd/system/$unit$" "unit $unit"
done
need "$out/contents" '^\./usr/lib/sysusers\.d/kotak\.conf$' "sysusers.d/kotak.conf"
need "$out/contents" '^\./usr/lib/tmpfiles\.d/kotak\.conf$' "tmpfiles.d/kotak.conf"
need "$out/contents" '^\./usr/share/kotak/i18n/kiosk/id\.json$' "translations"
need "$out/contents" '^\./usr/share/doc/kotak/(sync|server)\.md$' "documentation"
refuse "$out/contents" 'filler|fault-proxy|_tests' "test programs"
refuse "$out/contents" '^\./var/' "files under /var (the state directory is made at install)"
if [ -x "$build/kiosk/kotak-kiosk" ]; then
  need "$out/contents" '^\./usr/bin/kotak-kiosk$' "/usr/bin/kotak-kiosk"
fi

# The ELF machine each architecture's programs must be built for.
case "$architecture" in
  amd64) machine='Advanced Micro Devices X86-64' ;;
  arm64) machine='AArch64' ;;
  *) machine='' ;;
esac
mkdir "$out/root"
dpkg-deb -x "$deb" "$out/root"
for path in "$out/root/usr/bin/"*; do
  program=$(basename "$path")
  built_for=$(readelf -h "$path" | sed -n 's/^ *Machine: *//p')
  if [ -n "$machine" ] && [ "$built_for" != "$machine" ]; then
    echo "$program is built for $built_for, not $architecture ($machine)"
    failed=1
  fi
  case "$program" in kotak-server | kotak-sync | kotak-kiosk) ;; *) continue ;; esac
  if ! $emulator "$path" --help >/dev/null 2>&1; then
    echo "the packaged $program does not run${emulator:+ under $emulator}"
    failed=1
  else
    echo "the packaged $program ($built_for) runs${emulator:+ under $emulator}"
  fi
done
[ "$failed" -eq 0 ] && echo "package contents and dependencies are as expected"
exit $failed
