// Keys the kiosk builds at run time (SKM elements and answers, profile
// choices, sync results) are invisible to core's i18n scan; this checks
// them in every kiosk catalog, and that the fonts can draw every letter of
// every catalog (Basa Jawa's é and è in a headline included).
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/i18n.hpp"
#include "kiosk/platform/fonts.hpp"
#include "kiosk/screens/skm_text.hpp"

using namespace kotak;

TEST_CASE("every runtime-built key exists in every kiosk catalog") {
  const auto dir = std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" / "kiosk";
  auto keys = kiosk::runtime_text_keys();
  CHECK(keys.size() > 9 * 6);
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    auto catalog = core::Catalog::load(file.path());
    CAPTURE(file.path().filename());
    for (const auto& key : keys) CHECK_MESSAGE(catalog.contains(key), "missing " << key);
  }
}

TEST_CASE("the SKM answers are the regulation's labels - in order of score") {
  auto id = core::Catalog::load(std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" /
                                "kiosk" / "id.json");
  CHECK(id.get(kiosk::skm_answer_key(0, 1)) == "Tidak sesuai");
  CHECK(id.get(kiosk::skm_answer_key(3, 4)) == "Gratis");
  CHECK(id.get(kiosk::skm_answer_key(7, 2)) == "Ada tetapi tidak berfungsi");
  CHECK(id.get(kiosk::skm_answer_key(8, 1)) == "Buruk");
  CHECK(id.get(kiosk::skm_title_key(8)) == "Sarana dan prasarana");
}

TEST_CASE("the fonts have a glyph for every character of every kiosk catalog") {
  ImGuiContext* context = ImGui::CreateContext();
  const kiosk::Fonts fonts = kiosk::load_fonts(kiosk::Metrics::for_screen(800, 480));
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  const auto dir = std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" / "kiosk";
  int checked = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    CAPTURE(file.path().filename());
    for (const char* at = all.c_str(); *at;) {
      unsigned int c = 0;
      at += ImTextCharFromUtf8(&c, at, nullptr);
      if (c < 0x20) continue;  // the file's own new lines
      ++checked;
      for (const ImFont* font : {fonts.title, fonts.button, fonts.body, fonts.small})
        CHECK_MESSAGE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                      "no glyph for U+" << std::hex << c);
    }
  }
  CHECK(checked > 3 * 10000);
  // The letters of Javanese Latin spelling, headline and body alike.
  for (ImWchar c : {0xE9, 0xE8, 0xEA, 0xC8, 0xC9})
    CHECK(fonts.title->FindGlyphNoFallback(c) != nullptr);
  ImGui::DestroyContext(context);
}
