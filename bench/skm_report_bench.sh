#!/bin/sh
# Benchmark: the SKM semester report over N kiosk SKM answers (default
# 100,000) of one facility in one semester, with profiles. The answers are
# written straight into a server database with SQL (as ingest would store
# them); a running kotak-server answers GET /api/staff/skm to a logged-in
# user (read the semester, look back ten semesters for the trend, JSON).
# Prints each request's wall time and the median.
#
#   bench/skm_report_bench.sh [BUILD_DIR [N [REPEATS]]]     e.g. bench/skm_report_bench.sh build 100000 5
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/server.sh"
server_bin="$(cd "${1:-$root/build}" && pwd)/server/kotak-server"
n=${2:-100000} repeats=${3:-5}
[ -x "$server_bin" ] || { echo "bench: build kotak-server first ($server_bin)"; exit 1; }
for tool in sqlite3 curl; do
  command -v $tool >/dev/null || { echo "bench: needs $tool (apt-get install $tool)"; exit 1; }
done
make_workdir
cat >"$work/server.toml" <<TOML
[server]
listen = "127.0.0.1"
port = 0
[storage]
database = "$work/server.db"
TOML
server() { "$server_bin" --config "$work/server.toml" "$@"; }

server facility add --id pkm-bench --name "Puskesmas Bench" >/dev/null
server device add --facility pkm-bench --name kiosk-1 --token-file "$work/token" >/dev/null
server skm population --facility pkm-bench --semester 2026-2 --set 20000 >/dev/null
echo "bench-password-1" >"$work/password"
server user add --username mutu --name Mutu --facility pkm-bench --role mutu \
  --password-file "$work/password" >/dev/null
# N answers spread over July–December 2026 (+07:00), scores from the row
# number so that every element is answered and some are skipped.
sqlite3 "$work/server.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source,
                         created_at_ms, utc_offset_min, kind, unit, identity_mode, language)
SELECT printf('bench-%08d', i), 'pkm-bench', 'kiosk-1', 'h', 1798000000000, 'network',
       1782864000000 + (i % 180) * 86400000 + (i % 36000) * 1000, 420, 'skm',
       '', 'anonim', 'id' FROM n;
WITH r(seq, i) AS (SELECT seq, CAST(substr(id, 7) AS INTEGER) FROM submissions)
INSERT INTO skm_responses (submission_seq, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                           sex, age_group, education, occupation, service)
SELECT seq,
       CASE WHEN (i + 1) % 23 <> 0 THEN 1 + (i * 7 + 3) % 4 END,
       CASE WHEN (i + 2) % 23 <> 0 THEN 1 + (i * 7 + 6) % 4 END,
       CASE WHEN (i + 3) % 23 <> 0 THEN 1 + (i * 7 + 9) % 4 END,
       CASE WHEN (i + 4) % 23 <> 0 THEN 1 + (i * 7 + 12) % 4 END,
       CASE WHEN (i + 5) % 23 <> 0 THEN 1 + (i * 7 + 15) % 4 END,
       CASE WHEN (i + 6) % 23 <> 0 THEN 1 + (i * 7 + 18) % 4 END,
       CASE WHEN (i + 7) % 23 <> 0 THEN 1 + (i * 7 + 21) % 4 END,
       CASE WHEN (i + 8) % 23 <> 0 THEN 1 + (i * 7 + 24) % 4 END,
       CASE WHEN (i + 9) % 23 <> 0 THEN 1 + (i * 7 + 27) % 4 END,
       CASE i % 2 WHEN 0 THEN 'L' ELSE 'P' END, '30-39', 'SMA', 'Swasta',
       CASE i % 3 WHEN 0 THEN 'poli-umum' WHEN 1 THEN 'kia' ELSE '' END FROM r;
COMMIT;
SQL

start_server "$server_bin" "$work/server.toml" "$work"
url="http://127.0.0.1:$port"
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username": "mutu", "password": "bench-password-1"}' "$url/api/staff/login" >/dev/null

times=""
for run in $(seq "$repeats"); do
  start=$(date +%s%N)
  curl -sf -b "$work/cookies" "$url/api/staff/skm?semester=2026-2" >"$work/report.json"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  respondents=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["respondents"])' "$work/report.json")
  echo "run $run: ${ms} ms ($respondents respondents)"
  times="$times $ms"
done
echo "median SKM report over $n answers: $(printf '%s\n' $times | median) ms"
