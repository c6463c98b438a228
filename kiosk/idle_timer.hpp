// The idle rule of every screen but home: after idle_timeout_s without a
// touch the kiosk asks "Masih di sana?" and counts idle_warning_s down; at
// zero the answer in progress is saved if it has a face and everything is
// cleared, so nothing one patient typed is ever shown to the next. Times are
// seconds on the app's clock (virtual in headless tests).
#pragma once

namespace kotak::kiosk {

class IdleTimer {
 public:
  enum class State { active, warning, expired };

  IdleTimer(double timeout_s, double warning_s) : timeout_(timeout_s), warning_(warning_s) {}

  // A touch, or a new screen: the patient is here.
  void touch(double now) { last_ = now; }
  State state(double now) const;
  // Whole seconds left on the countdown, as shown (warning state only).
  int seconds_left(double now) const;
  // Seconds since the last touch or screen change.
  double idle_for(double now) const { return now - last_; }
  // When the state or the shown countdown next changes.
  double next_change(double now) const;
  void set_times(double timeout_s, double warning_s) {
    timeout_ = timeout_s;
    warning_ = warning_s;
  }

 private:
  double timeout_;
  double warning_;
  double last_ = 0;
};

}  // namespace kotak::kiosk
