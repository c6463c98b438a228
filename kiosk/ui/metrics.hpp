// Every size on the kiosk, derived from the (logical, after rotation) screen
// size, so one layout code serves 800×480 and 1920×1080, landscape and
// portrait (DESIGN.md, "Look and feel"): headline about 6% of the height,
// body about 3.5%, touch targets at least 64 px at 1080p and in proportion
// elsewhere, with floors so text on the 7-inch Pi screen stays readable at
// arm's length.
#pragma once

namespace kotak::kiosk {

struct Metrics {
  float width = 0, height = 0;
  bool portrait = false;
  // The length sizes scale with: the height in landscape; in portrait the
  // height a landscape screen of the same width would have, so a tall screen
  // does not get letters too wide for its width.
  float base = 0;

  float title_px = 0;   // headlines: the question on home, screen titles
  float button_px = 0;  // labels on buttons and keys, face words (bold)
  float body_px = 0;    // running text
  float small_px = 0;   // captions, URLs, counters, technician details

  float pad = 0;       // space between a screen's edge and its content
  float gap = 0;       // space between neighbouring elements
  float radius = 0;    // corner rounding of buttons and cards
  float line = 0;      // border and stroke width
  float bar_h = 0;     // the top bar with "Kembali", title and primary action
  float button_h = 0;  // a normal button
  float target = 0;    // the smallest touch target allowed

  static Metrics for_screen(float width, float height);
};

}  // namespace kotak::kiosk
