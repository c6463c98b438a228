#!/bin/sh
# Benchmark (issue 13): the monthly recap of a month of N cases (default
# 200,000) in one puskesmas, on the engine KOTAK_BENCH_ENGINE names (sqlite,
# the default, or postgresql). The cases are written with SQL as
# bench/register_bench.sh writes them, all in the last complete month (UTC
# dates, Jakarta time): every channel, type and status, a unit, three in
# four answered (from minutes to ten days), one in three forwarded to a
# unit, most of those answered by it. Then a logged-in petugas asks
#   GET /api/staff/recap?month=       REPEATS times (target: median 300 ms),
#       the server's CPU per call beside it;
#   the same 4 at once, 3 rounds: the server's heap (RssAnon) at its
#       highest while they run, and its peak RSS (VmHWM);
#   GET /api/staff/recap/cases        (the first page of the case list);
# and, with node and Chromium (the browser tests' playwright-core), the
# time from navigation until the figures are shown and until the first
# page of the list is in (target: 2 s). The load average is printed too:
# on a shared machine every figure is worth reading beside it.
#
#   bench/recap_bench.sh [BUILD_DIR [N [REPEATS]]]   e.g. KOTAK_BENCH_ENGINE=postgresql bench/recap_bench.sh build
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/server.sh"
server_bin="$(cd "${1:-$root/build}" && pwd)/server/kotak-server"
n=${2:-200000} repeats=${3:-11}
target_ms=300 target_browser_ms=2000
petugas_server recap

# The last complete month: from its first midnight in Jakarta, N cases
# spread evenly over its days.
month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)
year=${month%-*}
start_ms=$(($(date -u -d "${month}-01T00:00:00+07:00" +%s) * 1000))
end_ms=$(($(date -u -d "$(date -u +%Y-%m-01)T00:00:00+07:00" +%s) * 1000))
step=$(( (end_ms - start_ms) / n ))
# Case i: received start + i * step; channel, type, unit and status cycle;
# answered after (i * 7919 % 240) hours and some minutes unless i % 4 = 0;
# forwarded when i % 3 = 0, answered by the unit unless i % 5 = 0.
values="'pkm-bench', $year, i, NULL, 'recap-' || i, '', received, 420, received,
       CASE i % 6 WHEN 0 THEN 'kiosk' WHEN 1 THEN 'qr_ponsel' WHEN 2 THEN 'sms_wa' WHEN 3 THEN 'telepon'
                  WHEN 4 THEN 'email' ELSE 'kotak_saran' END,
       CASE i % 4 WHEN 0 THEN 'poli-umum' WHEN 1 THEN 'kia' WHEN 2 THEN 'apotek' ELSE '' END,
       CASE i % 4 WHEN 0 THEN 'keluhan' WHEN 1 THEN 'saran' WHEN 2 THEN 'pujian' ELSE 'pertanyaan' END,
       0, NULL, 'anonim', 'Antrian di loket ' || (i % 7) || ' lama sekali, nomor ' || i || ' menunggu lama',
       received + 259200000,
       CASE i % 8 WHEN 0 THEN 'baru' WHEN 1 THEN 'diverifikasi' WHEN 2 THEN 'diteruskan' WHEN 3 THEN 'ditanggapi'
                  WHEN 4 THEN 'bukan_wewenang' WHEN 5 THEN 'arsip' ELSE 'selesai' END, received,
       CASE WHEN i % 4 = 0 THEN NULL ELSE received + (i * 7919 % 240) * 3600000 + (i % 60) * 60000 END,
       CASE WHEN i % 3 = 0 THEN CASE i % 9 WHEN 0 THEN 'kia' WHEN 3 THEN 'apotek' ELSE 'poli-umum' END ELSE '' END,
       CASE WHEN i % 3 = 0 THEN received + 3600000 END,
       CASE WHEN i % 3 = 0 AND i % 5 <> 0 THEN received + 3600000 + (i * 104729 % 96) * 3600000 END"
columns="facility_id, year, number, submission_id, public_id, ticket, received_ms, utc_offset_min, recorded_ms,
         channel, unit, type, urgent, rating, identity_mode, content, due_ms, status, updated_ms,
         first_answer_ms, forwarded_unit, forwarded_ms, unit_response_ms"
echo "recap benchmark ($bench_engine): writing $n cases of $month with SQL ..."
begin=$(date +%s.%N)
if [ "$bench_engine" = sqlite ]; then
  sqlite3 "$work/recap.db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $n - 1),
     r(i, received) AS (SELECT i, $start_ms + i * $step FROM s)
INSERT INTO cases ($columns) SELECT $values FROM r;
INSERT INTO register_counters (facility_id, year, last_number) VALUES ('pkm-bench', $year, $n);
-- Ingest fills the text index itself (schema 26); rows written with SQL are
-- indexed here, in one pass.
INSERT INTO cases_text (cases_text) VALUES ('rebuild');
COMMIT;
ANALYZE;
SQL
else
  PGPASSWORD=$(cat "$pg_password_file") "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$pg_host" -U kotak -d recap <<SQL
