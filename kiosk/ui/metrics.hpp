// Every size on the kiosk, derived from the (logical, after rotation) screen
// size and the panel's pixels per millimetre, so one layout code serves
// 800×480 and 1920×1080, landscape and portrait (DESIGN.md, "Look and
// feel"): headline about 6% of the height, body about 3.5%, in proportion
// to the screen — but never under what an older patient at arm's length can
// read and hit (issue 10): text at least 3.5 mm high, touch targets at least
// 9 mm both ways, keyboard keys at least 8 mm, whatever the panel. A panel
// of 800×480 pixels is a 7-inch screen (about 5.2 px per mm), where the
// millimetres decide; a 1920×1080 monitor has room and the proportions do.
#pragma once

namespace kotak::kiosk {

// The smallest sizes, in millimetres on the panel.
inline constexpr float kMinTargetMm = 9.0f;
inline constexpr float kMinKeyMm = 8.0f;
inline constexpr float kMinTextMm = 3.5f;
// The "A+" choice on home: everything this much larger for one patient.
inline constexpr float kLargeTextScale = 1.25f;

struct Metrics {
  float width = 0, height = 0;
  bool portrait = false;
  // The length sizes scale with: the height in landscape; in portrait the
  // height a landscape screen of the same width would have, so a tall screen
  // does not get letters too wide for its width.
  float base = 0;
  float px_per_mm = 0;
  float scale = 1;  // 1, or kLargeTextScale

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
  float target = 0;    // the touch target layouts aim for (a little over the minimum)

  // What nothing may be under (the size test checks every screen's dump).
  float min_target = 0;  // px: kMinTargetMm
  float min_key = 0;     // px: kMinKeyMm
  float min_text = 0;    // px: the font size of kMinTextMm letters, rounded

  // px_per_mm 0: default_px_per_mm(width, height).
  static Metrics for_screen(float width, float height, float px_per_mm = 0, float scale = 1);
};

// The pixels per millimetre of common kiosk panels by their size in pixels
// (either way round): 800×480 is a 7-inch panel (5.2), 1024×600 a 7-inch
// (6.6), 1280×800 a 10-inch (5.9), 1920×1080 a 21.5-inch monitor (4.0);
// anything else is taken for a desktop monitor (4.0). [display] px_per_mm in
// the config says it for any other panel.
float default_px_per_mm(float width, float height);

}  // namespace kotak::kiosk
