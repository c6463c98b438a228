// See corner_masks.hpp.
#include "kiosk/platform/corner_masks.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "kiosk/platform/draw_data.hpp"

namespace kotak::kiosk {

namespace {

// How much of the pixel square [x, x + 1) x [y, y + 1) lies inside the
// circle of radius r about the origin: exactly 0 or 1 when the square is
// wholly out or in, else from 8 x 8 samples.
double inside(int px, int py, double r) {
  const auto x = static_cast<double>(px), y = static_cast<double>(py);
  const double near_x = std::clamp(0.0, x, x + 1), near_y = std::clamp(0.0, y, y + 1);
  const double far_x = std::max(std::abs(x), std::abs(x + 1));
  const double far_y = std::max(std::abs(y), std::abs(y + 1));
  if (near_x * near_x + near_y * near_y >= r * r) return 0;
  if (far_x * far_x + far_y * far_y <= r * r) return 1;
  constexpr int kSamples = 8;
  int in = 0;
  for (int sy = 0; sy < kSamples; ++sy)
    for (int sx = 0; sx < kSamples; ++sx) {
      const double dx = x + (sx + 0.5) / kSamples, dy = y + (sy + 0.5) / kSamples;
      if (dx * dx + dy * dy <= r * r) ++in;
    }
  return static_cast<double>(in) / (kSamples * kSamples);
}

// A white disc of this radius centred in a square twice as wide, or the
// ring of this thickness inside its edge; alpha is the part of each pixel
// the shape covers.
std::vector<std::uint32_t> coverage(int radius, int thickness) {
  const int side = 2 * radius;
  const double inner = thickness > 0 ? std::max(0, radius - thickness) : 0;
  std::vector<std::uint32_t> pixels(static_cast<std::size_t>(side) *
                                    static_cast<std::size_t>(side));
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const double part = inside(x - radius, y - radius, radius) -
                          (inner > 0 ? inside(x - radius, y - radius, inner) : 0);
      const auto alpha = static_cast<std::uint32_t>(std::lround(part * 255));
      // SDL_PIXELFORMAT_RGBA32: bytes R, G, B, A in memory.
      pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) +
             static_cast<std::size_t>(x)] = SDL_SwapLE32(0x00FFFFFFu | (alpha << 24));
    }
  return pixels;
}

}  // namespace

CornerMasks::~CornerMasks() {
  for (auto& [key, texture] : masks_) SDL_DestroyTexture(texture);
}

SDL_Texture* CornerMasks::mask(int radius, int thickness) {
  const auto key = std::make_pair(radius, thickness);
  if (auto found = masks_.find(key); found != masks_.end()) return found->second;
  const int side = 2 * radius;
  SDL_Texture* texture =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, side, side);
  if (texture) {
    const auto pixels = coverage(radius, thickness);
    if (SDL_UpdateTexture(texture, nullptr, pixels.data(), side * 4) != 0 ||
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND) != 0) {
      SDL_DestroyTexture(texture);
      texture = nullptr;
    }
  }
  // A texture SDL cannot make is not asked for again: those corners are
  // drawn as geometry.
  masks_[key] = texture;
  return texture;
}

bool CornerMasks::corner(void* self, ImDrawList* list, const Ui::Corner& c) {
  auto* masks = static_cast<CornerMasks*>(self);
  if (c.radius < 1 || c.radius > kMaxRadius) return false;
  SDL_Texture* texture = masks->mask(c.radius, c.thickness);
  if (!texture) return false;
  const int dx = c.quadrant == 1 || c.quadrant == 2 ? c.radius : 0;
  const int dy = c.quadrant >= 2 ? c.radius : 0;
  masks->copies_.push_back({masks->renderer_, texture, SDL_Rect{dx, dy, c.radius, c.radius},
                            SDL_Rect{c.x, c.y, c.radius, c.radius}, c.abgr});
  list->AddCallback(&CornerMasks::draw, &masks->copies_.back());
  return true;
}

void CornerMasks::draw(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* c = static_cast<const Copy*>(cmd->UserCallbackData);
  set_clip(c->renderer, *cmd);
  SDL_SetTextureColorMod(c->mask, c->abgr & 0xFF, (c->abgr >> 8) & 0xFF, (c->abgr >> 16) & 0xFF);
  SDL_RenderCopy(c->renderer, c->mask, &c->from, &c->to);
}

}  // namespace kotak::kiosk
