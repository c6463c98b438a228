// The kiosk's QR token (core/qr_token.hpp): good for the current and the
// previous window and no other, bound to its facility and secret, and the
// late send of a page opened in time. Times are set by the test.
#include <doctest/doctest.h>

#include "core/qr_token.hpp"

using namespace kotak::core;
using qr_token::kWindowMs;

namespace {

const std::string kSecret = qr_token::new_secret();
constexpr std::int64_t kStart = 1795412700000;  // a window's first millisecond
static_assert(kStart % kWindowMs == 0);

}  // namespace

TEST_CASE("a QR token is good from its window's start to the end of the next one") {
  const std::int64_t w = qr_token::window_of(kStart);
  const std::string token = qr_token::token(kSecret, "pkm-a", w);
  CHECK(token.size() == qr_token::kTokenChars);
  CHECK(token.find_first_not_of("0123456789abcdefghjkmnpqrstvwxyz") == std::string::npos);
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token, kStart) == w);
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token, kStart + kWindowMs) == w);
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token, kStart + 2 * kWindowMs - 1) == w);
  // Expired one millisecond later; not yet good one millisecond before.
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token, kStart + 2 * kWindowMs) == -1);
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token, kStart - 1) == -1);
}

TEST_CASE("a forged, another facility's or another secret's token is refused") {
  const std::int64_t w = qr_token::window_of(kStart);
  std::string token = qr_token::token(kSecret, "pkm-a", w);
  std::string forged = token;
  forged[3] = forged[3] == 'a' ? 'b' : 'a';
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", forged, kStart) == -1);
  CHECK(qr_token::fresh_window(kSecret, "pkm-b", token, kStart) == -1);
  CHECK(qr_token::fresh_window(qr_token::new_secret(), "pkm-a", token, kStart) == -1);
  CHECK(qr_token::fresh_window(kSecret, "pkm-a", token.substr(1), kStart) == -1);
  CHECK(qr_token::fresh_window("", "pkm-a", token, kStart) == -1);
  CHECK(qr_token::token(kSecret, "pkm-a", w) != qr_token::token(kSecret, "pkm-a", w + 1));
}

TEST_CASE("a page opened in time may send for max_age windows, not longer, and not ahead") {
  const std::int64_t w = qr_token::window_of(kStart);
  const std::string token = qr_token::token(kSecret, "pkm-a", w);
  CHECK(qr_token::issued_within(kSecret, "pkm-a", token, w, kStart, 12));
  CHECK(qr_token::issued_within(kSecret, "pkm-a", token, w, kStart + 13 * kWindowMs - 1, 12));
  CHECK_FALSE(qr_token::issued_within(kSecret, "pkm-a", token, w, kStart + 13 * kWindowMs, 12));
  CHECK_FALSE(qr_token::issued_within(kSecret, "pkm-a", token, w, kStart - 1, 12));
  // The window named must be the token's own.
  CHECK_FALSE(qr_token::issued_within(kSecret, "pkm-a", token, w + 1, kStart + kWindowMs, 12));
}

TEST_CASE("windows before 1970 round down") {
  CHECK(qr_token::window_of(0) == 0);
  CHECK(qr_token::window_of(-1) == -1);
  CHECK(qr_token::window_of(kWindowMs - 1) == 0);
  CHECK(qr_token::window_of(kWindowMs) == 1);
}
