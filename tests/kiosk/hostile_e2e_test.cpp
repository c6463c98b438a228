// Hostile text: 5,000 characters of markup, quotes, newlines and emoji,
// typed through the keyboard (emoji arrive as text input, the way a USB
// keyboard's would). It is stored exactly and shown without breaking the
// layout; emoji show as a dotted circle (Noto Sans has no emoji).
#include <doctest/doctest.h>

#include "core/text.hpp"
#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace fs = std::filesystem;

namespace {

std::string hostile_text(std::size_t code_points) {
  const std::string pieces[] = {"<script>alert(\"x\")</script> ",
                                "'kutip' \"ganda\" ",
                                "\xF0\x9F\x98\x80\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ",
                                "\n",
                                "DROP TABLE submissions; -- ",
                                "Sangat_panjang_tanpa_spasi_"};
  std::string text;
  std::size_t n = 0;
  for (std::size_t i = 0; n < code_points; ++i) {
    const std::string& piece = pieces[i % std::size(pieces)];
    std::size_t at = 0;
    while (at < piece.size() && n < code_points) {
      std::size_t len = 1;
      auto c = static_cast<unsigned char>(piece[at]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      text += piece.substr(at, len);
      at += len;
      ++n;
    }
  }
  return text;
}

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void check_inside(const nlohmann::json& dump) {
  const int w = dump.at("size")[0], h = dump.at("size")[1];
  for (const auto* list : {&dump.at("targets"), &dump.at("texts")})
    for (const auto& item : *list) {
      CAPTURE(item.dump());
      CHECK(item.at("x").get<int>() >= -1);
      CHECK(item.at("y").get<int>() >= -1);
      CHECK(item.at("x").get<int>() + item.at("w").get<int>() <= w + 1);
      CHECK(item.at("y").get<int>() + item.at("h").get<int>() <= h + 1);
    }
}

void hostile(const std::string& size) {
  KioskOptions options;
  options.max_text_chars = 5000;
  options.size = size;
  KioskFixture k(options);
  const std::string text = hostile_text(5000);
  REQUIRE(*core::utf8_length(text) == 5000);
  auto run = k.run(
      "tap home.write\ntap unit.skip\ntap write_type.keluhan\ntype " + escape(text) +
      "\ntype more\nshot {out}/write.png\ndump {out}/write.json\n"
      "tap write_text.next\ntap identity.anonymous\ntap confidential.no\n"
      "tap urgent.no\nshot {out}/review.png\ndump {out}/review.json\n"
      "drag 900 700 900 200\nshot {out}/review_scrolled.png\ntap review.send\nexpect thanks\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto rows = k.submissions();
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0].submission.text == text);  // exactly, and nothing past the limit
  auto write = k.dump("write.json");
  CHECK(test::shows_text(write, "Batas panjang tercapai"));
  CHECK(test::shows_text(write, "5000 / 5000"));
  check_inside(write);
  check_inside(k.dump("review.json"));
  for (const char* shot : {"write.png", "review.png", "review_scrolled.png"})
    fs::copy_file(k.dir() / shot, test::screenshot_dir(size) / (std::string("hostile_") + shot),
                  fs::copy_options::overwrite_existing);
}

}  // namespace

TEST_CASE("hostile text at 800x480: stored exactly - shown inside the screen") {
  hostile("800x480");
}
TEST_CASE("hostile text at 1920x1080: stored exactly - shown inside the screen") {
  hostile("1920x1080");
}
