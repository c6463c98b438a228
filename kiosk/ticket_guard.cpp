// See ticket_guard.hpp.
#include "kiosk/ticket_guard.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

int TicketGuard::recent(double now) const {
  int n = 0;
  for (double t : misses_)
    if (now - t < kWindow) ++n;
  return n;
}

double TicketGuard::wait(double now) const {
  const int n = recent(now);
  if (n < kFreeMisses || misses_.empty()) return 0;
  const double pause =
      std::min(kMaxWait, kFirstWait * std::pow(2.0, static_cast<double>(n - kFreeMisses)));
  return std::max(0.0, misses_.back() + pause - now);
}

void TicketGuard::missed(double now) {
  while (!misses_.empty() && now - misses_.front() >= kWindow) misses_.pop_front();
  misses_.push_back(now);
}

}  // namespace kotak::kiosk
