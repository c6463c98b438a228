#!/bin/sh
# Benchmark: the server's peak resident memory (VmHWM) under hostile bodies,
# the figures behind docs/server.md's memory bound. Per run, on a fresh
# server with the default limits: the peak at start, after four 8 MB batches
# of 2.8 million empty lists sent at once (issue 12: 854 MB before the
# batch was counted without a tree), and after four 8 MB batches of 500
# valid items with long texts at once (the largest honest load). Prints each
# run and the medians, in MB.
#
#   bench/server_memory_bench.sh [BUILD_DIR [REPEATS]]     e.g. bench/server_memory_bench.sh build 5
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/server.sh"
build=$(cd "${1:-$here/build}" && pwd)
repeats=${2:-3}
server_bin="$build/server/kotak-server"
for program in "$server_bin" curl python3; do
  command -v "$program" >/dev/null 2>&1 || [ -x "$program" ] || { echo "bench: $program is missing"; exit 1; }
done
make_workdir

# The two bodies, made once.
python3 - "$work" <<'PY'
import json, sys, uuid
work = sys.argv[1]
limit = 8 * 1024 * 1024
head, tail = '{"protocol":1,"submissions":[', ']}'
n = (limit - len(head) - len(tail) + 1) // 3
open(f"{work}/empty.json", "w").write(head + ",".join(["[]"] * n) + tail)
items = []
for i in range(500):
    items.append({"id": str(uuid.uuid4()), "created_at": "2026-01-05T09:00:00.000+07:00",
                  "kind": "written", "type": "keluhan", "rating": 2, "urgent": False,
                  "identity_mode": "anonim", "language": "id",
                  "text": "\U0001F600" * 4000})
body = json.dumps({"protocol": 1, "submissions": items}, ensure_ascii=False)
assert len(body.encode()) <= limit, len(body.encode())
open(f"{work}/long.json", "w", encoding="utf-8").write(body)
PY

peak_mb() { awk '/VmHWM/ {printf "%.1f\n", $2 / 1024}' "/proc/$1/status"; }

four_at_once() {  # FILE: four POSTs of it at once (waits for them, not for the server)
  pids=""
  for i in 1 2 3 4; do
    curl -s -o /dev/null -H "Authorization: Bearer $(cat "$dir/token")" \
      -H 'Content-Type: application/json' --data-binary "@$1" \
      "http://127.0.0.1:$port/api/v1/submissions" &
    pids="$pids $!"
  done
  for pid in $pids; do wait "$pid"; done
}

: >"$work/start" ; : >"$work/empty" ; : >"$work/long"
run=1
while [ "$run" -le "$repeats" ]; do
  dir="$work/run-$run"
  mkdir -p "$dir"
  printf '[server]\nlisten = "127.0.0.1"\nport = 0\n[storage]\ndatabase = "%s/server.db"\n' "$dir" >"$dir/server.toml"
  "$server_bin" --config "$dir/server.toml" facility add --id pkm-bench --name Bench >/dev/null
  "$server_bin" --config "$dir/server.toml" device add --facility pkm-bench --name kiosk-1 \
    --token-file "$dir/token" >/dev/null
  start_server "$server_bin" "$dir/server.toml" "$dir"
  start=$(peak_mb "$server_pid")
  four_at_once "$work/empty.json"
  empty=$(peak_mb "$server_pid")
  four_at_once "$work/long.json"
  long=$(peak_mb "$server_pid")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "run $run: peak $start MB at start, $empty MB after 4 x 8 MB of empty lists, $long MB after 4 x 8 MB of long texts"
  echo "$start" >>"$work/start"; echo "$empty" >>"$work/empty"; echo "$long" >>"$work/long"
  run=$((run + 1))
done
echo "median peak RSS: $(median <"$work/start") MB at start, $(median <"$work/empty") MB after the empty lists, $(median <"$work/long") MB after the long texts"
