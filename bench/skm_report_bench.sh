#!/bin/sh
# Benchmark: the SKM semester report over N kiosk SKM answers (default
# 1,000,000) of one facility in the last complete semester, on the engine
# KOTAK_BENCH_ENGINE names (sqlite, the default, or postgresql). The answers
# are written straight into the server database with SQL, as ingest stores
# them; they are counted as they go in (schema version 24: by the
# database's triggers; on SQLite since version 26 by ingest's statements,
# which kotak-test-database prints), so the report reads counts, not
# answers. A running kotak-server answers GET /api/staff/skm to a logged-in mutu (the semester with its
# profile, ten semesters back for the trend, JSON). Prints each request's
# wall time, the median beside the 200 ms target, the respondents the
# report counted beside a recount of the answers with SQL, and the
# database's size.
#
#   bench/skm_report_bench.sh [BUILD_DIR [N [REPEATS]]]   e.g. KOTAK_BENCH_ENGINE=postgresql bench/skm_report_bench.sh build 1000000 11
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/server.sh"
server_bin="$(cd "${1:-$root/build}" && pwd)/server/kotak-server"
n=${2:-1000000} repeats=${3:-11}
target_ms=200
petugas_server skm
server device add --facility pkm-bench --name kiosk-1 --token-file "$work/token" >/dev/null
server user add --username mutu --name Mutu --facility pkm-bench --role mutu \
  --password-file "$work/password" >/dev/null

# The last complete semester, from its first midnight in Jakarta (+07:00);
# answers spread over its first 180 days, scores from the row number so
# that every element is answered and some are skipped.
this_year=$(date -u +%Y)
if [ "$(date -u +%m)" -gt 6 ]; then year=$this_year half=1 first=$this_year-01-01
else year=$((this_year - 1)) half=2 first=$year-07-01; fi
semester=$year-$half
start_ms=$(($(date -u -d "${first}T00:00:00+07:00" +%s) * 1000))
received_ms=$((start_ms + 200 * 86400000))
submission_values="'bench-' || i, 'pkm-bench', 'kiosk-1', 'h', $received_ms, 'network',
  $start_ms + (i % 180) * 86400000 + (i % 36000) * 1000, 420, 'skm', '', 'anonim', 'id'"
response_values="seq,
  CASE WHEN (i + 1) % 23 <> 0 THEN 1 + (i * 7 + 3) % 4 END, CASE WHEN (i + 2) % 23 <> 0 THEN 1 + (i * 7 + 6) % 4 END,
  CASE WHEN (i + 3) % 23 <> 0 THEN 1 + (i * 7 + 9) % 4 END, CASE WHEN (i + 4) % 23 <> 0 THEN 1 + (i * 7 + 12) % 4 END,
  CASE WHEN (i + 5) % 23 <> 0 THEN 1 + (i * 7 + 15) % 4 END, CASE WHEN (i + 6) % 23 <> 0 THEN 1 + (i * 7 + 18) % 4 END,
  CASE WHEN (i + 7) % 23 <> 0 THEN 1 + (i * 7 + 21) % 4 END, CASE WHEN (i + 8) % 23 <> 0 THEN 1 + (i * 7 + 24) % 4 END,
  CASE WHEN (i + 9) % 23 <> 0 THEN 1 + (i * 7 + 27) % 4 END,
  CASE i % 3 WHEN 0 THEN 'L' WHEN 1 THEN 'P' ELSE '' END,
  CASE i % 6 WHEN 0 THEN '<20' WHEN 1 THEN '20-29' WHEN 2 THEN '30-39' WHEN 3 THEN '40-49' WHEN 4 THEN '50-59' ELSE '60+' END,
  CASE i % 7 WHEN 0 THEN 'SD' WHEN 1 THEN 'SMP' WHEN 2 THEN 'SMA' WHEN 3 THEN 'D3' WHEN 4 THEN 'S1' WHEN 5 THEN 'S2' ELSE '' END,
  CASE i % 5 WHEN 0 THEN 'PNS' WHEN 1 THEN 'Swasta' WHEN 2 THEN 'Wirausaha' WHEN 3 THEN 'Lainnya' ELSE '' END,
  CASE i % 4 WHEN 0 THEN 'poli-umum' WHEN 1 THEN 'kia' WHEN 2 THEN 'apotek' ELSE '' END"
