// Failed log-ins, counted per user name and per client address in a sliding
// window; past the limit further attempts are refused (429 with Retry-After)
// until the oldest failure leaves the window, whether or not the password
// would be right. Kept in memory: a restart forgives, which costs an
// attacker a restart they cannot cause. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace kotak::server::staff {

class LoginLimiter {
 public:
  LoginLimiter(int attempts, std::int64_t window_ms) : attempts_(attempts), window_ms_(window_ms) {}

  // 0 when a log-in for this key may be tried now, else milliseconds to wait.
  std::int64_t wait_ms(const std::string& key, std::int64_t now_ms);
  void failed(const std::string& key, std::int64_t now_ms);
  void succeeded(const std::string& key);

 private:
  void prune(std::deque<std::int64_t>& times, std::int64_t now_ms) const;
  int attempts_;
  std::int64_t window_ms_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace kotak::server::staff
