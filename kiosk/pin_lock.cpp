// See pin_lock.hpp.
#include "kiosk/pin_lock.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace kotak::kiosk {

namespace {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

int PinLock::seconds_left(double now) const {
  return locked(now) ? static_cast<int>(std::ceil(locked_until_ - now)) : 0;
}

void PinLock::failed(double now) {
  if (++failures_ >= max_) {
    failures_ = 0;
    locked_until_ = now + lock_s_;
  }
}

std::string PinLock::save(double now, std::int64_t wall_ms) const {
  const std::int64_t until =
      locked(now) ? wall_ms + static_cast<std::int64_t>(std::ceil((locked_until_ - now) * 1000))
                  : 0;
  return std::to_string(failures_) + " " + std::to_string(until);
}

void PinLock::restore(const std::string& saved, double now, std::int64_t wall_ms) {
  int failures = 0;
  long long until = 0;
  if (std::sscanf(saved.c_str(), "%d %lld", &failures, &until) != 2) return;
  failures_ = std::clamp(failures, 0, max_ - 1);
  const double left = std::clamp(static_cast<double>(until - wall_ms) / 1000.0, 0.0, lock_s_);
  locked_until_ = left > 0 ? now + left : -1;
}

bool verify_pin(const std::string& hash, const std::string& pin) {
  init_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string hash_pin(const std::string& pin) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), 3, 16384ULL * 1024,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to hash the PIN");
  return out;
}

bool is_valid_pin(const std::string& pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace kotak::kiosk
