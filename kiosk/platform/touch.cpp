// See touch.hpp.
#include "kiosk/platform/touch.hpp"

namespace kotak::kiosk {

void TouchInput::push(const PointerEvent& event) { queue_.push_back(event); }

PointerFrame TouchInput::next_frame() {
  bool transition = false;
  bool moved = false;
  while (!queue_.empty() && !transition) {
    const PointerEvent e = queue_.front();
    // A lift after a slide waits a frame: imgui must see the finger down
    // where it slid to, or a drag would end before it scrolled.
    if (e.type == PointerEvent::Type::up && moved) break;
    switch (e.type) {
      case PointerEvent::Type::move:
        if (down_) {
          pos_ = e.pos;  // a mouse moving without a button is no touch
          moved = true;
        }
        break;
      case PointerEvent::Type::down:
        if (down_) break;  // a second finger
        down_ = true;
        present_ = true;
        leave_next_ = false;
        pos_ = e.pos;
        transition = true;
        break;
      case PointerEvent::Type::up:
        if (!down_) break;
        down_ = false;
        pos_ = e.pos;
        leave_next_ = true;
        transition = true;
        break;
    }
    queue_.pop_front();
  }
  if (!transition && leave_next_ && !down_) {
    leave_next_ = false;
    present_ = false;
  }
  return {present_, pos_, down_};
}

}  // namespace kotak::kiosk
