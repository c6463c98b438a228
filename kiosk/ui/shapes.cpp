// Ui's shapes (see ui.hpp): fills, rounded rectangles and outlines, built
// for SDL's software renderer, which fills upright opaque rectangles as
// fast as a clear but blends every other pixel of geometry one by one.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/ui.hpp"

namespace kotak::kiosk {

namespace {

ImU32 col(std::uint32_t rgb, std::uint8_t alpha = 255) { return theme::to_imgui(rgb, alpha); }

// Segments for an arc of this radius and angle whose chords stray at most a
// quarter of a pixel from the circle: no eye sees the corners, but each
// segment is a handful of triangles that SDL's software renderer draws one
// by one (a face's disc had 24 per quarter where 11 look the same).
int arc_segments(float radius, float angle) {
  constexpr float kMaxError = 0.25f;
  if (radius <= kMaxError) return 2;
  const float step = 2 * std::acos(1 - kMaxError / radius);
  return std::max(2, static_cast<int>(std::ceil(angle / step)));
}

}  // namespace

void Ui::solid(const Rect& r, std::uint32_t abgr) {
  if (r.w <= 0 || r.h <= 0) return;
  // The frame starts cleared to the background (FrameRunner::render): a
  // screen's background over the whole of it, drawn before anything else,
  // would only fill the screen once more with the same colour (a full pass
  // over 8 MB at 1080p in software).
  const ImDrawList* list = draw();
  if (abgr == theme::to_imgui(theme::kBackground) && list->VtxBuffer.Size == 0 &&
      list->CmdBuffer.Size <= 1 && r.x <= 0 && r.y <= 0 && r.right() >= m_.width &&
      r.bottom() >= m_.height)
    return;
  if (solid_hook_ && (abgr >> 24) == 0xFF) {
    solid_hook_(solid_user_, draw(), r, abgr);
    return;
  }
  draw()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), abgr);
}

void Ui::fill(const Rect& r, std::uint32_t rgb, float rounding, std::uint8_t alpha) {
  if (alpha != 255) {
    draw()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), col(rgb, alpha),
                          std::min(rounding, std::min(r.w, r.h) / 2));
    return;
  }
  rounded(r, col(rgb), rounding);
}

void Ui::rounded(const Rect& r, std::uint32_t abgr, float rounding) {
  const float k = std::floor(std::min(rounding, std::min(r.w, r.h) / 2));
  if (k < 2) {
    solid(r, abgr);
    return;
  }
  // An opaque rounded rectangle made of upright rectangles: the middle, the
  // two sides, and each corner as strips under a thin anti-aliased arc that
  // smooths their stepped edge. SDL's software renderer fills upright
  // rectangles as fast as a clear but blends every other triangle pixel by
  // pixel; drawn as one rounded polygon a card cost milliseconds at 1080p.
  const float x0 = std::round(r.x), y0 = std::round(r.y);
  const float x1 = std::round(r.right()), y1 = std::round(r.bottom());
  solid(Rect{x0 + k, y0, x1 - x0 - 2 * k, y1 - y0}, abgr);
  solid(Rect{x0, y0 + k, k, y1 - y0 - 2 * k}, abgr);
  solid(Rect{x1 - k, y0 + k, k, y1 - y0 - 2 * k}, abgr);
  if (hooked_corners(Rect{x0, y0, x1 - x0, y1 - y0}, static_cast<int>(k), 0, abgr)) return;
  // Strips of each corner row band: as tall as possible while their outer
  // end stays within 1 px of the circle of radius k - 1; the arc below
  // covers the band from k - 3 to k.
  const float inner = k - 1;
  auto half = [&](float d) { return std::sqrt(std::max(0.0f, inner * inner - d * d)); };
  for (float top = 0; top < k;) {
    // Band [top, top + h) measured from the corner's outer edge inwards.
    float h = 1;
    while (top + h < k && half(k - top - 1) - half(k - top) <= 1.0f &&
           half(k - (top + h + 1)) - half(k - top) <= 1.0f)
      h += 1;
    const float reach = half(k - top);  // the narrowest row of the band
    const float w = std::max(0.0f, std::round(reach));
    if (w > 0) {
      solid(Rect{x0 + k - w, y0 + top, w, h}, abgr);
      solid(Rect{x1 - k, y0 + top, w, h}, abgr);
      solid(Rect{x0 + k - w, y1 - top - h, w, h}, abgr);
      solid(Rect{x1 - k, y1 - top - h, w, h}, abgr);
    }
    top += h;
  }
  constexpr float kPi = 3.14159265f;
  ImDrawList* d = draw();
  const struct {
    float cx, cy, a0;
  } corners[] = {{x0 + k, y0 + k, kPi},
                 {x1 - k, y0 + k, 1.5f * kPi},
                 {x1 - k, y1 - k, 0},
                 {x0 + k, y1 - k, 0.5f * kPi}};
  // A little past each end, so the arc's blunt ends fall on the straight
  // sides (same colour) instead of nicking the corner.
  const float past = 0.06f * kPi;
  const int segments = arc_segments(k - 1.5f, 0.5f * kPi + 2 * past);
  for (const auto& corner : corners) {
    d->PathArcTo(ImVec2(corner.cx, corner.cy), k - 1.5f, corner.a0 - past,
                 corner.a0 + 0.5f * kPi + past, segments);
    d->PathStroke(abgr, ImDrawFlags_None, 3.0f);
  }
}

