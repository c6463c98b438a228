// See metrics.hpp.
#include "kiosk/ui/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

float default_px_per_mm(float width, float height) {
  struct Panel {
    float long_side, short_side, px_per_mm;
  };
  static constexpr Panel kPanels[] = {
      {800, 480, 5.2f}, {1024, 600, 6.6f}, {1280, 800, 5.9f}, {1920, 1080, 4.0f}};
  const float l = std::max(width, height), s = std::min(width, height);
  for (const auto& p : kPanels)
    if (p.long_side == l && p.short_side == s) return p.px_per_mm;
  return 4.0f;
}

Metrics Metrics::for_screen(float width, float height, float px_per_mm, float scale) {
  Metrics m;
  m.width = width;
  m.height = height;
  m.portrait = height > width;
  m.base = std::min(height, width * 0.75f);
  m.px_per_mm = px_per_mm > 0 ? px_per_mm : default_px_per_mm(width, height);
  m.scale = scale;
  const float b = m.base;
  const float mm = m.px_per_mm;
  m.min_target = std::ceil(kMinTargetMm * mm);
  m.min_key = std::ceil(kMinKeyMm * mm);
  m.min_text = std::round(kMinTextMm * mm);
  // Whole pixels keep FreeType's glyphs crisp. Each size is the screen's
  // proportion or the millimetres, whichever is larger, then the patient's
  // choice of larger text.
  auto px = [&](float proportion, float floor_mm) {
    return std::round(std::max(proportion * b, floor_mm * mm) * scale);
  };
  m.title_px = px(0.064f, 6.4f);
  m.button_px = px(0.044f, 4.4f);
  m.body_px = px(0.038f, 4.2f);
  m.small_px = std::max(px(0.030f, kMinTextMm), m.min_text);
  m.pad = px(0.032f, 2.0f);
  m.gap = px(0.020f, 1.6f);
  m.radius = std::round(std::max(0.022f * b, 1.6f * mm));
  m.line = std::round(std::max(0.0025f * b, 1.0f));
  // Targets a little over the minimum, so that a border or a pressed button
  // sinking in never takes one under it.
  m.target = px(64.0f / 1080.0f, kMinTargetMm + 0.6f);
  m.button_h = std::max(px(0.115f, 10.5f), m.target);
  m.bar_h = std::max(px(0.125f, 11.5f), m.target + m.gap);
  return m;
}

}  // namespace kotak::kiosk
