#!/bin/sh
# The kiosk's figures against the targets of issue 3. Prints; never fails a
# build (benchmarks are not timed tests).
#
#   bench/kiosk_bench.sh [BUILD_DIR]        (default: build)
#
# - start to first frame and peak RSS: the real frame loop (SDL's dummy
#   video driver, software renderer, a 1920x1080 window), median of 5 starts;
# - CPU over 60 s idle on home (BENCH_IDLE_SECONDS to change), with a board
#   of three answered complaints rotating every 8 s;
# - frame time median and p99 during a scripted session (bench/session.txt:
#   rate, write a complaint, fill in the survey) at 1280x800 and 1920x1080,
#   headless with the software renderer; wall time and CPU time of the
#   drawing thread (they differ when other programs compete for the CPU).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
kiosk="$build/kiosk/kotak-kiosk"
[ -x "$kiosk" ] || { echo "kiosk_bench: build first: $kiosk is missing"; exit 1; }
idle_seconds=${BENCH_IDLE_SECONDS:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed -e "s|/var/lib/kotak/kiosk.db|$work/kiosk.db|" "$here/assets/config/kiosk.toml" > "$work/kiosk.toml"
: > "$work/empty.txt"
"$kiosk" --config "$work/kiosk.toml" --headless 800x480 --script "$work/empty.txt" 2>/dev/null
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 "$work/kiosk.db" "INSERT INTO board_items VALUES
    (1, 'b1', 'pendaftaran', 'keluhan', 'Antrean pendaftaran pagi terlalu panjang.', 'Loket kedua dibuka pukul 07.00.', 0),
    (2, 'b2', 'apotek', 'saran', 'Mohon kursi di depan apotek.', 'Sepuluh kursi sudah ditambahkan.', 0),
    (3, 'b3', 'poli-umum', 'pujian', 'Dokter ramah dan jelas.', 'Terima kasih, kami sampaikan kepada dokter.', 0);"
fi

json() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "kotak-kiosk benchmark ($(uname -m), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
echo

# Start to first frame and peak RSS, real loop.
starts="" rss=""
for i in 1 2 3 4 5; do
  SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software \
    "$kiosk" --config "$work/kiosk.toml" --windowed --size 1920x1080 2>"$work/log" &
  pid=$!
  for _ in $(seq 50); do grep -q "first frame" "$work/log" && break; sleep 0.1; done
  sleep 1
  rss="$rss $(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
  kill -INT $pid; wait $pid || true
  starts="$starts $(sed -n 's/.*first frame on screen \([0-9]*\) ms.*/\1/p' "$work/log")"
done
first=$(echo $starts | tr ' ' '\n' | median)
peak=$(echo $rss | tr ' ' '\n' | median)
printf '%-44s %8s ms   (target <= 150 ms; runs:%s)\n' "start to first frame (1920x1080, real loop)" "$first" "$starts"
printf '%-44s %8s MB   (target <= 40 MB)\n' "peak RSS (VmHWM)" "$(awk "BEGIN {printf \"%.1f\", $peak/1024}")"

# Idle CPU on home.
SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software \
  "$kiosk" --config "$work/kiosk.toml" --windowed --size 1920x1080 2>/dev/null &
pid=$!
sleep 3
ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
t0=$(ticks $pid)
sleep "$idle_seconds"
t1=$(ticks $pid)
kill -INT $pid; wait $pid || true
hz=$(getconf CLK_TCK)
printf '%-44s %8s %%    (target <= 0.5%% of a core)\n' "CPU idle on home over ${idle_seconds} s" \
  "$(awk "BEGIN {printf \"%.2f\", ($t1 - $t0) * 100 / $hz / $idle_seconds}")"

# Frame times during the scripted session.
for size in 1280x800 1920x1080; do
  rm -f "$work"/kiosk.db-*
  for i in 1 2 3; do
    "$kiosk" --config "$work/kiosk.toml" --headless "$size" --script "$here/bench/session.txt" \
      --stats "$work/stats-$size-$i.json" 2>/dev/null
  done
  med=$(for i in 1 2 3; do json "$work/stats-$size-$i.json" median_ms; done | median)
  p99=$(for i in 1 2 3; do json "$work/stats-$size-$i.json" p99_ms; done | median)
  cpu=$(for i in 1 2 3; do json "$work/stats-$size-$i.json" cpu_median_ms; done | median)
  n=$(json "$work/stats-$size-1.json" frames)
  printf '%-44s %8.2f ms   p99 %6.2f ms, CPU median %.2f ms (%s frames; target median <= 8 ms at 1080p)\n' \
    "frame time median, session at $size" "$med" "$p99" "$cpu" "$n"
done
