#!/bin/sh
# Benchmark (issue 13, "speed at a million"): the register's list at the
# API with N cases (default 1,000,000) in one puskesmas, on the engine
# KOTAK_BENCH_ENGINE names (sqlite, the default, or postgresql). The cases
# are written with SQL in the shape ingest stores them (filling a million
# through kotak-sync takes too long for a benchmark; bench/dashboard_bench.sh
# goes the real way with fewer): received over the last year, a third open,
# some urgent, ratings 1-4, each with a text of its own. A logged-in
# petugas then asks GET /api/staff/cases REPEATS times per call with curl;
# each call prints its median and slowest milliseconds beside the target.
#
#   bench/register_bench.sh [BUILD_DIR [N [REPEATS]]]   e.g. KOTAK_BENCH_ENGINE=postgresql bench/register_bench.sh build
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/server.sh"
server_bin="$(cd "${1:-$root/build}" && pwd)/server/kotak-server"
n=${2:-1000000} repeats=${3:-11}
target_ms=50
petugas_server register

now_ms=$(($(date +%s) * 1000))
year=$(date -u +%Y)
# Case i: received i * (one year / N) before now; 3 of 10 open (baru,
# diverifikasi, diteruskan), the rest closed or answered; 1 in 40 urgent;
# rating 1..4 or none; due three days after arrival.
echo "register benchmark ($bench_engine): writing $n cases with SQL ..."
start=$(date +%s.%N)
if [ "$bench_engine" = sqlite ]; then
  sqlite3 "$work/register.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n),
     r(i, received) AS (SELECT i, $now_ms - i * (31536000000 / $n) - 60000 FROM n)
INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
                   utc_offset_min, recorded_ms, channel, unit, type, urgent, rating, identity_mode,
                   content, due_ms, status, updated_ms)
SELECT 'pkm-bench', $year, i, NULL, printf('bench-%08d', i), '', received, 420, received, 'kiosk',
       CASE i % 4 WHEN 0 THEN 'poli-umum' WHEN 1 THEN 'kia' WHEN 2 THEN 'farmasi' ELSE '' END,
       CASE i % 4 WHEN 0 THEN 'keluhan' WHEN 1 THEN 'saran' WHEN 2 THEN 'pujian' ELSE 'pertanyaan' END,
       i % 40 = 0, CASE WHEN i % 5 = 4 THEN NULL ELSE 1 + i % 4 END,
       CASE WHEN i % 9 = 0 THEN 'named' ELSE 'anonim' END,
       printf('Antrian di loket %d lama sekali, nomor %d menunggu %d menit; mohon petugas %s', i % 7, i,
              10 + i % 50, CASE i % 3 WHEN 0 THEN 'lebih ramah' WHEN 1 THEN 'menambah loket' ELSE 'tepat waktu' END),
       received + 259200000,
       CASE i % 10 WHEN 0 THEN 'baru' WHEN 1 THEN 'diverifikasi' WHEN 2 THEN 'diteruskan'
                   WHEN 3 THEN 'ditanggapi' ELSE 'selesai' END, received FROM r;
INSERT INTO register_counters (facility_id, year, last_number) VALUES ('pkm-bench', $year, $n);
-- Ingest fills the text index itself (schema 26); rows written with SQL are
-- indexed here, in one pass.
INSERT INTO cases_text (cases_text) VALUES ('rebuild');
COMMIT;
ANALYZE;
SQL
else
  PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$pg_host" -U kotak -d register <<SQL
BEGIN;
INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
                   utc_offset_min, recorded_ms, channel, unit, type, urgent, rating, identity_mode,
                   content, due_ms, status, updated_ms)
SELECT 'pkm-bench', $year, i, NULL, format('bench-%s', lpad(i::text, 8, '0')), '', received, 420, received, 'kiosk',
       CASE i % 4 WHEN 0 THEN 'poli-umum' WHEN 1 THEN 'kia' WHEN 2 THEN 'farmasi' ELSE '' END,
       CASE i % 4 WHEN 0 THEN 'keluhan' WHEN 1 THEN 'saran' WHEN 2 THEN 'pujian' ELSE 'pertanyaan' END,
       (i % 40 = 0)::int, CASE WHEN i % 5 = 4 THEN NULL ELSE 1 + i % 4 END,
       CASE WHEN i % 9 = 0 THEN 'named' ELSE 'anonim' END,
       format('Antrian di loket %s lama sekali, nomor %s menunggu %s menit; mohon petugas %s', i % 7, i,
              10 + i % 50, CASE i % 3 WHEN 0 THEN 'lebih ramah' WHEN 1 THEN 'menambah loket' ELSE 'tepat waktu' END),
       received + 259200000,
       CASE i % 10 WHEN 0 THEN 'baru' WHEN 1 THEN 'diverifikasi' WHEN 2 THEN 'diteruskan'
                   WHEN 3 THEN 'ditanggapi' ELSE 'selesai' END, received
