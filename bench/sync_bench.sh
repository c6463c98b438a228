#!/bin/sh
# Benchmark: N pending submissions delivered by one `kotak-sync once` to a
# local kotak-server. Prints, per run and as medians: the wall time, the
# agent's peak RSS, the end-to-end ingest rate, and the server's and the
# agent's CPU time (the server's counts the PostgreSQL cluster's on that engine;
# on a machine with a core for each, they overlap: the
# agent keeps two batches on the wire and reads and encodes the next while
# the server stores them).
# Runs a small queue too, to show the agent's memory does not grow with it.
# Targets: 100,000 in at most 5 s (issue 13; issue 4 asked 10 s), agent RSS
# at most 20 MB. KOTAK_BENCH_ENGINE=sqlite|postgresql chooses the server's
# engine (bench/server.sh).
#
#   bench/sync_bench.sh [BUILD_DIR [N [REPEATS]]]     e.g. bench/sync_bench.sh build 100000 5
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/server.sh"
build=$(cd "${1:-$here/build}" && pwd)
n=${2:-100000}
repeats=${3:-3}
server_bin="$build/server/kotak-server"
sync_bin="$build/sync/kotak-sync"
filler_bin="$build/tests/e2e/kotak-kiosk-filler"
for program in "$server_bin" "$sync_bin" "$filler_bin" /usr/bin/time; do
  [ -x "$program" ] || { echo "bench: $program is missing (build with tests; install 'time')"; exit 1; }
done
make_workdir
# Started here, not in a run's subshell, so that it is stopped on exit.
if [ "$bench_engine" = postgresql ]; then start_postgres; fi

# One measured run of `count` submissions; prints "wall_s rss_kb rate_per_s
# server_cpu_s agent_cpu_s".
measure() {
  count=$1
  dir="$work/run-$count-$$-$(date +%s%N)"
  mkdir -p "$dir"
  {
    printf '[server]\nlisten = "127.0.0.1"\nport = 0\nthreads = 4\n'
    storage_toml "sync_${count}_$(date +%s%N)"
  } >"$dir/server.toml"
  "$server_bin" --config "$dir/server.toml" facility add --id pkm-bench --name Bench >/dev/null
  "$server_bin" --config "$dir/server.toml" device add --facility pkm-bench --name kiosk-1 \
    --token-file "$dir/token" >/dev/null
  start_server "$server_bin" "$dir/server.toml" "$dir"
  cat >"$dir/sync.toml" <<TOML
[server]
url = "http://127.0.0.1:$port"
token_file = "$dir/token"
[storage]
database = "$dir/kiosk.db"
[sync]
batch_items = 500
TOML
  "$filler_bin" "$dir/kiosk.db" "$count" pkm-bench kiosk-1
  sync  # the queue is on disk before the clock starts
  before=$(($(cpu_ticks "$server_pid") + $(cluster_ticks)))
  /usr/bin/time -f "%e %M %U %S" -o "$dir/time" "$sync_bin" once --config "$dir/sync.toml" 2>"$dir/sync.log"
  after=$(($(cpu_ticks "$server_pid") + $(cluster_ticks)))
  stored=$("$server_bin" --config "$dir/server.toml" stats --json | sed 's/.*"submissions":\([0-9]*\).*/\1/')
  [ "$stored" -eq "$count" ] || { echo "bench: the server holds $stored of $count"; exit 1; }
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  read -r wall rss user system <"$dir/time"
  ticks=$(getconf CLK_TCK)
  awk -v w="$wall" -v r="$rss" -v c="$count" -v t="$((after - before))" -v k="$ticks" -v a="$user" -v s="$system" \
    'BEGIN {printf "%.2f %d %.0f %.2f %.2f\n", w, r, c / w, t / k, a + s}'
  rm -rf "$dir"
}

small=$((n / 10))
echo "kotak-sync benchmark: $n pending submissions, $repeats runs (and $small for memory)"
echo "run  wall_s  agent_rss_kb  ingest_per_s  server_cpu_s  agent_cpu_s"
: >"$work/results"
for i in $(seq "$repeats"); do
  line=$(measure "$n")
  echo "$i    $line"
  echo "$line" >>"$work/results"
done
small_rss=$(for i in $(seq "$repeats"); do measure "$small"; done | awk '{print $2}' | median)
wall=$(awk '{print $1}' "$work/results" | median)
rss=$(awk '{print $2}' "$work/results" | median)
rate=$(awk '{print $3}' "$work/results" | median)
cpu=$(awk '{print $4}' "$work/results" | median)
agent_cpu=$(awk '{print $5}' "$work/results" | median)
echo "median ($bench_engine): $wall s wall, agent peak RSS $rss KB ($small_rss KB for $small), $rate submissions/s, server CPU $cpu s, agent CPU $agent_cpu s"
awk -v w="$wall" -v r="$rss" 'BEGIN {
  printf "targets: wall <= 5 s: %s; agent RSS <= 20480 KB: %s\n",
         (w <= 5 ? "met" : "NOT met"), (r <= 20480 ? "met" : "NOT met") }'
