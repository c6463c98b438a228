// See metrics.hpp.
#include "kiosk/ui/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

Metrics Metrics::for_screen(float width, float height) {
  Metrics m;
  m.width = width;
  m.height = height;
  m.portrait = height > width;
  m.base = std::min(height, width * 0.75f);
  const float b = m.base;
  // Whole pixels keep FreeType's glyphs crisp.
  auto px = [](float v, float floor) { return std::round(std::max(v, floor)); };
  m.title_px = px(0.060f * b, 26);
  m.button_px = px(0.042f * b, 20);
  m.body_px = px(0.036f * b, 18);
  m.small_px = px(0.028f * b, 15);
  m.pad = px(0.032f * b, 10);
  m.gap = px(0.020f * b, 8);
  m.radius = px(0.022f * b, 8);
  m.line = px(0.0025f * b, 1);
  m.target = px(64.0f / 1080.0f * b, 40);
  m.button_h = px(0.115f * b, m.target);
  m.bar_h = px(0.125f * b, m.target + 10);
  return m;
}

}  // namespace kotak::kiosk