BEGIN;
INSERT INTO cases ($columns)
SELECT $values FROM (SELECT i, $start_ms + i::bigint * $step AS received FROM generate_series(0::bigint, $n - 1) AS i) AS r;
INSERT INTO register_counters (facility_id, year, last_number) VALUES ('pkm-bench', $year, $n);
COMMIT;
VACUUM ANALYZE cases;
SQL
fi
awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN {printf "written in %.0f s\n", b - a}'

start_server "$server_bin" "$work/server.toml" "$work"
base="http://127.0.0.1:$port"
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username": "petugas", "password": "bench-password-1"}' "$base/api/staff/login" >/dev/null
recap="$base/api/staff/recap?month=$month"
curl -sf -b "$work/cookies" -o "$work/recap.json" "$recap"
echo "recap of $month: $(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r["cases"], "cases,", r["answered"], "answered, median", round(r["median_hours"], 1), "h")' "$work/recap.json"), $(wc -c <"$work/recap.json") bytes of JSON"

# cpu_ticks: the server's user + system CPU so far, in clock ticks; on
# PostgreSQL its cluster's too (the postmaster and its backends; the
# server's pool keeps its connections open), and that of the postmaster's
# children that ended (the parallel workers of a query; autovacuum's too).
cpu_ticks() {
  pids=$server_pid
  if [ "$bench_engine" = postgresql ]; then
    postmaster=$(head -1 "$pg_data/postmaster.pid")
    pids="$pids $postmaster $(ps -e -o pid=,ppid= | awk -v p="$postmaster" '$2 == p {print $1}')"
  fi
  for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null; done |
    awk -v p="${postmaster:-}" '{t += $14 + $15} $1 == p {t += $16 + $17} END {print t}'
}
tick_hz=$(getconf CLK_TCK)
: >"$work/times"
cpu_before=$(cpu_ticks)
for _ in $(seq "$repeats"); do
  out=$(curl -s -o /dev/null -b "$work/cookies" -w '%{http_code} %{time_total}' "$recap")
  [ "${out%% *}" = 200 ] || { echo "bench: the recap answered ${out%% *}"; exit 1; }
  echo "${out#* }" | awk '{printf "%.1f\n", $1 * 1000}' >>"$work/times"
done
cpu_ms=$(awk -v a="$cpu_before" -v b="$(cpu_ticks)" -v hz="$tick_hz" -v r="$repeats" 'BEGIN {printf "%.0f", (b - a) * 1000 / hz / r}')
med=$(median <"$work/times")
load=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%-10s %-34s %8s %8s %8s  %s\n' engine call median max target ""
printf '%-10s %-34s %8s %8s %8s  %s\n' "$bench_engine" "recap, ms ($repeats calls)" "$med" "$(sort -n "$work/times" | tail -1)" \
  "$target_ms" "$(awk -v m="$med" -v t="$target_ms" 'BEGIN {print (m <= t) ? "met" : "NOT met"}')"
echo "CPU per recap (the server$( [ "$bench_engine" = postgresql ] && echo ' and PostgreSQL')): $cpu_ms ms; load average: $load ($(nproc) cores)"

# Memory: VmHWM counts the database file's pages SQLite maps (mmap_size) as
# well; the heap is RssAnon, sampled every 50 ms while the recaps run.
anon() { awk '/RssAnon/ {print $2}' "/proc/$server_pid/status"; }
anon_before=$(anon)
( while :; do anon; sleep 0.05; done >"$work/anon" ) &
sampler=$!
for _ in 1 2 3; do
  pids=""
  for _ in 1 2 3 4; do
    curl -sf -o /dev/null -b "$work/cookies" "$recap" &
    pids="$pids $!"
  done
  wait $pids  # the curls only: the server is a child too
done
kill "$sampler"
echo "server heap (RssAnon) before: $((anon_before / 1024)) MB; highest while 4 recaps run at once (3 rounds): $(sort -n "$work/anon" | tail -1 | awk '{printf "%d MB", $1 / 1024}'); peak RSS with the mapped database (VmHWM): $(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$server_pid/status")"
page=$(curl -s -o /dev/null -b "$work/cookies" -w '%{time_total}' "$base/api/staff/recap/cases?month=$month" | awk '{printf "%.1f", $1 * 1000}')
echo "first page of the case list: $page ms"

if command -v node >/dev/null && [ -d "$root/tests/web/node_modules/playwright-core" ]; then
  node "$root/bench/recap_browser.mjs" "$base" petugas bench-password-1 "$month" 5 >"$work/browser" || { echo "bench: the browser run failed"; exit 1; }
  stats=$(cut -d' ' -f1 "$work/browser" | median)
  list=$(cut -d' ' -f2 "$work/browser" | median)
  echo "browser, median of 5 loads: figures shown after $stats ms, first page of the list after $list ms (target $target_browser_ms: $(awk -v m="$stats" -v t="$target_browser_ms" 'BEGIN {print (m <= t) ? "met" : "NOT met"}')); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "browser: skipped (needs node and tests/web/node_modules, scripts/install-deps)"
fi
