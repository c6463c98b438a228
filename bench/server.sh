# Shared by the benchmarks (sourced, POSIX sh). start_server BIN CONFIG DIR
# runs `BIN serve` in the background with its output in DIR, and waits for
# the port it listens on; sets server_pid and port.
start_server() {
  "$1" serve --config "$2" >"$3/server.out" 2>"$3/server.log" &
  server_pid=$!
  port=""
  while [ -z "$port" ]; do
    sleep 0.1
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: kotak-server stopped:" >&2; cat "$3/server.log" >&2; exit 1; }
    port=$(sed -n 's/.*listening on http:.*:\([0-9]*\)$/\1/p' "$3/server.out")
  done
}

# make_workdir: a scratch directory in $work, removed on exit together with
# the server start_server left running and the PostgreSQL cluster.
make_workdir() {
  work=$(mktemp -d)
  chmod 755 "$work"  # PostgreSQL runs as its own user under root
  server_pid=""
  pg_data=""
  trap 'cleanup_workdir' EXIT INT TERM
}
cleanup_workdir() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$pg_data" ] && pg_as "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}

# The engine every benchmark runs on: KOTAK_BENCH_ENGINE=sqlite (the
# default) or postgresql. Each figure is printed with its engine.
bench_engine=${KOTAK_BENCH_ENGINE:-sqlite}
case "$bench_engine" in
  sqlite|postgresql) ;;
  *) echo "bench: KOTAK_BENCH_ENGINE is '$bench_engine'; use sqlite or postgresql"; exit 1 ;;
esac

# pg_as COMMAND...: runs a PostgreSQL program as the cluster's owner
# (postgres under root, else the invoking user).
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --clear-groups -- "$@"; else "$@"; fi
}

# cpu_ticks PID: the CPU ticks (user + system) of one process so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The CPU ticks of the PostgreSQL cluster's processes so far (the backends
# do the database's share of ingest: it counts as the server's).
cluster_ticks() {
  [ -n "$pg_data" ] || { echo 0; return; }
  master=$(head -1 "$pg_data/postmaster.pid")
  for p in $master $(pgrep -P "$master"); do cat "/proc/$p/stat" 2>/dev/null; done |
    awk '{t += $14 + $15} END {print t + 0}'
}
# start_postgres: a cluster of its own in $work/pg on a Unix socket, durable
# as a district server's (fsync and synchronous commit on, the defaults),
# with the memory a database server of a district would give it and the
# cost of a random read on an SSD (docs/server.md says why). Sets pg_host and
# pg_password_file.
start_postgres() {
  pg_bin=$(pg_config --bindir)
  pg_data="$work/pg/data"
  pg_host="$work/pg"
  pg_password_file="$work/pg/password"
  mkdir -p "$pg_data"
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pg_password_file"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$work/pg"
  pg_as "$pg_bin/initdb" -D "$pg_data" -U kotak --pwfile="$pg_password_file" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
  cat >>"$pg_data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$pg_host'
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 32MB
maintenance_work_mem = 256MB
max_wal_size = 8GB
random_page_cost = 1.1
CONF
  pg_as "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w start >/dev/null || { cat "$work/pg/server.log"; exit 1; }
}

# storage_toml NAME: the storage part of a server.toml for the database
# NAME of the engine ($work/NAME.db, or a new PostgreSQL database NAME).
storage_toml() {
  if [ "$bench_engine" = sqlite ]; then
    printf '[storage]\ndatabase = "%s"\n' "$work/$1.db"
  else
    [ -n "$pg_data" ] || start_postgres
    PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -q -h "$pg_host" -U kotak -d postgres \
      -c "CREATE DATABASE $1" >/dev/null
    # The seal keys live beside a SQLite file; here they need a folder.
    printf '[storage]\nseal_key_dir = "%s"\n' "$work/$1-seal-keys"
    printf '[postgresql]\nhost = "%s"\nuser = "kotak"\ndbname = "%s"\npassword_file = "%s"\npool = 8\n' \
      "$pg_host" "$1" "$pg_password_file"
  fi
}

# database_bytes NAME: the database's size on disk (for SQLite the file and
# its write-ahead log).
database_bytes() {
  if [ "$bench_engine" = sqlite ]; then
    du -cb "$work/$1.db"* | tail -1 | cut -f1
  else
    PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -qtA -h "$pg_host" -U kotak -d postgres \
      -c "SELECT pg_database_size('$1')"
  fi
}

# The median of numbers on standard input, one a line (mean of the middle two
# for an even count).
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# petugas_server NAME: checks for kotak-server at $server_bin, curl, python3
# (and sqlite3 for SQLite); a work directory with a server.toml on the
# database NAME, the facility pkm-bench and its petugas (password
# bench-password-1); server() runs kotak-server's commands on it.
petugas_server() {
  [ -x "$server_bin" ] || { echo "bench: build kotak-server first ($server_bin)"; exit 1; }
  for tool in curl python3; do
    command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
  done
  [ "$bench_engine" = postgresql ] || command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3"; exit 1; }
  make_workdir
  { printf '[server]\nlisten = "127.0.0.1"\nport = 0\nthreads = 4\n'; storage_toml "$1"; } >"$work/server.toml"
  server facility add --id pkm-bench --name "Puskesmas Bench" >/dev/null
  echo "bench-password-1" >"$work/password"
  server user add --username petugas --name Petugas --facility pkm-bench --role petugas \
    --password-file "$work/password" >/dev/null
}
server() { "$server_bin" --config "$work/server.toml" "$@"; }