FROM (SELECT i, $now_ms - i * (31536000000 / $n) - 60000 AS received FROM generate_series(1, $n) AS i) AS r;
INSERT INTO register_counters (facility_id, year, last_number) VALUES ('pkm-bench', $year, $n);
COMMIT;
VACUUM ANALYZE cases;
SQL
fi
filled=$(date +%s.%N)
awk -v a="$start" -v b="$filled" 'BEGIN {printf "written in %.0f s\n", b - a}'
echo "database: $(database_bytes register | awk -v n="$n" '{printf "%.0f MB (%.0f bytes per case)", $1 / 1e6, $1 / n}')"

start_server "$server_bin" "$work/server.toml" "$work"
base="http://127.0.0.1:$port"
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username": "petugas", "password": "bench-password-1"}' "$base/api/staff/login" >/dev/null

# field JSON_FILE NAME: a top-level field of an answer.
field() { python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]; print("" if v is None else v)' "$1" "$2"; }

# time_call NAME PATH: REPEATS timed GETs after one warm-up; each must be 200.
time_call() {
  curl -s -o "$work/answer.json" -b "$work/cookies" "$base$2"
  : >"$work/times"
  for _ in $(seq "$repeats"); do
    out=$(curl -s -o /dev/null -b "$work/cookies" -w '%{http_code} %{time_total}' "$base$2")
    [ "${out%% *}" = 200 ] || { echo "bench: $2 answered ${out%% *}"; exit 1; }
    echo "${out#* }" | awk '{printf "%.1f\n", $1 * 1000}' >>"$work/times"
  done
  med=$(median <"$work/times")
  printf '%-10s %-36s %8s %8s %8s  %s\n' "$bench_engine" "$1" "$med" "$(sort -n "$work/times" | tail -1)" \
    "$target_ms" "$(awk -v m="$med" -v t="$target_ms" 'BEGIN {print (m <= t) ? "met" : "NOT met"}')"
}

total=$(curl -sf -b "$work/cookies" "$base/api/staff/cases" >"$work/first.json" && field "$work/first.json" total)
echo "register: $n cases (the list counts $total$( [ "$(field "$work/first.json" total_capped)" = True ] && echo '+')); $repeats calls each, milliseconds"
printf '%-10s %-36s %8s %8s %8s  %s\n' engine call median max target
time_call "first page" "/api/staff/cases"
# A page deep in the list: walk 100 pages by their cursors, then time the next.
cursor=$(field "$work/first.json" next)
for _ in $(seq 99); do
  curl -sf -b "$work/cookies" "$base/api/staff/cases?after=$cursor" >"$work/page.json"
  cursor=$(field "$work/page.json" next)
done
time_call "page 101 (by cursor)" "/api/staff/cases?after=$cursor&page=101"
# The middle of the list: the cursor of case N/2 in list order.
if [ "$bench_engine" = sqlite ]; then
  middle=$(sqlite3 -separator . "$work/register.db" \
    "SELECT list_rank, list_key, list_age, list_seq FROM cases WHERE facility_id = 'pkm-bench'
     ORDER BY list_rank, list_key, list_age, list_seq LIMIT 1 OFFSET $((n / 2))")
else
  middle=$(PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -qtA -F . -h "$pg_host" -U kotak -d register -c \
    "SELECT list_rank, list_key, list_age, list_seq FROM cases WHERE facility_id = 'pkm-bench'
     ORDER BY list_rank, list_key, list_age, list_seq LIMIT 1 OFFSET $((n / 2))")
fi
time_call "the middle page (by cursor)" "/api/staff/cases?after=$middle"
time_call "the page before it (by cursor)" "/api/staff/cases?before=$middle"
time_call "overdue only" "/api/staff/cases?overdue=1"
time_call "search a word (nomor 12345)" "/api/staff/cases?q=nomor%2012345"
time_call "search a register number" "/api/staff/cases?q=$((n / 3))"
month=$(date -u -d '@'$(( $(date +%s) - 60 * 86400 )) +%Y-%m)
time_call "filter month + type, oldest first" "/api/staff/cases?month=$month&type=keluhan&sort=oldest"
time_call "filter open + unit, by due" "/api/staff/cases?status=open&unit=kia&sort=due"
time_call "newest first, page 101 (by cursor)" "/api/staff/cases?sort=newest&after=$(( now_ms - 101 * 50 * (31536000000 / n) )).$((n / 2))"
echo "(not a target) a word in every case, and the old page=1000 link:"
time_call "search a common word (antrian)" "/api/staff/cases?q=antrian"
time_call "page 1000 by offset (old links)" "/api/staff/cases?page=1000"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")"
