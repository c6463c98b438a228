#!/bin/sh
# The arm64 kiosk under qemu-user beside the native one (issue 17): start to
# first frame and peak RSS in the real frame loop (SDL's dummy video driver,
# software renderer) on the official 7" panel's 800x480 and at 1920x1080,
# median of 3 starts; frame times of the scripted session (bench/session.txt)
# headless at 800x480, median of 3 runs. Prints; never fails a build.
#
#   bench/kiosk_arm64_bench.sh [BUILD_DIR] [ARM64_BUILD_DIR]   (build, build-arm64)
#
# Emulated times are only a ratio, not a Pi's times: qemu-user translates
# every arm64 instruction on this machine's cores, so the column says how
# much slower the same work is under the emulator here. A Pi 4's
# Cortex-A72 is roughly as far from this machine in its own way; measure on
# the device for its real figures. Peak RSS under qemu is the emulator's
# process (the guest's memory plus qemu's own: its code and translation
# cache); the last line gives qemu's share with the kiosk doing nothing but
# printing --help.
set -eu
build=${1:-build}
build_arm64=${2:-build-arm64}
emulator=${EMULATOR:-qemu-aarch64-static}
native="$build/kiosk/kotak-kiosk"
arm64="$build_arm64/kiosk/kotak-kiosk"
for program in "$native" "$arm64"; do
  [ -x "$program" ] || { echo "kiosk_arm64_bench: build first: $program is missing"; exit 1; }
done
command -v "$emulator" >/dev/null || { echo "kiosk_arm64_bench: $emulator is missing (scripts/install-deps arm64)"; exit 1; }
. "$(dirname "$0")/kiosk.sh"
kiosk_workdir "$native"

echo "kotak-kiosk, $(uname -m) native and arm64 under $emulator ($(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "emulated times are a ratio to the native ones, not a Pi's times"
echo
printf '%-40s %14s %18s %8s\n' "" "$(uname -m)" "arm64 (qemu)" "ratio"
row() {  # row WHAT NATIVE EMULATED UNIT
  printf '%-40s %11s %-2s %15s %-2s %7sx\n' "$1" "$2" "$4" "$3" "$4" \
    "$(awk "BEGIN {printf \"%.1f\", $3 / $2}")"
}

kiosk_env="SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software"
for size in 800x480 1920x1080; do
  window_start 3 "$size" "$native"
  native_first=$first_ms native_peak=$peak_kb
  window_start 3 "$size" "$emulator" "$arm64"
  row "start to first frame ($size)" "$native_first" "$first_ms" ms
  row "peak RSS, real loop ($size)" "$(mb "$native_peak")" "$(mb "$peak_kb")" MB
done

session_frames 3 800x480 "$native"
native_median=$frame_median native_p99=$frame_p99
session_frames 3 800x480 "$emulator" "$arm64"
two() { printf '%.2f' "$1"; }
row "frame time median, session 800x480" "$(two "$native_median")" "$(two "$frame_median")" ms
row "frame time p99, session 800x480" "$(two "$native_p99")" "$(two "$frame_p99")" ms

qemu_kb=$(/usr/bin/time -f %M "$emulator" "$arm64" --help 2>&1 >/dev/null | tail -1)
printf '%-40s %14s %15s MB   (the emulator itself, in the arm64 column above)\n' \
  "peak RSS of qemu running --help" "" "$(mb "$qemu_kb")"
