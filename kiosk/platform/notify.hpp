// systemd readiness and watchdog (DESIGN.md, "Known traps": Type=notify with
// WatchdogSec). Both are no-ops when not run by systemd.
#pragma once

namespace kotak::kiosk {

class SystemdNotifier {
 public:
  SystemdNotifier();
  // After the first frame is on the screen.
  void ready();
  // Sends WATCHDOG=1 when due; now is the app's monotonic seconds.
  void tick(double now);
  // When tick next has something to do.
  double next_due() const { return enabled_ ? last_ + interval_ : 1e300; }
  void stopping();

 private:
  bool enabled_ = false;
  double interval_ = 0;
  double last_ = 0;
};

}  // namespace kotak::kiosk
