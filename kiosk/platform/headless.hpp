// The headless driver (DESIGN.md, "Testing the kiosk like a person"): the
// kiosk renders with SDL's software renderer into memory, with no display,
// on a virtual clock, and replays a script of touches (script.hpp). A tap
// goes through the same touch path as a finger on the Pi. A tap on an id
// that is not on screen, or a failed expect, stops with a non-zero exit and
// a message naming what is on screen.
#pragma once

#include <filesystem>
#include <string>

namespace kotak::kiosk {

struct HeadlessOptions {
  int width = 800;
  int height = 480;
  std::filesystem::path script;
  std::filesystem::path stats;  // optional: frame times and first frame, as JSON
  // optional: everything the kiosk says, as a WAV file played in step with
  // the virtual clock (kiosk/platform/audio.hpp); without it there is no
  // sound and no "Dengarkan" button.
  std::filesystem::path audio_out;
  // optional: what the microphone hears while "Rekam suara" records, a
  // 16-bit PCM WAV file heard in step with the virtual clock
  // (kiosk/platform/microphone.hpp); without it there is no microphone.
  std::filesystem::path audio_in;
};

// Returns the process exit code: 0 when the whole script ran.
int run_headless(const std::filesystem::path& config, const HeadlessOptions& options);

// Milliseconds since this process was started (from /proc/self/stat).
double ms_since_process_start();
// The process's peak resident memory so far, in KiB (VmHWM).
long peak_rss_kb();

}  // namespace kotak::kiosk
