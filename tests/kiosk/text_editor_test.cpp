// The text a patient types: UTF-8 kept whole, the limit in code points,
// control characters kept out, the caret always on a character boundary.
#include <doctest/doctest.h>

#include "core/text.hpp"
#include "kiosk/text_editor.hpp"

using kotak::kiosk::TextEditor;

TEST_CASE("typing inserts at the caret and backspace removes whole characters") {
  TextEditor e(100);
  e.insert("Antre");
  e.insert("an lama");
  CHECK(e.text() == "Antrean lama");
  CHECK(e.chars() == 12);
  e.set_caret(6);
  e.insert("X");
  CHECK(e.text() == "AntreaXn lama");
  CHECK(e.backspace());
  CHECK(e.text() == "Antrean lama");
  e.set_caret(0);
  CHECK_FALSE(e.backspace());
}

TEST_CASE("the limit counts code points - as core's validate() does") {
  TextEditor e(5);
  CHECK(e.insert("abc\xC3\xA9\xF0\x9F\x98\x80xyz") == 5);  // é and an emoji count one each
  CHECK(e.text() == "abc\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(e.full());
  CHECK(e.insert("z") == 0);
  CHECK(*kotak::core::utf8_length(e.text()) == 5);
  CHECK(e.backspace());
  CHECK(e.text() == "abc\xC3\xA9");
  CHECK(e.chars() == 4);
}

TEST_CASE("control characters and broken bytes never get in") {
  TextEditor e(100);
  e.insert(
      std::string("a\x01"
                  "b\x7F"
                  "c\r\n\td\xFF\xC3",
                  12));
  CHECK(e.text() == "abc\n d");
  CHECK_FALSE(kotak::core::has_control_chars(e.text()));
  e.insert("\xC2\x85");  // a C1 control character
  CHECK(e.text() == "abc\n d");
  TextEditor one_line(100, false);
  one_line.insert("Jl. Melati\n3");
  CHECK(one_line.text() == "Jl. Melati 3");
}

TEST_CASE("the caret moves by characters and snaps to their starts") {
  TextEditor e(100);
  e.insert("a\xC3\xA9z");
  CHECK(e.caret() == 4);
  e.move_left();
  CHECK(e.caret() == 3);
  e.move_left();
  CHECK(e.caret() == 1);
  e.set_caret(2);  // inside é
  CHECK(e.caret() == 1);
  e.move_right();
  CHECK(e.caret() == 3);
  CHECK(e.before_caret() == "\xC3\xA9");
}

TEST_CASE("clearing leaves nothing behind and has_content ignores blanks") {
  TextEditor e(100);
  e.insert("   \n ");
  CHECK_FALSE(e.has_content());
  e.insert("x");
  CHECK(e.has_content());
  e.clear();
  CHECK(e.text().empty());
  CHECK(e.caret() == 0);
  CHECK(e.chars() == 0);
}

TEST_CASE("a mark typed after its letter joins it (NFC) - backspace takes an emoji family whole") {
  TextEditor e(100);
  e.insert("Jose");
  e.insert("\xCC\x81");  // U+0301 COMBINING ACUTE ACCENT, as some keyboards send it
  CHECK(e.text() == "Jos\xC3\xA9");
  CHECK(e.chars() == 4u);
  CHECK(e.caret() == e.text().size());
  e.insert(" Nguye\xCC\x82\xCC\x83n");
  CHECK(e.text() == "Jos\xC3\xA9 Nguy\xE1\xBB\x85n");
  e.clear();
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  e.insert("a" + family);
  CHECK(e.chars() == 6u);  // counted in code points, as core counts
  CHECK(e.backspace());
  CHECK(e.text() == "a");
  CHECK(e.chars() == 1u);
  e.insert(family + "b");
  e.move_left();
  e.move_left();  // over "b", then over the whole family
  CHECK(e.caret() == 1u);
  e.set_caret(3);  // inside the family: back to its start
  CHECK(e.caret() == 1u);
}
