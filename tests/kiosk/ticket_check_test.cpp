// "Cek status pengaduan" without a screen: the keypad of the ticket
// alphabet and the guard that slows down guessing (ticket_guard.hpp).
#include <doctest/doctest.h>

#include <set>

#include "core/ticket.hpp"
#include "kiosk/keyboard.hpp"
#include "kiosk/ticket_guard.hpp"

using namespace kotak::kiosk;

TEST_CASE("the ticket keypad has the ticket alphabet and backspace - nothing to confuse") {
  Keyboard k(KeyboardKind::ticket);
  std::string typed_all;
  std::set<std::string> ids;
  for (const auto& row : k.rows())
    for (const auto& key : row) {
      ids.insert(key.id);
      if (key.action == KeyAction::insert) typed_all += key.text;
    }
  CHECK(ids.size() == kotak::core::kTicketAlphabet.size() + 1);
  CHECK(ids.count("kbd.backspace") == 1);
  CHECK(typed_all == kotak::core::kTicketAlphabet);
  CHECK_MESSAGE(k.keys_for("0").empty(), "(no 0: it reads as O)");
  CHECK(k.keys_for("O").empty());
  TextEditor e(11, false);
  for (char c : std::string("K7M4")) {
    auto keys = k.keys_for(std::string(1, c));
    REQUIRE(keys.size() == 1u);
    CHECK(k.press(keys[0], e, 0));
  }
  CHECK_MESSAGE(e.text() == "K7M4", "(no automatic capitals or shift on a keypad of capitals)");
  CHECK(k.press("kbd.backspace", e, 0));
  CHECK(e.text() == "K7M");
}

TEST_CASE("unknown ticket codes: three free - then waits that double - found codes do not reset") {
  TicketGuard guard;
  double now = 1000;
  for (int i = 0; i < 2; ++i) {
    guard.missed(now);
    CHECK(guard.wait(now) == 0);
    now += 1;
  }
  guard.missed(now);
  CHECK(guard.wait(now) == doctest::Approx(TicketGuard::kFirstWait));
  now += TicketGuard::kFirstWait;
  CHECK(guard.wait(now) == 0);
  guard.missed(now);
  CHECK(guard.wait(now) == doctest::Approx(TicketGuard::kFirstWait * 2));
  now += 30;
  guard.missed(now);
  CHECK(guard.wait(now) == doctest::Approx(TicketGuard::kFirstWait * 4));
  // However many, at most the cap.
  for (int i = 0; i < 20; ++i) guard.missed(now);
  CHECK(guard.wait(now) == doctest::Approx(TicketGuard::kMaxWait));
  // Misses older than the window are forgotten: a later patient starts free.
  now += TicketGuard::kWindow + 1;
  CHECK(guard.wait(now) == 0);
  guard.missed(now);
  CHECK(guard.wait(now) == 0);
}
