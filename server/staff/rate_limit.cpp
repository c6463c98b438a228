// See rate_limit.hpp.
#include "server/staff/rate_limit.hpp"

namespace kotak::server::staff {

namespace {
// Bounds the memory a flood of made-up user names can take.
constexpr std::size_t kMaxKeys = 100000;
}  // namespace

void LoginLimiter::prune(std::deque<std::int64_t>& times, std::int64_t now_ms) const {
  while (!times.empty() && times.front() <= now_ms - window_ms_) times.pop_front();
}

std::int64_t LoginLimiter::wait_ms(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, now_ms);
  if (static_cast<int>(it->second.size()) < attempts_) return 0;
  return it->second.front() + window_ms_ - now_ms;
}

void LoginLimiter::failed(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxKeys && !failures_.count(key)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now_ms);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= kMaxKeys) failures_.erase(failures_.begin());
  }
  auto& times = failures_[key];
  prune(times, now_ms);
  times.push_back(now_ms);
}

void LoginLimiter::succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace kotak::server::staff