bool Ui::hooked_corners(const Rect& box, int radius, int thickness, std::uint32_t abgr) {
  if (!corner_hook_) return false;
  const int x0 = static_cast<int>(box.x), y0 = static_cast<int>(box.y);
  const int x1 = static_cast<int>(box.right()) - radius;
  const int y1 = static_cast<int>(box.bottom()) - radius;
  // All four corners share one radius: the platform takes all or none.
  if (!corner_hook_(corner_user_, draw(), Corner{x0, y0, radius, thickness, 0, abgr})) return false;
  corner_hook_(corner_user_, draw(), Corner{x1, y0, radius, thickness, 1, abgr});
  corner_hook_(corner_user_, draw(), Corner{x1, y1, radius, thickness, 2, abgr});
  corner_hook_(corner_user_, draw(), Corner{x0, y1, radius, thickness, 3, abgr});
  return true;
}

void Ui::outline(const Rect& r, std::uint32_t rgb, float rounding, float thickness) {
  // Like fill(): straight edges as upright rectangles, only the corners as
  // curves, for the software renderer's sake.
  ImDrawList* d = draw();
  const ImU32 c = col(rgb);
  const float t = std::max(1.0f, std::round(thickness));
  if (corner_hook_) {
    // In whole pixels, as the platform draws corners.
    const float x0 = std::round(r.x), y0 = std::round(r.y);
    const float x1 = std::round(r.right()), y1 = std::round(r.bottom());
    const float k = std::floor(std::min(std::max(rounding, t), std::min(x1 - x0, y1 - y0) / 2));
    if (k >= 1 && hooked_corners(Rect{x0, y0, x1 - x0, y1 - y0}, static_cast<int>(k),
                                 static_cast<int>(t), c)) {
      solid(Rect{x0 + k, y0, x1 - x0 - 2 * k, t}, c);
      solid(Rect{x0 + k, y1 - t, x1 - x0 - 2 * k, t}, c);
      solid(Rect{x0, y0 + k, t, y1 - y0 - 2 * k}, c);
      solid(Rect{x1 - t, y0 + k, t, y1 - y0 - 2 * k}, c);
      return;
    }
  }
  const float k = std::min(std::max(rounding, t), std::min(r.w, r.h) / 2);
  const float x0 = r.x, y0 = r.y, x1 = r.right(), y1 = r.bottom();
  solid(Rect{x0 + k, y0, x1 - x0 - 2 * k, t}, c);
  solid(Rect{x0 + k, y1 - t, x1 - x0 - 2 * k, t}, c);
  solid(Rect{x0, y0 + k, t, y1 - y0 - 2 * k}, c);
  solid(Rect{x1 - t, y0 + k, t, y1 - y0 - 2 * k}, c);
  constexpr float kPi = 3.14159265f;
  const struct {
    float cx, cy, a0;
  } corners[] = {{x0 + k, y0 + k, kPi},
                 {x1 - k, y0 + k, 1.5f * kPi},
                 {x1 - k, y1 - k, 0},
                 {x0 + k, y1 - k, 0.5f * kPi}};
  const float past = 0.05f * kPi;  // overlap the straight sides: no nick at the joins
  const int segments = arc_segments(k - t / 2, 0.5f * kPi + 2 * past);
  for (const auto& corner : corners) {
    d->PathArcTo(ImVec2(corner.cx, corner.cy), k - t / 2, corner.a0 - past,
                 corner.a0 + 0.5f * kPi + past, segments);
    d->PathStroke(c, ImDrawFlags_None, t);
  }
}

void Ui::card(const Rect& r) {
  fill(r, theme::kCard, m_.radius);
  outline(r, theme::kBorder, m_.radius, m_.line);
}

}  // namespace kotak::kiosk
