// Touch translation (DESIGN.md, "Known traps"). On a Pi, touches arrive only
// as SDL finger events, which the imgui 1.86 backend ignores; on a desktop
// they are mouse events; in tests the headless driver makes them. All of
// them become pointer events here, in logical coordinates, and are handed to
// imgui one press or release per frame, so a tap shorter than a frame is
// never lost; one frame after a release the pointer leaves the screen so
// nothing stays "hovered". Only the first finger counts: a palm or a second
// finger does not move the pointer.
#pragma once

#include <deque>

#include "kiosk/ui/rect.hpp"

namespace kotak::kiosk {

struct PointerEvent {
  enum class Type { down, move, up };
  Type type;
  Vec2 pos;  // logical coordinates
};

// What imgui is told for one frame.
struct PointerFrame {
  bool present = false;  // false: off-screen (no finger, no hover)
  Vec2 pos;
  bool down = false;
};

class TouchInput {
 public:
  void push(const PointerEvent& event);
  // The pointer for the next frame; consumes queued events up to and
  // including one press or release.
  PointerFrame next_frame();
  // True while events wait or a release still has to be followed by the
  // pointer leaving: the loop must draw another frame.
  bool pending() const { return !queue_.empty() || leave_next_; }
  bool down() const { return down_; }

 private:
  std::deque<PointerEvent> queue_;
  bool down_ = false;
  bool present_ = false;
  bool leave_next_ = false;
  Vec2 pos_;
};

}  // namespace kotak::kiosk
