// Rectangles and the cutting helpers every screen lays itself out with: a
// screen starts from the whole display and cuts bars, columns and cells off
// it, so the same code fits 800×480 and 1920×1080, landscape and portrait.
#pragma once

#include <algorithm>
#include <vector>

namespace kotak::kiosk {

struct Vec2 {
  float x = 0, y = 0;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;

  float right() const { return x + w; }
  float bottom() const { return y + h; }
  Vec2 center() const { return {x + w / 2, y + h / 2}; }
  bool contains(Vec2 p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
  bool empty() const { return w <= 0 || h <= 0; }

  // Cut a strip off one side and return it; this rect keeps the rest.
  Rect cut_top(float amount);
  Rect cut_bottom(float amount);
  Rect cut_left(float amount);
  Rect cut_right(float amount);
  // A copy moved inwards by d on every side (outwards when negative).
  Rect shrink(float d) const { return shrink(d, d); }
  Rect shrink(float dx, float dy) const;
  // A rect of the given size centred in this one (clamped to fit).
  Rect centered(float width, float height) const;
  Rect intersect(const Rect& other) const;
};

// Splits r into n equal columns (or rows) separated by gap.
std::vector<Rect> columns(const Rect& r, int n, float gap);
std::vector<Rect> rows(const Rect& r, int n, float gap);
// Splits r into a grid of cells, row by row.
std::vector<Rect> grid(const Rect& r, int cols, int rows, float gap);

}  // namespace kotak::kiosk
