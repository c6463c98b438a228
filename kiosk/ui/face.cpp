// See face.hpp. Coordinates below are in units of the face's radius.
#include "kiosk/ui/face.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui.hpp"

namespace kotak::kiosk {

void fill_disc(Ui& ui, Vec2 c, float radius, std::uint32_t abgr) {
  if (radius < 6) {
    ui.draw()->AddCircleFilled(ImVec2(c.x, c.y), radius, abgr, 24);
    return;
  }
  ui.rounded(Rect{c.x - radius, c.y - radius, radius * 2, radius * 2}, abgr, radius);
}

void draw_face(Ui& ui, Vec2 c, float radius, int rating, float pulse) {
  ImDrawList* draw = ui.draw();
  rating = std::clamp(rating, 1, 4);
  const float kPi = 3.14159265f;
  float r = radius;
  if (pulse > 0) {
    // Swell and settle, with a ring spreading out.
    float p = std::clamp(pulse, 0.0f, 1.0f);
    r = radius * (1.0f + 0.1f * std::sin(p * kPi));
    draw->AddCircle(
        ImVec2(c.x, c.y), radius * (1.05f + 0.25f * p),
        theme::to_imgui(theme::kFaceRim[rating - 1], static_cast<std::uint8_t>(200 * (1 - p))), 0,
        radius * 0.08f);
  }
  auto at = [&](float x, float y) { return ImVec2(c.x + r * x, c.y + r * y); };
  const ImU32 ink = theme::to_imgui(theme::kFaceInk);
  // The rim is a disc of its own under the face's colour: two discs of
  // strips with thin soft edges cost the software renderer far less than
  // one thick anti-aliased circle.
  fill_disc(ui, c, r, theme::to_imgui(theme::kFaceRim[rating - 1]));
  fill_disc(ui, c, r * 0.94f, theme::to_imgui(theme::kFace[rating - 1]));

  // Eyes, and brows that tilt with the mood on the unhappy faces.
  const float eye_y = rating == 1 ? -0.16f : -0.2f;
  draw->AddCircleFilled(at(-0.32f, eye_y), r * 0.1f, ink, 20);
  draw->AddCircleFilled(at(0.32f, eye_y), r * 0.1f, ink, 20);
  if (rating <= 2) {
    float tilt = rating == 1 ? 0.14f : 0.06f;
    draw->AddLine(at(-0.46f, -0.38f + tilt), at(-0.2f, -0.38f - tilt * 0.4f), ink, r * 0.07f);
    draw->AddLine(at(0.46f, -0.38f + tilt), at(0.2f, -0.38f - tilt * 0.4f), ink, r * 0.07f);
  }

  const float stroke = r * 0.09f;
  switch (rating) {
    case 1:
      draw->AddBezierQuadratic(at(-0.4f, 0.48f), at(0, 0.08f), at(0.4f, 0.48f), ink, stroke, 24);
      break;
    case 2:
      draw->AddBezierQuadratic(at(-0.34f, 0.42f), at(0, 0.26f), at(0.34f, 0.42f), ink, stroke, 24);
      break;
    case 3:
      draw->AddBezierQuadratic(at(-0.38f, 0.2f), at(0, 0.52f), at(0.38f, 0.2f), ink, stroke, 24);
      break;
    case 4:
      // A wide open smile.
      draw->PathArcTo(at(0, 0.12f), r * 0.44f, 0.0f, kPi, 32);
      draw->PathFillConvex(ink);
      draw->PathArcTo(at(0, 0.12f), r * 0.44f, 0.0f, kPi, 32);
      draw->PathStroke(ink, ImDrawFlags_Closed, stroke * 0.5f);
      break;
  }
}

}  // namespace kotak::kiosk
