# Shared by the kiosk benchmarks (sourced, POSIX sh). The kiosk runs as
# "$@": its program, or an emulator and the program (qemu-aarch64-static
# build-arm64/kiosk/kotak-kiosk), with the environment in $kiosk_env.

# kiosk_workdir RUNNER...: a scratch directory $work (removed on exit) with
# the example config, its database made by one headless run, and a board of
# three answered complaints rotating on home.
kiosk_workdir() {
  here=$(cd "$(dirname "$0")/.." && pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT INT TERM
  sed -e "s|/var/lib/kotak/kiosk.db|$work/kiosk.db|" "$here/assets/config/kiosk.toml" > "$work/kiosk.toml"
  : > "$work/empty.txt"
  "$@" --config "$work/kiosk.toml" --headless 800x480 --script "$work/empty.txt" 2>/dev/null
  sqlite3 "$work/kiosk.db" "INSERT INTO board_items VALUES
    (1, 'b1', 'pendaftaran', 'keluhan', 'Antrean pendaftaran pagi terlalu panjang.', 'Loket kedua dibuka pukul 07.00.', 0),
    (2, 'b2', 'apotek', 'saran', 'Mohon kursi di depan apotek.', 'Sepuluh kursi sudah ditambahkan.', 0),
    (3, 'b3', 'poli-umum', 'pujian', 'Dokter ramah dan jelas.', 'Terima kasih, kami sampaikan kepada dokter.', 0);"
}

json() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb() { awk "BEGIN {printf \"%.1f\", $1/1024}"; }

# window_start RUNS SIZE RUNNER...: the real frame loop in a window, RUNS
# times. Sets first_ms (median of the kiosk's own "first frame on screen N
# ms after start"), first_runs (every run), peak_kb (median VmHWM one second
# after the first frame) and renderer (what the kiosk logged it chose).
window_start() {
  runs=$1 size=$2
  shift 2
  first_runs="" peaks="" i=0
  while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # kiosk_env is a list of NAME=value words
    env $kiosk_env "$@" --config "$work/kiosk.toml" --windowed --size "$size" 2>"$work/log" &
    pid=$!
    waited=0
    until grep -q "first frame" "$work/log" || [ "$waited" -ge 1200 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    sleep 1
    peaks="$peaks $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
    kill -INT "$pid"
    wait "$pid" || true
    first_runs="$first_runs $(sed -n 's/.*first frame on screen \([0-9]*\) ms.*/\1/p' "$work/log")"
  done
  first_ms=$(echo $first_runs | tr ' ' '\n' | median)
  peak_kb=$(echo $peaks | tr ' ' '\n' | median)
  renderer=$(sed -n 's/.*, renderer \([a-z0-9]*\).*/\1/p' "$work/log")
}

# session_frames RUNS SIZE RUNNER...: the scripted session (bench/session.txt)
# headless with the software renderer, RUNS times. Sets frame_median,
# frame_p99 and frame_cpu (medians over the runs of each run's median, p99
# and CPU median, in ms) and frames (frames timed in one run).
session_frames() {
  runs=$1 size=$2
  shift 2
  rm -f "$work"/kiosk.db-* "$work"/stats-*.json
  i=0
  while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    "$@" --config "$work/kiosk.toml" --headless "$size" --script "$here/bench/session.txt" \
      --stats "$work/stats-$i.json" 2>/dev/null
  done
  frame_median=$(for f in "$work"/stats-*.json; do json "$f" median_ms; done | median)
  frame_p99=$(for f in "$work"/stats-*.json; do json "$f" p99_ms; done | median)
  frame_cpu=$(for f in "$work"/stats-*.json; do json "$f" cpu_median_ms; done | median)
  frames=$(json "$work/stats-1.json" frames)
}
