#include <doctest/doctest.h>

#include "core/phone.hpp"
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

TEST_CASE("Indonesian mobile numbers: 08 or +62, 10 to 13 digits, spaces and dashes allowed") {
  using kotak::core::check_phone;
  using kotak::core::PhoneCheck;
  CHECK(check_phone("0812 3456 7890") == PhoneCheck::ok);
  CHECK(check_phone("081234567890") == PhoneCheck::ok);
  CHECK(check_phone("+62 812-3456-7890") == PhoneCheck::ok);
  CHECK(check_phone("62812345678") == PhoneCheck::ok);     // 0812345678: 10 digits
  CHECK(check_phone("6281234567") == PhoneCheck::too_short);
  CHECK(check_phone("0812345678901") == PhoneCheck::ok);  // 13
  CHECK(check_phone("081234") == PhoneCheck::too_short);
  CHECK(check_phone("08123456789012") == PhoneCheck::too_long);
  CHECK(check_phone("0272 321456") == PhoneCheck::not_mobile);  // a landline
  CHECK(check_phone("+1 415 555 0100") == PhoneCheck::not_mobile);
  CHECK(check_phone("0812 34x6 7890") == PhoneCheck::bad_characters);
  CHECK(check_phone("08+12345678") == PhoneCheck::bad_characters);
  CHECK(check_phone("   ") == PhoneCheck::empty);
  CHECK(kotak::core::national_phone("+62 812-3456-7890") == "081234567890");
  CHECK(kotak::core::national_phone("081234") == "081234");
}

TEST_CASE("NFC: a letter typed as letter and mark becomes one - Vietnamese names too") {
  CHECK(to_nfc("Jose\xCC\x81") == "Jos\xC3\xA9");  // e + U+0301 -> U+00E9
  CHECK(*utf8_length(to_nfc("Jose\xCC\x81")) == 4u);
  // Nguyễn: e + U+0302 (circumflex) + U+0303 (tilde) -> U+1EC5
  CHECK(to_nfc("Nguye\xCC\x82\xCC\x83n") == "Nguy\xE1\xBB\x85n");
  CHECK(to_nfc("Antrean lama") == "Antrean lama");
  CHECK(to_nfc("\xFF bad") == "\xFF bad");  // invalid stays as it was
}

TEST_CASE("grapheme clusters: an emoji family or a flag is one character to a reader") {
  // man ZWJ woman ZWJ girl: five code points, one cluster.
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  CHECK(grapheme_starts("a" + family + "b") == std::vector<std::size_t>{0, 1, 1 + family.size()});
  const std::string flag = "\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9";  // ID
  CHECK(grapheme_starts(flag).size() == 1u);
  CHECK(grapheme_starts("e\xCC\x81x").size() == 2u);  // e + mark, x
  CHECK(grapheme_starts("").empty());
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
