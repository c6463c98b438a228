// The burst rule (DOMAIN.md: "Repeated taps within a few seconds count
// once"; issue 3: "bursts are flagged, not dropped").
//
// What is stored: every face answer the patient completes is saved as its
// own rating row; nothing is dropped. A face tapped less than tap_interval_s
// after the previous saved face tap on this kiosk gets the flag "burst".
// The comparison is with the previous saved tap, not the first of a run, so
// a child hammering the faces makes one unflagged row followed by flagged
// ones however long it goes on. Reports count a run as one answer by
// ignoring rows flagged "burst"; the raw rows stay for anyone who wants to
// see the hammering. A face tapped and then taken back (Kembali before the
// answer was saved) is not a saved tap and does not start a run.
#pragma once

namespace kotak::kiosk {

class BurstRule {
 public:
  explicit BurstRule(double interval_s) : interval_(interval_s) {}

  // Called when a face answer is saved, with the time its face was tapped:
  // true when it belongs to a burst (and must be flagged).
  bool saved_tap(double tap_time);
  void set_interval(double interval_s) { interval_ = interval_s; }

 private:
  double interval_;
  bool any_ = false;
  double last_ = 0;
};

}  // namespace kotak::kiosk
