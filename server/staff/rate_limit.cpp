// See rate_limit.hpp.
#include "server/staff/rate_limit.hpp"

#include <algorithm>

namespace kotak::server::staff {

namespace {

// An account name is counted as typed, but a hostile one is cut short: the
// key only has to tell accounts apart, and user names are short.
constexpr std::size_t kMaxAccountBytes = 128;

std::string account_key(const std::string& account) { return account.substr(0, kMaxAccountBytes); }

}  // namespace

std::int64_t LoginLimiter::wait_ms(const std::string& account, const std::string& address,
                                   std::int64_t now_ms) {
  auto key = account_key(account);
  std::int64_t since = now_ms - window_ms_;
  std::int64_t wait = 0;
  // Past a limit, the tries open again when the failure that reached it
  // leaves the window.
  if (auto at = storage_.nth_login_failure(key, address, attempts_, since))
    wait = std::max(wait, *at + window_ms_ - now_ms);
  if (auto at = storage_.nth_login_failure(key, "", account_attempts_, since))
    wait = std::max(wait, *at + window_ms_ - now_ms);
  return wait;
}

void LoginLimiter::failed(const std::string& account, const std::string& address,
                          std::int64_t now_ms) {
  storage_.add_login_failure(account_key(account), address, now_ms, now_ms - window_ms_);
}

void LoginLimiter::succeeded(const std::string& account, const std::string& address) {
  storage_.clear_login_failures(account_key(account), address);
}

}  // namespace kotak::server::staff
