#!/bin/sh
# A throwaway PostgreSQL cluster for the tests (ctest's fixture "pg"):
#
#   pg_cluster.sh start STATE_FILE   initdb + pg_ctl start in a fresh folder under
#                                    $TMPDIR; writes STATE_FILE for the tests
#   pg_cluster.sh stop STATE_FILE    stops the cluster and removes its folder
#
# The cluster listens only on a Unix socket in its own folder (no port to
# clash with another build's cluster), takes its superuser kotak_test with a
# random password (scram-sha-256, read by the tests from a password file, as
# a district server reads its own), and trades durability for speed: it is
# thrown away. PostgreSQL refuses to run as root, so under root (CI) it runs
# as the unprivileged user postgres (Debian's postgresql package makes it),
# else nobody. STATE_FILE holds host=, user= and password_file= lines.
#
# A watchdog stops the cluster when the process that started this script
# (ctest) is gone, so an interrupted test run leaves no server behind;
# KOTAK_PG_WATCH_PID names another process to watch, 0 none (by hand).
set -eu

command=${1:-}
state=${2:-}
[ -n "$command" ] && [ -n "$state" ] || { echo "usage: $0 start|stop STATE_FILE" >&2; exit 2; }
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/initdb" ] || bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg_cluster: PostgreSQL is not installed; run scripts/install-deps" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$owner" --regid="$owner" --clear-groups -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  dir=$1
  if [ -d "$dir/data" ]; then
    owner=$(stat -c %U "$dir/data")
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$command" in
  start)
    if [ -f "$state" ]; then
      stop_cluster "$(sed -n 's/^host=//p' "$state")"
      rm -f "$state"
    fi
    owner=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
      owner=nobody
      id postgres >/dev/null 2>&1 && owner=postgres
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kotak-pg-XXXXXX")
    chmod 755 "$dir"
    mkdir "$dir/data"
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/password"
    chmod 644 "$dir/password"  # the tests run as the invoking user; the folder is theirs
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir" "$dir/data"
    as_owner "$bindir/initdb" -D "$dir/data" -U kotak_test --pwfile="$dir/password" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    # libfaketime (make test-moved-clock) is for the programs under test,
    # not for the database server they talk to.
    as_owner env -u LD_PRELOAD -u FAKETIME "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    printf 'host=%s\nuser=kotak_test\npassword_file=%s\n' "$dir" "$dir/password" >"$state"
    parent=${KOTAK_PG_WATCH_PID:-$PPID}
    [ "$parent" = 0 ] || (
      setsid sh -c "while kill -0 $parent 2>/dev/null && [ -f '$state' ]; do sleep 2; done
        [ -f '$state' ] && grep -q 'host=$dir\$' '$state' && rm -f '$state'
        if [ -d '$dir/data' ]; then $(command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ] &&
          echo "setpriv --reuid=$owner --regid=$owner --clear-groups --") '$bindir/pg_ctl' -D '$dir/data' -m immediate -w stop; fi
        rm -rf '$dir'" </dev/null >/dev/null 2>&1 &
    )
    echo "pg_cluster: $("$bindir/postgres" --version) on $dir as $owner"
    ;;
  stop)
    [ -f "$state" ] || exit 0
    dir=$(sed -n 's/^host=//p' "$state")
    rm -f "$state"
    stop_cluster "$dir"
    echo "pg_cluster: stopped and removed $dir"
    ;;
  *)
    echo "usage: $0 start|stop STATE_FILE" >&2
    exit 2
    ;;
esac
