// The technician's PIN: checked against the argon2id hash in the config
// (libsodium crypto_pwhash_str_verify), and locked for five minutes after
// five wrong tries in a row so that nobody can guess it at the kiosk. The
// count and the lock are kept in the kiosk database (App saves them after
// every try), so pulling the power plug does not reset them.
#pragma once

#include <cstdint>
#include <string>

namespace kotak::kiosk {

class PinLock {
 public:
  explicit PinLock(int max_tries = 5, double lock_s = 300) : max_(max_tries), lock_s_(lock_s) {}

  bool locked(double now) const { return now < locked_until_; }
  // Whole seconds until the lock ends (0 when not locked).
  int seconds_left(double now) const;
  int tries_left() const { return max_ - failures_; }
  // Records a wrong PIN; the fifth in a row locks.
  void failed(double now);
  void succeeded() { failures_ = 0; }

  // The state as text for the database: wrong tries so far and the wall
  // time (unix ms) the lock ends, 0 when not locked. now is the app's
  // clock, wall_ms the same instant on the wall clock.
  std::string save(double now, std::int64_t wall_ms) const;
  // Takes back a saved state. A lock never lasts longer than lock_s from
  // now, even if the wall clock was set back; unreadable text is ignored.
  void restore(const std::string& saved, double now, std::int64_t wall_ms);

 private:
  int max_;
  double lock_s_;
  int failures_ = 0;
  double locked_until_ = -1;
};

// True when pin matches the crypto_pwhash_str hash.
bool verify_pin(const std::string& hash, const std::string& pin);
// A crypto_pwhash_str hash of pin with argon2id (16 MiB, 3 passes: a Pi
// checks it in well under a second). Throws std::runtime_error on failure.
std::string hash_pin(const std::string& pin);
// A PIN is 4 to 12 digits.
bool is_valid_pin(const std::string& pin);

}  // namespace kotak::kiosk
