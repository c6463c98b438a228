# Shared by the benchmarks (sourced, POSIX sh). start_server BIN CONFIG DIR
# runs `BIN serve` in the background with its output in DIR, and waits for
# the port it listens on; sets server_pid and port.
start_server() {
  "$1" serve --config "$2" >"$3/server.out" 2>"$3/server.log" &
  server_pid=$!
  port=""
  while [ -z "$port" ]; do
    sleep 0.1
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: kotak-server stopped:"; cat "$3/server.log"; exit 1; }
    port=$(sed -n 's/.*listening on http:.*:\([0-9]*\)$/\1/p' "$3/server.out")
  done
}

# make_workdir: a scratch directory in $work, removed on exit together with
# the server start_server left running.
make_workdir() {
  work=$(mktemp -d)
  server_pid=""
  trap 'cleanup_workdir' EXIT INT TERM
}
cleanup_workdir() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}

# The median of numbers on standard input, one a line (mean of the middle two
# for an even count).
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
