// The on-screen keyboard's model: pages, shift, what each key does, and the
// key presses the headless driver makes for a character.
#include <doctest/doctest.h>

#include <set>

#include "kiosk/keyboard.hpp"

using namespace kotak::kiosk;

namespace {

std::set<std::string> ids(const Keyboard& k) {
  std::set<std::string> out;
  for (const auto& row : k.rows())
    for (const auto& key : row) out.insert(key.id);
  return out;
}

// Types text by pressing exactly the keys keys_for() names.
void type(Keyboard& k, TextEditor& e, const std::string& text, double& now) {
  for (char c : text) {
    auto keys = k.keys_for(std::string(1, c));
    REQUIRE_MESSAGE(!keys.empty(), "no key for " << c);
    for (const auto& id : keys) {
      CHECK(k.press(id, e, now));
      now += 0.45;  // a tap in the headless driver takes this long
    }
  }
}

// Presses the key of each character as written, whatever the shift state.
void press_plain(Keyboard& k, TextEditor& e, const std::string& text) {
  for (char c : text) {
    std::string id = c == ' ' ? "kbd.space" : c == '.' ? "kbd.period" : "kbd." + std::string(1, c);
    CHECK(k.press(id, e, 0));
  }
}

}  // namespace

TEST_CASE("the letters page is QWERTY with shift - backspace - page - space and enter keys") {
  Keyboard k;
  auto rows = k.rows();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].size() == 10);
  CHECK(rows[0][0].id == "kbd.q");
  auto all = ids(k);
  for (const char* id : {"kbd.shift", "kbd.backspace", "kbd.symbols", "kbd.space", "kbd.enter",
                         "kbd.comma", "kbd.period", "kbd.z", "kbd.m"})
    CHECK(all.count(id));
  // Every row is ten key widths wide, so the rows line up.
  for (const auto& row : rows) {
    float width = 0;
    for (const auto& key : row) width += key.width;
    CHECK(width <= 10.0f);
  }
}

TEST_CASE("the symbols page has digits and the characters of hostile text") {
  Keyboard k;
  TextEditor e;
  CHECK(k.press("kbd.symbols", e, 0));
  auto all = ids(k);
  for (const char* id : {"kbd.1", "kbd.0", "kbd.less", "kbd.greater", "kbd.dquote", "kbd.quote",
                         "kbd.slash", "kbd.letters"})
    CHECK(all.count(id));
  CHECK_FALSE(all.count("kbd.a"));
  CHECK(k.press("kbd.less", e, 0));
  CHECK(e.text() == "<");
  // A space brings the letters back.
  CHECK(k.press("kbd.space", e, 0));
  CHECK_FALSE(k.on_symbols());
}

TEST_CASE("shift: once for one capital - twice quickly for capitals lock") {
  Keyboard k(KeyboardKind::text, AutoCapital::none);
  TextEditor e;
  k.press("kbd.shift", e, 10);
  CHECK(k.shift() == Shift::once);
  k.press("kbd.a", e, 11);
  k.press("kbd.a", e, 12);
  CHECK(e.text() == "Aa");
  k.press("kbd.shift", e, 20);
  k.press("kbd.shift", e, 20.2);
  CHECK(k.shift() == Shift::lock);
  k.press("kbd.b", e, 21);
  k.press("kbd.b", e, 22);
  CHECK(e.text() == "AaBB");
  k.press("kbd.shift", e, 30);
  CHECK(k.shift() == Shift::off);
}

TEST_CASE("sentences start with a capital - names capitalise each word") {
  TextEditor e;
  Keyboard sentences;
  sentences.reset(e);
  CHECK(sentences.shift() == Shift::once);
  press_plain(sentences, e, "antre. lama");
  CHECK(e.text() == "Antre. Lama");
  TextEditor name(100, false);
  Keyboard names(KeyboardKind::text, AutoCapital::words, false);
  names.reset(name);
  press_plain(names, name, "ibu sari");
  CHECK(name.text() == "Ibu Sari");
  CHECK_FALSE(ids(names).count("kbd.enter"));
}

TEST_CASE("keys_for types any mix of cases - digits and symbols") {
  Keyboard k;
  TextEditor e(5000);
  k.reset(e);
  double now = 0;
  const std::string text = "Saya MENUNGGU 2 jam! <script>alert(\"x\")</script> 'ok' 50% a@b.id";
  type(k, e, text, now);
  CHECK(e.text() == text);
  CHECK(k.keys_for("\xF0\x9F\x98\x80").empty());  // an emoji has no key
}

TEST_CASE("the phone keypad has digits - plus and backspace only") {
  Keyboard k(KeyboardKind::phone);
  TextEditor e(20, false);
  auto all = ids(k);
  CHECK(all.size() == 12);
  CHECK(all.count("kbd.plus"));
  CHECK(k.keys_for("7") == std::vector<std::string>{"kbd.7"});
  CHECK(k.keys_for("a").empty());
  k.press("kbd.plus", e, 0);
  k.press("kbd.6", e, 0);
  k.press("kbd.2", e, 0);
  CHECK(e.text() == "+62");
  k.press("kbd.backspace", e, 0);
  CHECK(e.text() == "+6");
  CHECK_FALSE(k.press("kbd.a", e, 0));
}
