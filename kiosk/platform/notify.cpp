// See notify.hpp.
#include "kiosk/platform/notify.hpp"

#include <systemd/sd-daemon.h>

namespace kotak::kiosk {

SystemdNotifier::SystemdNotifier() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    enabled_ = true;
    // Ping at half the limit, as sd_watchdog_enabled(3) advises.
    interval_ = static_cast<double>(usec) / 1e6 / 2;
  }
}

void SystemdNotifier::ready() { sd_notify(0, "READY=1\nSTATUS=Showing the home screen"); }

void SystemdNotifier::tick(double now) {
  if (!enabled_ || now < last_ + interval_) return;
  sd_notify(0, "WATCHDOG=1");
  last_ = now;
}

void SystemdNotifier::stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace kotak::kiosk
