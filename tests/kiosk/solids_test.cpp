// Opaque rectangles in software (kiosk/platform/solids.hpp): what a later
// rectangle covers is left out exactly, and a frame whose rectangles are
// cut around what covers them and filled straight into the surface has the
// same pixels as SDL drawing every rectangle and the clear itself.
#include <SDL.h>
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstring>
#include <random>
#include <vector>

#include "kiosk/platform/draw_data.hpp"
#include "kiosk/platform/fonts.hpp"
#include "kiosk/platform/solids.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui.hpp"

using namespace kotak::kiosk;

namespace {

bool in(const SDL_Rect& r, int x, int y) {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

constexpr int kW = 320, kH = 240;

// One frame of cards, panels, clipped and translucent shapes and text,
// drawn with solids for Ui::solid, onto the renderer's target.
class Scene {
 public:
  Scene() {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kW, kH);
    ImGui::GetStyle().WindowPadding = ImVec2(0, 0);  // as the kiosk: no margin clipped off
    ImFont* font = io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&atlas_, &atlas_w_, &atlas_h_);
    fonts_ = {font, font, font, font};
  }
  ~Scene() { ImGui::DestroyContext(context_); }

  std::vector<std::uint32_t> draw(std::uint32_t format, bool shortcuts) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, kW, kH, 32, format);
    REQUIRE(surface != nullptr);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    REQUIRE(renderer != nullptr);
    SDL_Texture* atlas = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888,
                                           SDL_TEXTUREACCESS_STATIC, atlas_w_, atlas_h_);
    REQUIRE(atlas != nullptr);
    SDL_UpdateTexture(atlas, nullptr, atlas_, atlas_w_ * 4);
    SDL_SetTextureBlendMode(atlas, SDL_BLENDMODE_BLEND);
    ImGui::GetIO().Fonts->SetTexID(atlas);
    {
      Solids solids(renderer, shortcuts);
      solids.begin_frame();
      build(solids);
      solids.clear(theme::kBackground, kW, kH, shortcuts ? surface : nullptr);
      SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
      render_draw_data(renderer, ImGui::GetDrawData(), atlas);
      SDL_RenderFlush(renderer);
    }
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(kW) * kH);
    for (int y = 0; y < kH; ++y)
      std::memcpy(pixels.data() + static_cast<std::size_t>(y) * kW,
                  static_cast<std::uint8_t*>(surface->pixels) + y * surface->pitch, kW * 4);
    SDL_DestroyTexture(atlas);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return pixels;
  }

 private:
  void build(Solids& solids) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("t", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ui_.set_solid_hook(&Solids::add, &solids);
    ui_.begin_frame(Metrics::for_screen(kW, kH), fonts_, catalog_, 1.0);
    ui_.fill(Rect{0, 0, kW, 40}, theme::kCard);                              // a bar
    ui_.fill(Rect{0, 120, kW, 120}, theme::kKeyboardBack);                   // a panel...
    for (int i = 0; i < 4; ++i) ui_.card(Rect{8.0f + 76 * i, 130, 70, 45});  // ...its keys
    ui_.card(Rect{10, 50, 150, 60});
    ui_.fill(Rect{60, 70, 200, 30}, theme::kAccent, 8);             // over the card
    ui_.fill(Rect{100, 20, 120, 160}, theme::kAccentSoft, 0, 128);  // translucent
    ui_.push_clip(Rect{200, 45, 90, 150});
    ui_.fill(Rect{150, 60, 200, 100}, theme::kNoticeBack);  // clipped
    ui_.text(Rect{205, 60, 80, 40}, "Kotak", {.font = fonts_.body});
    ui_.pop_clip();
    ui_.solid(Rect{120, 150, 150, 80}, theme::to_imgui(theme::kText));  // covers keys
    ui_.end_frame();
    ImGui::End();
    ImGui::Render();
  }

  ImGuiContext* context_;
  unsigned char* atlas_ = nullptr;
  int atlas_w_ = 0, atlas_h_ = 0;
  Fonts fonts_;
  Ui ui_;
  kotak::core::Catalog catalog_;
};

}  // namespace

TEST_CASE("solids: what covering rectangles leave of an area - every pixel once, none covered") {
  std::mt19937 random(7);
  const SDL_Rect area{5, 3, 60, 40};
  for (int round = 0; round < 50; ++round) {
    std::vector<SDL_Rect> covers;
    const int n = static_cast<int>(random() % 8);
    for (int i = 0; i < n; ++i)
      covers.push_back({static_cast<int>(random() % 80) - 10, static_cast<int>(random() % 60) - 10,
                        static_cast<int>(random() % 40), static_cast<int>(random() % 30)});
    const auto left = uncovered(area, covers);
    for (int y = 0; y < 60; ++y)
      for (int x = 0; x < 80; ++x) {
        bool covered = false;
        for (const auto& c : covers) covered = covered || in(c, x, y);
        int pieces = 0;
        for (const auto& r : left) pieces += in(r, x, y) ? 1 : 0;
        const int expected = in(area, x, y) && !covered ? 1 : 0;
        REQUIRE(pieces == expected);
      }
  }
  // Nothing covered: the area itself, in one piece.
  const auto whole = uncovered(area, {});
  REQUIRE(whole.size() == 1);
  CHECK(SDL_RectEquals(&whole[0], &area));
}

TEST_CASE("solids: cut around what covers them and filled directly, the frame has SDL's pixels") {
  Scene scene;
  for (std::uint32_t format : {SDL_PIXELFORMAT_RGBA32, SDL_PIXELFORMAT_XRGB8888}) {
    CAPTURE(SDL_GetPixelFormatName(format));
    const auto plain = scene.draw(format, false);
    const auto fast = scene.draw(format, true);
    int differ = 0;
    for (std::size_t i = 0; i < plain.size(); ++i) differ += plain[i] != fast[i] ? 1 : 0;
    CHECK(differ == 0);
    // The scene is not blank: the bar, the keys' cover and the background all show.
    CHECK(plain[static_cast<std::size_t>(kW) * 5 + 1] !=
          plain[static_cast<std::size_t>(kW) * 60 + 1]);
    CHECK(plain[static_cast<std::size_t>(kW) * 200 + 200] !=
          plain[static_cast<std::size_t>(kW) * 200 + 5]);
  }
}
