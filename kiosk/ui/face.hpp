// The four faces of the quick rating (DOMAIN.md: no neutral middle), drawn
// rather than loaded as bitmaps: a coloured disc, two eyes, and a mouth whose
// curve is the rating. A pressed face swells briefly so the patient sees the
// tap counted.
#pragma once

#include "kiosk/ui/rect.hpp"

struct ImDrawList;

namespace kotak::kiosk {

// rating 1..4 (Tidak puas .. Sangat puas); pulse 0..1 is the progress of the
// press animation (0: at rest).
void draw_face(ImDrawList* draw, Vec2 center, float radius, int rating, float pulse = 0);

}  // namespace kotak::kiosk
