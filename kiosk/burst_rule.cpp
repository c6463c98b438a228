// See burst_rule.hpp.
#include "kiosk/burst_rule.hpp"

namespace kotak::kiosk {

bool BurstRule::saved_tap(double tap_time) {
  bool burst = any_ && interval_ > 0 && tap_time - last_ < interval_ && tap_time >= last_;
  any_ = true;
  last_ = tap_time;
  return burst;
}

}  // namespace kotak::kiosk
