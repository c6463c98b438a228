// Display rotation (config display.rotation: 0, 90, 180, 270 degrees
// clockwise). The app lays out and draws in logical coordinates, the screen
// as the patient sees it; the physical panel may be mounted turned. Drawing
// is rotated by transforming the finished vertices (cheap, exact for right
// angles, no extra render target), and touches are rotated back.
#pragma once

#include "kiosk/ui/rect.hpp"

struct ImDrawData;

namespace kotak::kiosk {

class Rotation {
 public:
  Rotation(int degrees, int physical_w, int physical_h);

  int degrees() const { return degrees_; }
  int physical_w() const { return pw_; }
  int physical_h() const { return ph_; }
  int logical_w() const { return swapped() ? ph_ : pw_; }
  int logical_h() const { return swapped() ? pw_ : ph_; }

  Vec2 to_physical(Vec2 logical) const;
  Vec2 to_logical(Vec2 physical) const;
  Rect to_physical_rect(const Rect& logical) const;

  // Rotates every vertex and clip rectangle of a frame, in place, and sets
  // its display size to the physical one.
  void apply(ImDrawData* draw_data) const;

 private:
  bool swapped() const { return degrees_ == 90 || degrees_ == 270; }
  int degrees_;
  int pw_, ph_;
};

}  // namespace kotak::kiosk
