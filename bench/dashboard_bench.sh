#!/bin/sh
# Benchmark: the staff dashboard's answers on a large register. Fills one
# puskesmas with N kiosk submissions through the real path (a kiosk database,
# `kotak-sync once`, the server's ingest; a quarter of them are written
# complaints, so N/4 cases), logs in over HTTP like the browser does, and
# times each page's API call REPEATS times with curl. Prints the median and
# the slowest time per call, in milliseconds, and the server's peak RSS.
#
# A district server holds about a year of 40 puskesmas; one busy puskesmas
# writes a few thousand complaints a year, so N = 200000 (50,000 cases in one
# facility) is several years of the busiest one.
#
#   bench/dashboard_bench.sh [BUILD_DIR [N [REPEATS]]]   e.g. bench/dashboard_bench.sh build 200000 21
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/server.sh"
build=$(cd "${1:-$here/build}" && pwd)
n=${2:-200000}
repeats=${3:-21}
server_bin="$build/server/kotak-server"
sync_bin="$build/sync/kotak-sync"
filler_bin="$build/tests/e2e/kotak-kiosk-filler"
for program in "$server_bin" "$sync_bin" "$filler_bin" /usr/bin/curl; do
  [ -x "$program" ] || { echo "bench: $program is missing (build with tests; install curl)"; exit 1; }
done
make_workdir

cat >"$work/server.toml" <<TOML
[server]
listen = "127.0.0.1"
port = 0
threads = 4
[storage]
database = "$work/server.db"
TOML
admin() { "$server_bin" --config "$work/server.toml" "$@" >/dev/null; }
admin facility add --id pkm-bench --name "Puskesmas Bench"
admin device add --facility pkm-bench --name kiosk-1 --token-file "$work/token"
printf 'bench-password-2026\n' >"$work/password"
admin user add --username petugas --name "Petugas Bench" --facility pkm-bench --role petugas \
  --password-file "$work/password"
start_server "$server_bin" "$work/server.toml" "$work"
base="http://127.0.0.1:$port"
cat >"$work/sync.toml" <<TOML
[server]
url = "$base"
token_file = "$work/token"
[storage]
database = "$work/kiosk.db"
[sync]
batch_items = 500
TOML
echo "dashboard benchmark: filling the register with $n submissions through kotak-sync ..."
start=$(date +%s.%N)
"$filler_bin" "$work/kiosk.db" "$n" pkm-bench kiosk-1
filled=$(date +%s.%N)
"$sync_bin" once --config "$work/sync.toml" 2>"$work/sync.log"
synced=$(date +%s.%N)
awk -v a="$start" -v b="$filled" -v c="$synced" -v n="$n" \
  'BEGIN {printf "filled the kiosk database in %.1f s; kotak-sync delivered them in %.1f s (%.0f/s)\n", b - a, c - b, n / (c - b)}'

jar="$work/cookies"
status=$(curl -s -o "$work/me.json" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
  -d '{"username": "petugas", "password": "bench-password-2026"}' "$base/api/staff/login")
[ "$status" = 200 ] || { echo "bench: log-in answered $status: $(cat "$work/me.json")"; exit 1; }
# The register's count stops at 10,000 ("lebih dari"): the file says how many.
total=$(sqlite3 "$work/server.db" "SELECT count(*) FROM cases")
[ "$total" -eq $((n / 4)) ] || { echo "bench: the register holds $total cases, not $((n / 4))"; exit 1; }
month=$(date +%Y-%m)


# time_call NAME PATH: REPEATS timed GETs (after one warm-up); every answer must be 200.
time_call() {
  name=$1
  path=$2
  curl -s -o /dev/null -b "$jar" "$base$path"
  : >"$work/times"
  for _ in $(seq "$repeats"); do
    out=$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' "$base$path")
    [ "${out%% *}" = 200 ] || { echo "bench: $path answered ${out%% *}"; exit 1; }
    echo "${out#* }" | awk '{printf "%.1f\n", $1 * 1000}' >>"$work/times"
  done
  printf '%-34s %8s %8s\n' "$name" "$(median <"$work/times")" "$(sort -n "$work/times" | tail -1)"
}

echo "register: $total cases; $repeats calls each, milliseconds"
printf '%-34s %8s %8s\n' "call" "median" "max"
time_call "register, first page" "/api/staff/cases"
time_call "register, page 100" "/api/staff/cases?page=100"
time_call "register, overdue only" "/api/staff/cases?overdue=1"
time_call "register, search a word" "/api/staff/cases?q=nomor%2012345"
time_call "register, search a register number" "/api/staff/cases?q=1234"
time_call "register, month + type + sort" "/api/staff/cases?month=$month&type=keluhan&sort=oldest"
time_call "a case" "/api/staff/cases/1"
time_call "new-case alerts" "/api/staff/alerts"
time_call "monthly recap" "/api/staff/recap?month=$month"
time_call "monthly recap CSV" "/api/staff/recap.csv?month=$month"
time_call "public board" "/api/public/board/pkm-bench"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")"
