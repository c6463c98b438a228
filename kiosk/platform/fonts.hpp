// Noto Sans (Debian's fonts-noto-core) rendered with FreeType at four sizes
// derived from the screen, loaded once at start (DESIGN.md, "Known traps":
// FreeType is in Debian's imgui but off until chosen here).
#pragma once

#include "kiosk/ui/metrics.hpp"
#include "kiosk/ui/ui.hpp"

namespace kotak::kiosk {

// Adds the fonts to imgui's atlas (the backend uploads it on the first
// frame). Without Noto Sans installed it logs an error and falls back to
// imgui's built-in font, so the kiosk still shows its words.
Fonts load_fonts(const Metrics& metrics);
// Adds one more set of the four fonts (another size) to the same atlas.
Fonts add_fonts(const Metrics& metrics);

// After the atlas is built: characters the fonts lack (emoji above all) are
// drawn as a dotted circle, U+25CC, rather than a question mark or nothing:
// a neutral "a symbol is here" that never looks like part of the text.
void set_fallback_glyph(const Fonts& fonts);

}  // namespace kotak::kiosk
