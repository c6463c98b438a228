// See icons.hpp. Shapes are drawn on a unit square centred on c: a point
// (x, y) in [-0.5, 0.5] becomes c + size·(x, y).
#include "kiosk/ui/icons.hpp"

#include <imgui.h>

#include <cmath>

#include "kiosk/ui/theme.hpp"

namespace kotak::kiosk {

namespace {

constexpr float kPi = 3.14159265f;

struct Pen {
  ImDrawList* draw;
  Vec2 c;
  float size;
  ImU32 col;
  float stroke;

  ImVec2 p(float x, float y) const { return ImVec2(c.x + size * x, c.y + size * y); }
  void line(float x0, float y0, float x1, float y1) const {
    draw->AddLine(p(x0, y0), p(x1, y1), col, stroke);
  }
  void poly(std::initializer_list<ImVec2> unit_points, bool closed) const {
    ImVec2 points[16];
    int n = 0;
    for (const auto& q : unit_points) points[n++] = p(q.x, q.y);
    draw->AddPolyline(points, n, col, closed ? ImDrawFlags_Closed : ImDrawFlags_None, stroke);
  }
  void filled(std::initializer_list<ImVec2> unit_points) const {
    ImVec2 points[16];
    int n = 0;
    for (const auto& q : unit_points) points[n++] = p(q.x, q.y);
    draw->AddConvexPolyFilled(points, n, col);
  }
  void arc(float x, float y, float r, float a0, float a1) const {
    draw->PathArcTo(p(x, y), size * r, a0, a1, 24);
    draw->PathStroke(col, ImDrawFlags_None, stroke);
  }
  void dot(float x, float y, float r) const { draw->AddCircleFilled(p(x, y), size * r, col, 16); }
};

void arrow(const Pen& pen, bool left) {
  float s = left ? -1.0f : 1.0f;
  pen.line(-0.36f * s, 0, 0.36f * s, 0);
  pen.poly({ImVec2(0.02f * s, -0.32f), ImVec2(0.36f * s, 0), ImVec2(0.02f * s, 0.32f)}, false);
}

}  // namespace

void draw_icon(ImDrawList* draw, Icon icon, Vec2 c, float size, std::uint32_t rgb) {
  Pen pen{draw, c, size, theme::to_imgui(rgb), std::max(1.5f, size * 0.1f)};
  switch (icon) {
    case Icon::none:
      break;
    case Icon::back:
      arrow(pen, true);
      break;
    case Icon::next:
      arrow(pen, false);
      break;
    case Icon::check:
      pen.poly({ImVec2(-0.36f, 0.02f), ImVec2(-0.1f, 0.28f), ImVec2(0.38f, -0.26f)}, false);
      break;
    case Icon::pencil:
      pen.poly({ImVec2(-0.34f, 0.34f), ImVec2(-0.3f, 0.14f), ImVec2(0.18f, -0.34f),
                ImVec2(0.34f, -0.18f), ImVec2(-0.14f, 0.3f)},
               true);
      pen.line(0.08f, -0.24f, 0.24f, -0.08f);
      break;
    case Icon::send:
      pen.poly({ImVec2(-0.38f, -0.3f), ImVec2(0.4f, 0), ImVec2(-0.38f, 0.3f), ImVec2(-0.24f, 0)},
               true);
      pen.line(-0.24f, 0, 0.1f, 0);
      break;
    case Icon::survey:
      pen.poly(
          {ImVec2(-0.3f, -0.38f), ImVec2(0.3f, -0.38f), ImVec2(0.3f, 0.4f), ImVec2(-0.3f, 0.4f)},
          true);
      for (float y : {-0.16f, 0.02f, 0.2f}) {
        pen.dot(-0.15f, y, 0.045f);
        pen.line(-0.04f, y, 0.18f, y);
      }
      break;
    case Icon::backspace:
      pen.poly({ImVec2(-0.44f, 0), ImVec2(-0.18f, -0.28f), ImVec2(0.42f, -0.28f),
                ImVec2(0.42f, 0.28f), ImVec2(-0.18f, 0.28f)},
               true);
      pen.line(0.0f, -0.11f, 0.22f, 0.11f);
      pen.line(0.22f, -0.11f, 0.0f, 0.11f);
      break;
    case Icon::shift:
    case Icon::shift_lock:
      pen.poly(
          {ImVec2(0, -0.4f), ImVec2(0.36f, -0.02f), ImVec2(0.16f, -0.02f), ImVec2(0.16f, 0.24f),
           ImVec2(-0.16f, 0.24f), ImVec2(-0.16f, -0.02f), ImVec2(-0.36f, -0.02f)},
          true);
      if (icon == Icon::shift_lock) pen.line(-0.18f, 0.4f, 0.18f, 0.4f);
      break;
    case Icon::enter:
      pen.poly({ImVec2(0.34f, -0.34f), ImVec2(0.34f, 0.12f), ImVec2(-0.34f, 0.12f)}, false);
      pen.poly({ImVec2(-0.14f, -0.08f), ImVec2(-0.36f, 0.12f), ImVec2(-0.14f, 0.32f)}, false);
      break;
    case Icon::skip:
      pen.poly({ImVec2(-0.36f, -0.3f), ImVec2(-0.02f, 0), ImVec2(-0.36f, 0.3f)}, false);
      pen.poly({ImVec2(0.02f, -0.3f), ImVec2(0.36f, 0), ImVec2(0.02f, 0.3f)}, false);
      break;
    case Icon::sync: {
      const float a0 = -kPi * 0.2f, a1 = kPi * 1.3f;
      pen.arc(0, 0, 0.32f, a0, a1);
      const float ex = 0.32f * std::cos(a0), ey = 0.32f * std::sin(a0);
      pen.filled({ImVec2(ex - 0.16f, ey - 0.04f), ImVec2(ex + 0.1f, ey - 0.16f),
                  ImVec2(ex + 0.08f, ey + 0.14f)});
      break;
    }
    case Icon::usb:
      pen.poly(
          {ImVec2(-0.2f, -0.1f), ImVec2(0.2f, -0.1f), ImVec2(0.2f, 0.42f), ImVec2(-0.2f, 0.42f)},
          true);
      pen.poly({ImVec2(-0.12f, -0.1f), ImVec2(-0.12f, -0.42f), ImVec2(0.12f, -0.42f),
                ImVec2(0.12f, -0.1f)},
               false);
      pen.dot(-0.04f, -0.26f, 0.03f);
      pen.dot(0.05f, -0.26f, 0.03f);
      break;
    case Icon::touch:
      draw->AddCircle(pen.p(0, 0), size * 0.12f, pen.col, 20, pen.stroke);
      draw->AddCircle(pen.p(0, 0), size * 0.3f, pen.col, 28, pen.stroke * 0.7f);
      draw->AddCircle(pen.p(0, 0), size * 0.46f, pen.col, 36, pen.stroke * 0.5f);
      break;
    case Icon::lock:
      pen.poly(
          {ImVec2(-0.3f, -0.04f), ImVec2(0.3f, -0.04f), ImVec2(0.3f, 0.4f), ImVec2(-0.3f, 0.4f)},
          true);
      pen.arc(0, -0.14f, 0.18f, kPi, 2 * kPi);
      pen.line(-0.18f, -0.14f, -0.18f, -0.04f);
      pen.line(0.18f, -0.14f, 0.18f, -0.04f);
      break;
    case Icon::alert:
      pen.poly({ImVec2(0, -0.4f), ImVec2(0.42f, 0.36f), ImVec2(-0.42f, 0.36f)}, true);
      pen.line(0, -0.14f, 0, 0.12f);
      pen.dot(0, 0.24f, 0.045f);
      break;
    case Icon::close:
      pen.line(-0.3f, -0.3f, 0.3f, 0.3f);
      pen.line(0.3f, -0.3f, -0.3f, 0.3f);
      break;
    case Icon::person:
      draw->AddCircle(pen.p(0, -0.18f), size * 0.17f, pen.col, 24, pen.stroke);
      pen.arc(0, 0.42f, 0.34f, kPi * 1.05f, kPi * 1.95f);
      break;
    case Icon::shield:
      pen.poly({ImVec2(0, -0.42f), ImVec2(0.34f, -0.28f), ImVec2(0.3f, 0.1f), ImVec2(0, 0.42f),
                ImVec2(-0.3f, 0.1f), ImVec2(-0.34f, -0.28f)},
               true);
      break;
    case Icon::clock:
      draw->AddCircle(pen.p(0, 0), size * 0.38f, pen.col, 32, pen.stroke);
      pen.line(0, 0, 0, -0.22f);
      pen.line(0, 0, 0.16f, 0.1f);
      break;
    case Icon::up:
      pen.poly({ImVec2(-0.34f, 0.16f), ImVec2(0, -0.18f), ImVec2(0.34f, 0.16f)}, false);
      break;
    case Icon::down:
      pen.poly({ImVec2(-0.34f, -0.16f), ImVec2(0, 0.18f), ImVec2(0.34f, -0.16f)}, false);
      break;
    case Icon::speaker:
      pen.filled({ImVec2(-0.42f, -0.12f), ImVec2(-0.24f, -0.12f), ImVec2(-0.24f, 0.12f),
                  ImVec2(-0.42f, 0.12f)});
      pen.filled({ImVec2(-0.24f, -0.12f), ImVec2(-0.02f, -0.32f), ImVec2(-0.02f, 0.32f),
                  ImVec2(-0.24f, 0.12f)});
      pen.arc(-0.02f, 0, 0.18f, -kPi / 4, kPi / 4);
      pen.arc(-0.02f, 0, 0.34f, -kPi / 4, kPi / 4);
      break;
    case Icon::mic:
      draw->AddRectFilled(pen.p(-0.13f, -0.42f), pen.p(0.13f, 0.1f), pen.col, size * 0.13f);
      pen.arc(0, -0.04f, 0.25f, 0, kPi);
      pen.line(0, 0.21f, 0, 0.38f);
      pen.line(-0.16f, 0.38f, 0.16f, 0.38f);
      break;
    case Icon::stop:
      pen.filled(
          {ImVec2(-0.3f, -0.3f), ImVec2(0.3f, -0.3f), ImVec2(0.3f, 0.3f), ImVec2(-0.3f, 0.3f)});
      break;
    case Icon::play:
      pen.filled({ImVec2(-0.26f, -0.36f), ImVec2(0.38f, 0), ImVec2(-0.26f, 0.36f)});
      break;
    case Icon::phone:
      pen.poly(
          {ImVec2(-0.2f, -0.42f), ImVec2(0.2f, -0.42f), ImVec2(0.2f, 0.42f), ImVec2(-0.2f, 0.42f)},
          true);
      pen.dot(0, 0.3f, 0.04f);
      break;
  }
}

}  // namespace kotak::kiosk
