#!/bin/sh
# The kiosk's figures against the targets of issue 3. Prints; never fails a
# build (benchmarks are not timed tests).
#
#   bench/kiosk_bench.sh [BUILD_DIR]        (default: build)
#
# - start to first frame and peak RSS: the real frame loop (SDL's dummy
#   video driver, software renderer, a 1920x1080 window), median of 5 starts;
# - peak RSS in a real X window (Xvfb, this machine has no GPU), median of 3:
#   as the kiosk chooses (software, no GL driver loaded) and with
#   SDL_RENDER_DRIVER=opengl, which loads Mesa's llvmpipe (issue 17);
# - CPU over 60 s idle on home (BENCH_IDLE_SECONDS to change), with a board
#   of three answered complaints rotating every 8 s;
# - frame time median and p99 during a scripted session (bench/session.txt:
#   rate, write a complaint, fill in the survey) at 1280x800 and 1920x1080,
#   headless with the software renderer; wall time and CPU time of the
#   drawing thread (they differ when other programs compete for the CPU).
# The arm64 build under qemu beside this one: bench/kiosk_arm64_bench.sh.
set -eu
build=${1:-build}
kiosk="$build/kiosk/kotak-kiosk"
[ -x "$kiosk" ] || { echo "kiosk_bench: build first: $kiosk is missing"; exit 1; }
idle_seconds=${BENCH_IDLE_SECONDS:-60}
. "$(dirname "$0")/kiosk.sh"
kiosk_workdir "$kiosk"

echo "kotak-kiosk benchmark ($(uname -m), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
echo

# Start to first frame and peak RSS, real loop.
kiosk_env="SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software"
window_start 5 1920x1080 "$kiosk"
printf '%-44s %8s ms   (target <= 150 ms; runs:%s)\n' "start to first frame (1920x1080, real loop)" "$first_ms" "$first_runs"
printf '%-44s %8s MB   (target <= 40 MB)\n' "peak RSS (VmHWM)" "$(mb "$peak_kb")"

# A real window without a GPU.
if command -v Xvfb >/dev/null 2>&1; then
  unset SDL_RENDER_DRIVER SDL_FRAMEBUFFER_ACCELERATION
  Xvfb -displayfd 1 -screen 0 1920x1080x24 -nolisten tcp >"$work/display" 2>/dev/null &
  xvfb=$!
  until [ -s "$work/display" ]; do sleep 0.1; done
  for choice in "" opengl; do
    kiosk_env="DISPLAY=:$(cat "$work/display") SDL_VIDEODRIVER=x11${choice:+ SDL_RENDER_DRIVER=$choice}"
    window_start 3 1920x1080 "$kiosk"
    printf '%-44s %8s MB   first frame %s ms%s\n' \
      "peak RSS in an X window (Xvfb), $renderer" "$(mb "$peak_kb")" "$first_ms" \
      "${choice:+ (SDL_RENDER_DRIVER=$choice: Mesa llvmpipe)}"
  done
  kill "$xvfb"
  wait "$xvfb" 2>/dev/null || true
else
  echo "peak RSS in an X window: Xvfb is not installed (scripts/install-deps)"
fi

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
  session_frames 3 "$size" "$kiosk"
  printf '%-44s %8.2f ms   p99 %6.2f ms, CPU median %.2f ms (%s frames; target median <= 8 ms at 1080p)\n' \
    "frame time median, session at $size" "$frame_median" "$frame_p99" "$frame_cpu" "$frames"
done
