// See fonts.hpp.
#include "kiosk/platform/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <filesystem>

#include "core/log.hpp"

namespace kotak::kiosk {

namespace {

constexpr const char* kRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
constexpr ImWchar kFallback = 0x25CC;

// Text anyone may type or the server may send: Latin with its extensions
// and the letters of Vietnamese names (in their NFC forms: ơ, ư, ạ … ỹ),
// punctuation (dashes, quotes, the ellipsis, bullets), the euro sign.
const ImWchar kTextRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x01A0,    0x01B0,    0x1EA0,
                               0x1EF9, 0x2000, 0x206F, 0x20AC, 0x20AC,    kFallback, kFallback,
                               0};
// Headlines and buttons show only our own words and names from the config.
const ImWchar kLabelRanges[] = {0x0020, 0x007E,    0x00A0,    0x00FF, 0x2010,
                                0x2027, kFallback, kFallback, 0};

}  // namespace

Fonts load_fonts(const Metrics& m) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
  atlas->TexGlyphPadding = 1;
  return add_fonts(m);
}

Fonts add_fonts(const Metrics& m) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  Fonts fonts;
  if (!std::filesystem::exists(kRegular) || !std::filesystem::exists(kBold)) {
    core::log::error(std::string("Noto Sans is missing (") + kRegular +
                     "); install the Debian package fonts-noto-core. Using imgui's own font.");
    auto fallback = [&](float px) {
      ImFontConfig config;
      config.SizePixels = px;
      return atlas->AddFontDefault(&config);
    };
    fonts.title = fallback(m.title_px);
    fonts.button = fallback(m.button_px);
    fonts.body = fallback(m.body_px);
    fonts.small = fallback(m.small_px);
    return fonts;
  }
  ImFontConfig config;
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  fonts.body = atlas->AddFontFromFileTTF(kRegular, m.body_px, &config, kTextRanges);
  fonts.small = atlas->AddFontFromFileTTF(kRegular, m.small_px, &config, kTextRanges);
  fonts.button = atlas->AddFontFromFileTTF(kBold, m.button_px, &config, kLabelRanges);
  fonts.title = atlas->AddFontFromFileTTF(kBold, m.title_px, &config, kLabelRanges);
  return fonts;
}

void set_fallback_glyph(const Fonts& fonts) {
  for (ImFont* font : {fonts.title, fonts.button, fonts.body, fonts.small}) {
    if (!font || !font->FindGlyphNoFallback(kFallback)) continue;
    font->FallbackChar = kFallback;
    font->BuildLookupTable();
  }
}

}  // namespace kotak::kiosk
