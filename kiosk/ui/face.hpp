// The four faces of the quick rating (DOMAIN.md: no neutral middle), drawn
// rather than loaded as bitmaps: a coloured disc, two eyes, and a mouth whose
// curve is the rating. A pressed face swells briefly so the patient sees the
// tap counted.
#pragma once

#include <cstdint>

#include "kiosk/ui/rect.hpp"

namespace kotak::kiosk {

class Ui;

// rating 1..4 (Tidak puas .. Sangat puas); pulse 0..1 is the progress of the
// press animation (0: at rest).
void draw_face(Ui& ui, Vec2 center, float radius, int rating, float pulse = 0);

// A filled disc, built like Ui::rounded from upright strips under a thin
// anti-aliased rim: SDL's software renderer fills upright rectangles fast
// but polygons pixel by pixel (four big faces cost 6 ms at 1080p).
void fill_disc(Ui& ui, Vec2 center, float radius, std::uint32_t abgr);

}  // namespace kotak::kiosk
