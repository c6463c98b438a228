// See touch.hpp.
#include "kiosk/platform/touch.hpp"

namespace kotak::kiosk {

void TouchInput::push(const PointerEvent& event) { queue_.push_back(event); }

PointerFrame TouchInput::next_frame() {
  bool transition = false;
  while (!queue_.empty() && !transition) {
    const PointerEvent e = queue_.front();
    switch (e.type) {
      case PointerEvent::Type::move:
        if (down_) pos_ = e.pos;  // a mouse moving without a button is no touch
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