submission_columns="id, facility_id, device_id, content_hash, received_ms, source, created_at_ms,
  utc_offset_min, kind, unit, identity_mode, language"
response_columns="submission_seq, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_group, education, occupation, service"
# Respondents by a recount with SQL: answers with at least one element.
recount="SELECT count(*) FROM skm_responses WHERE coalesce(u1, u2, u3, u4, u5, u6, u7, u8, u9) IS NOT NULL"

echo "SKM report benchmark ($bench_engine): writing $n answers of $semester with SQL, counted as ingest counts them ..."
begin=$(date +%s.%N)
if [ "$bench_engine" = sqlite ]; then
  # Ingest counts a batch's answers itself on SQLite (schema 26): the same
  # statements, over every answer written here.
  skm_counts=$("$(dirname "$server_bin")/../tests/e2e/kotak-test-database" sqlite-skm-counts)
  sqlite3 "$work/skm.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO submissions ($submission_columns) SELECT $submission_values FROM n;
INSERT INTO skm_responses ($response_columns)
SELECT $response_values FROM (SELECT seq, CAST(substr(id, 7) AS INTEGER) AS i FROM submissions WHERE kind = 'skm');
$skm_counts
COMMIT;
ANALYZE;
SQL
  recounted=$(sqlite3 "$work/skm.db" "$recount")
else
  psql_skm() { PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$pg_host" -U kotak -d skm "$@"; }
  psql_skm <<SQL
BEGIN;
INSERT INTO submissions ($submission_columns)
SELECT $submission_values FROM generate_series(1::bigint, $n) AS i;
INSERT INTO skm_responses ($response_columns)
SELECT $response_values FROM (SELECT seq, substr(id, 7)::bigint AS i FROM submissions WHERE kind = 'skm') AS s;
COMMIT;
VACUUM ANALYZE;
SQL
  recounted=$(psql_skm -tA -c "$recount")
fi
awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN {printf "written in %.0f s\n", b - a}'
bytes=$(database_bytes skm)

start_server "$server_bin" "$work/server.toml" "$work"
url="http://127.0.0.1:$port"
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username": "mutu", "password": "bench-password-1"}' "$url/api/staff/login" >/dev/null
report="$url/api/staff/skm?semester=$semester"
curl -sf -b "$work/cookies" -o "$work/report.json" "$report"
respondents=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["respondents"])' "$work/report.json")
echo "report of $semester: $respondents respondents; a recount of the answers with SQL: $recounted"
[ "$respondents" = "$recounted" ] || { echo "bench: the report's respondents differ from the recount"; exit 1; }

: >"$work/times"
for _ in $(seq "$repeats"); do
  out=$(curl -s -o /dev/null -b "$work/cookies" -w '%{http_code} %{time_total}' "$report")
  [ "${out%% *}" = 200 ] || { echo "bench: the report answered ${out%% *}"; exit 1; }
  echo "${out#* }" | awk '{printf "%.1f\n", $1 * 1000}' >>"$work/times"
done
printf '%-10s %-34s %8s %8s %8s\n' engine call median max target
printf '%-10s %-34s %8s %8s %8s\n' "$bench_engine" "SKM report, ms ($repeats calls)" "$(median <"$work/times")" \
  "$(sort -n "$work/times" | tail -1)" "$target_ms"
awk -v b="$bytes" -v n="$n" 'BEGIN {printf "database: %.0f MB for %d answers (%.0f MB per million)\n", b / 1e6, n, b / 1e6 * 1e6 / n}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
