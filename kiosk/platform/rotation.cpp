// See rotation.hpp.
#include "kiosk/platform/rotation.hpp"

#include <imgui.h>

#include <algorithm>

namespace kotak::kiosk {

Rotation::Rotation(int degrees, int physical_w, int physical_h)
    : degrees_(((degrees % 360) + 360) % 360), pw_(physical_w), ph_(physical_h) {
  if (degrees_ % 90 != 0) degrees_ = 0;
}

// Rotating the picture clockwise by 90° puts its top-left corner at the
// panel's top-right: logical (x, y) lands on physical (W - y, x).
Vec2 Rotation::to_physical(Vec2 p) const {
  const float w = static_cast<float>(pw_), h = static_cast<float>(ph_);
  switch (degrees_) {
    case 90:
      return {w - p.y, p.x};
    case 180:
      return {w - p.x, h - p.y};
    case 270:
      return {p.y, h - p.x};
    default:
      return p;
  }
}

Vec2 Rotation::to_logical(Vec2 p) const {
  const float w = static_cast<float>(pw_), h = static_cast<float>(ph_);
  switch (degrees_) {
    case 90:
      return {p.y, w - p.x};
    case 180:
      return {w - p.x, h - p.y};
    case 270:
      return {h - p.y, p.x};
    default:
      return p;
  }
}

Rect Rotation::to_physical_rect(const Rect& r) const {
  Vec2 a = to_physical(Vec2{r.x, r.y});
  Vec2 b = to_physical(Vec2{r.right(), r.bottom()});
  float x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
  return {x0, y0, std::max(a.x, b.x) - x0, std::max(a.y, b.y) - y0};
}

void Rotation::apply(ImDrawData* data) const {
  if (degrees_ != 0) {
    for (int n = 0; n < data->CmdListsCount; ++n) {
      ImDrawList* list = data->CmdLists[n];
      for (ImDrawVert& v : list->VtxBuffer) {
        Vec2 p = to_physical(Vec2{v.pos.x, v.pos.y});
        v.pos = ImVec2(p.x, p.y);
      }
      for (ImDrawCmd& cmd : list->CmdBuffer) {
        Rect clip =
            to_physical_rect(Rect{cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z - cmd.ClipRect.x,
                                  cmd.ClipRect.w - cmd.ClipRect.y});
        cmd.ClipRect = ImVec4(clip.x, clip.y, clip.right(), clip.bottom());
      }
    }
  }
  data->DisplayPos = ImVec2(0, 0);
  data->DisplaySize = ImVec2(static_cast<float>(pw_), static_cast<float>(ph_));
  data->FramebufferScale = ImVec2(1, 1);
}

}  // namespace kotak::kiosk
