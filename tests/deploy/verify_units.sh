#!/bin/sh
# Checks the systemd units as they are installed: the build is installed
# into a staging root (DESTDIR), the host's own units (targets, getty@) are
# copied beside ours, and `systemd-analyze verify --root` checks each unit
# against the staged files, including that ExecStart's program exists there.
# Any message at all fails the test, warnings included.
#
#   verify_units.sh BUILD_DIR PREFIX UNIT...
# Exits 77 (skipped) when a unit's program is not built in this tree.
set -eu
build=$1
prefix=$2
shift 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM

DESTDIR="$root" cmake --install "$build" >/dev/null
units="$root$prefix/lib/systemd/system"
[ -d "$units" ] || { echo "no units were installed under $units"; exit 1; }
# systemd looks under the root's /usr/lib, /lib and /etc; the host's units
# go where it looks, ours stay where the prefix put them.
mkdir -p "$root/usr/lib/systemd/system"
for host in /usr/lib/systemd/system /lib/systemd/system; do
  [ -d "$host" ] && cp -Rn "$host/." "$root/usr/lib/systemd/system/" 2>/dev/null || true
done

status=0
for unit in "$@"; do
  program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units/$unit" 2>/dev/null || true)
  if [ -n "$program" ] && [ ! -x "$root$program" ]; then
    echo "skipped $unit: $program is not built in this tree"
    exit 77
  fi
  output=$(systemd-analyze verify --man=no --root="$root" "$units/$unit" 2>&1) || status=1
  if [ -n "$output" ]; then
    echo "$unit:"
    echo "$output"
    status=1
  else
    echo "$unit: verified"
  fi
done
exit $status
