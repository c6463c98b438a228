// The headless driver's script: one command a line (issue 3).
//
//   tap ID              tap the target with this id (must be on screen)
//   tap-xy X Y          tap at screen pixel X, Y (as in a screenshot)
//   type TEXT           press the on-screen keys that type TEXT; a
//                       character with no key arrives as text input, the
//                       way a USB keyboard's would. \n is a new line, \\ a
//                       backslash, \t a tab.
//   advance SECONDS     move the app's clock (for timeouts)
//   frames N            draw N frames, 1/60 s apart, rendered and timed
//   shot PATH.png       save a screenshot
//   dump PATH.json      save the screen name, targets and texts as JSON
//   expect SCREEN       stop unless SCREEN is showing
//   hold ID SECONDS     press the target and keep the finger down (for the
//                       hidden admin corner)
//   drag X1 Y1 X2 Y2    press at X1 Y1, slide to X2 Y2, lift (screen pixels)
//   wait-task           wait (real time, up to 30 s) for an admin task
//   sync                run kotak-sync once as the admin screen's "Sinkron
//                       sekarang" does, and wait for it (real time, 60 s):
//                       end-to-end tests deliver in the middle of a patient
//   power-cut           end the kiosk at once (SIGKILL), as a pulled plug:
//                       whatever it had not committed is lost
// Blank lines and lines starting with # are ignored.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kotak::kiosk {

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  enum class Type {
    tap,
    tap_xy,
    type,
    advance,
    frames,
    shot,
    dump,
    expect,
    hold,
    drag,
    wait_task,
    sync,
    power_cut
  };
  Type type;
  int line = 0;
  std::string text;  // id, text, path or screen name
  float x = 0, y = 0;
  float x2 = 0, y2 = 0;
  double seconds = 0;
  int count = 0;
};

// Throws ScriptError("line N: ...") for a command it does not understand.
std::vector<Command> parse_script(std::string_view script);

}  // namespace kotak::kiosk
