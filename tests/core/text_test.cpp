#include <doctest/doctest.h>

#include "core/text.hpp"

using namespace kotak::core;

TEST_CASE("utf8_length counts code points of well-formed UTF-8") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("Terima kasih") == 12u);
  CHECK(utf8_length("Kepuasan 😀👍") == 11u);
  CHECK(utf8_length("ꦏꦺꦴꦠꦏ꧀") == 6u);  // Javanese script, three-byte sequences
}

TEST_CASE("utf8_length refuses malformed UTF-8") {
  CHECK_FALSE(utf8_length("\xC3"));              // truncated
  CHECK_FALSE(utf8_length("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(utf8_length("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(utf8_length("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(utf8_length("\xFF"));
  CHECK_FALSE(utf8_length("ok\x80"));    // stray continuation byte
  CHECK_FALSE(utf8_length("\xE2\x82"));  // truncated three-byte sequence
}

TEST_CASE("utf8_last_char_start finds the start of the last character for backspace") {
  CHECK(utf8_last_char_start("") == 0u);
  CHECK(utf8_last_char_start("ab") == 1u);
  CHECK(utf8_last_char_start("a😀") == 1u);
  CHECK(utf8_last_char_start("é") == 0u);
}

TEST_CASE("has_control_chars allows tab and newlines but not other control bytes") {
  CHECK_FALSE(has_control_chars("baris satu\nbaris dua\ttab\r\n"));
  CHECK(has_control_chars(std::string("nul\0byte", 8)));
  CHECK(has_control_chars("bell\a"));
  CHECK(has_control_chars("del\x7f"));
}

TEST_CASE("trim removes surrounding white space only") {
  CHECK(trim("  halo dunia \n") == "halo dunia");
  CHECK(trim(" \t\n") == "");
}

TEST_CASE("quote_prefix keeps a short, printable, whole-character start of what was sent") {
  CHECK(quote_prefix("pendek") == "pendek");
  CHECK(quote_prefix(std::string(100, 'x'), 5) == "xxxxx\u2026");
  CHECK(quote_prefix("\xC3\xA9t\xC3\xA9", 2) == "\xC3\xA9t\u2026");  // not cut inside a character
  CHECK(quote_prefix("a\xff\nb") == "a??b");
}

TEST_CASE("shorten cuts long text at a character boundary and marks the cut") {
  CHECK(shorten("pendek", 10) == "pendek");
  CHECK(shorten("0123456789", 10) == "0123456789");
  CHECK(shorten("0123456789A", 10) == "0123456\u2026");
  // "é" is two bytes: the cut never splits it.
  CHECK(shorten("abcdé123", 8) == "abcd\u2026");
  CHECK(utf8_length(shorten(std::string(5000, 'x') + "😀", 1000)) == 998u);
}
