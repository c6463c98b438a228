// The idle rule, the burst rule and the PIN lock: plain classes on the
// app's clock.
#include <doctest/doctest.h>

#include "kiosk/burst_rule.hpp"
#include "kiosk/idle_timer.hpp"
#include "kiosk/pin_lock.hpp"

using namespace kotak::kiosk;

TEST_CASE("idle: active - then a whole-second countdown - then expired") {
  IdleTimer idle(60, 15);
  idle.touch(100);
  CHECK(idle.state(159.9) == IdleTimer::State::active);
  CHECK(idle.next_change(120) == doctest::Approx(160));
  CHECK(idle.state(160) == IdleTimer::State::warning);
  CHECK(idle.seconds_left(160) == 15);
  CHECK(idle.seconds_left(160.5) == 15);
  CHECK(idle.seconds_left(161) == 14);
  CHECK(idle.next_change(160.5) == doctest::Approx(161));
  CHECK(idle.state(175) == IdleTimer::State::expired);
  idle.touch(170);
  CHECK(idle.state(175) == IdleTimer::State::active);
}

TEST_CASE("burst: a tap within the interval of the previous saved tap is flagged") {
  BurstRule burst(3);
  CHECK_FALSE(burst.saved_tap(10));
  CHECK(burst.saved_tap(11));
  CHECK(burst.saved_tap(13.5));  // chained: within 3 s of the tap before
  CHECK_FALSE(burst.saved_tap(17));
  CHECK(burst.saved_tap(19.99));
  CHECK_FALSE(burst.saved_tap(23));
  BurstRule off(0);
  CHECK_FALSE(off.saved_tap(1));
  CHECK_FALSE(off.saved_tap(1.1));
}

TEST_CASE("PIN: five wrong tries lock for five minutes - a right one resets the count") {
  PinLock lock;
  for (int i = 0; i < 4; ++i) lock.failed(100);
  CHECK_FALSE(lock.locked(100));
  CHECK(lock.tries_left() == 1);
  lock.succeeded();
  CHECK(lock.tries_left() == 5);
  for (int i = 0; i < 5; ++i) lock.failed(200);
  CHECK(lock.locked(200));
  CHECK(lock.locked(499));
  CHECK(lock.seconds_left(440) == 60);
  CHECK_FALSE(lock.locked(500));
  CHECK(lock.tries_left() == 5);
}

TEST_CASE("PIN lock: saved and restored across a restart - never longer than five minutes") {
  PinLock lock;
  for (int i = 0; i < 3; ++i) lock.failed(100);
  PinLock counted;
  counted.restore(lock.save(100, 1'000'000), 7, 2'000'000);
  CHECK(counted.tries_left() == 2);
  CHECK_FALSE(counted.locked(7));

  for (int i = 0; i < 2; ++i) lock.failed(100);  // fifth: locked until 400
  const auto saved = lock.save(160, 1'000'000);  // 240 s left at wall 1,000,000 ms
  PinLock after;
  after.restore(saved, 10, 1'100'000);  // restarted 100 s later: 140 s left
  CHECK(after.locked(10));
  CHECK(after.seconds_left(10) == 140);
  CHECK_FALSE(after.locked(150));
  PinLock clock_set_back;
  clock_set_back.restore(saved, 10, -50'000'000);
  CHECK(clock_set_back.seconds_left(10) == 300);
  PinLock later;
  later.restore(saved, 10, 1'240'000);
  CHECK_FALSE(later.locked(10));
  PinLock garbage;
  garbage.restore("not a lock", 10, 0);
  CHECK(garbage.tries_left() == 5);
  CHECK_FALSE(garbage.locked(10));
}

TEST_CASE("PIN hashes: the example config's hash is of 246810 - hashing round-trips") {
  const std::string example =
      "$argon2id$v=19$m=16384,t=3,p=1$2Jzff8xsPJaN+5bIigYXmQ$"
      "UR7GZoEoA1dVlI7rDX8Rm5iiZWnB0MIEql6jKGt3DRc";
  CHECK(verify_pin(example, "246810"));
  CHECK_FALSE(verify_pin(example, "246811"));
  CHECK_FALSE(verify_pin("", "246810"));
  auto hash = hash_pin("1357");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(verify_pin(hash, "1357"));
  CHECK(is_valid_pin("1234"));
  CHECK_FALSE(is_valid_pin("123"));
  CHECK_FALSE(is_valid_pin("12a4"));
  CHECK_FALSE(is_valid_pin("1234567890123"));
}
