// See rect.hpp.
#include "kiosk/ui/rect.hpp"

namespace kotak::kiosk {

Rect Rect::cut_top(float amount) {
  amount = std::clamp(amount, 0.0f, h);
  Rect strip{x, y, w, amount};
  y += amount;
  h -= amount;
  return strip;
}

Rect Rect::cut_bottom(float amount) {
  amount = std::clamp(amount, 0.0f, h);
  h -= amount;
  return {x, y + h, w, amount};
}

Rect Rect::cut_left(float amount) {
  amount = std::clamp(amount, 0.0f, w);
  Rect strip{x, y, amount, h};
  x += amount;
  w -= amount;
  return strip;
}

Rect Rect::cut_right(float amount) {
  amount = std::clamp(amount, 0.0f, w);
  w -= amount;
  return {x + w, y, amount, h};
}

Rect Rect::shrink(float dx, float dy) const {
  Rect r{x + dx, y + dy, w - 2 * dx, h - 2 * dy};
  r.w = std::max(r.w, 0.0f);
  r.h = std::max(r.h, 0.0f);
  return r;
}

Rect Rect::centered(float width, float height) const {
  width = std::min(width, w);
  height = std::min(height, h);
  return {x + (w - width) / 2, y + (h - height) / 2, width, height};
}

Rect Rect::intersect(const Rect& o) const {
  float x0 = std::max(x, o.x), y0 = std::max(y, o.y);
  float x1 = std::min(right(), o.right()), y1 = std::min(bottom(), o.bottom());
  return {x0, y0, std::max(0.0f, x1 - x0), std::max(0.0f, y1 - y0)};
}

std::vector<Rect> columns(const Rect& r, int n, float gap) {
  std::vector<Rect> out;
  if (n <= 0) return out;
  float width = (r.w - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  for (int i = 0; i < n; ++i)
    out.push_back({r.x + static_cast<float>(i) * (width + gap), r.y, width, r.h});
  return out;
}

std::vector<Rect> rows(const Rect& r, int n, float gap) {
  std::vector<Rect> out;
  if (n <= 0) return out;
  float height = (r.h - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  for (int i = 0; i < n; ++i)
    out.push_back({r.x, r.y + static_cast<float>(i) * (height + gap), r.w, height});
  return out;
}

std::vector<Rect> grid(const Rect& r, int cols, int rows_count, float gap) {
  std::vector<Rect> out;
  for (const auto& row : rows(r, rows_count, gap))
    for (const auto& cell : columns(row, cols, gap)) out.push_back(cell);
  return out;
}

}  // namespace kotak::kiosk
