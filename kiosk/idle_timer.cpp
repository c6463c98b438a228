// See idle_timer.hpp.
#include "kiosk/idle_timer.hpp"

#include <cmath>

namespace kotak::kiosk {

IdleTimer::State IdleTimer::state(double now) const {
  double idle = now - last_;
  if (idle < timeout_) return State::active;
  if (idle < timeout_ + warning_) return State::warning;
  return State::expired;
}

int IdleTimer::seconds_left(double now) const {
  double left = last_ + timeout_ + warning_ - now;
  return left <= 0 ? 0 : static_cast<int>(std::ceil(left - 1e-9));
}

double IdleTimer::next_change(double now) const {
  double warn_at = last_ + timeout_;
  double end_at = warn_at + warning_;
  if (now < warn_at) return warn_at;
  if (now >= end_at) return now;
  // The countdown shows whole seconds: redraw when the shown number changes.
  double left = end_at - now;
  double next_whole = std::ceil(left - 1e-9) - 1.0;
  return end_at - next_whole;
}

}  // namespace kotak::kiosk
