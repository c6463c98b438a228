// The burst rule (DOMAIN.md: "Repeated taps within a few seconds count
// once"; issue 3: "bursts are flagged, not dropped").
//
// What is stored: every face tap is saved at once as its own rating row;
// nothing is dropped. A tap less than tap_interval_s after the previous
// tap on this kiosk gets the flag "burst". The comparison is with the
// previous tap, not the first of a run, so a child hammering the faces makes
// one unflagged row followed by flagged ones however long it goes on; the
// raw rows stay for anyone who wants to see the hammering. A patient who
// changes their mind within the follow-up makes a correction of their tap
// (session.hpp), which is not a new tap: it carries the tap's flags and
// never starts or extends a run.
#pragma once

namespace kotak::kiosk {

class BurstRule {
 public:
  explicit BurstRule(double interval_s) : interval_(interval_s) {}

  // Called when a face tap is saved, with the time of the tap: true when it
  // belongs to a burst (and must be flagged).
  bool saved_tap(double tap_time);
  void set_interval(double interval_s) { interval_ = interval_s; }

 private:
  double interval_;
  bool any_ = false;
  double last_ = 0;
};

}  // namespace kotak::kiosk
