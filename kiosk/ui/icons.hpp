// Icon-like glyphs drawn with ImDrawList (Noto Sans has no arrows, checks or
// pictograms, and drawn shapes stay crisp at every size). Each button pairs
// one with a verb (DESIGN.md, "Look and feel").
#pragma once

#include <cstdint>

#include "kiosk/ui/rect.hpp"

struct ImDrawList;

namespace kotak::kiosk {

enum class Icon {
  none,
  back,
  next,
  check,
  pencil,
  send,
  survey,
  backspace,
  shift,
  shift_lock,
  enter,
  skip,
  sync,
  usb,
  touch,
  lock,
  alert,
  close,
  person,
  shield,
  clock,
  phone,
  up,    // a chevron: more above
  down,  // a chevron: more below
  speaker,  // "Dengarkan": a loudspeaker with sound waves
  mic,      // "Rekam suara": a microphone on its stand
  stop,     // stop recording: a filled square
  play,     // play the recording back: a filled triangle
};

// Draws icon centred at c, fitting a square of side size, in colour rgb.
void draw_icon(ImDrawList* draw, Icon icon, Vec2 c, float size, std::uint32_t rgb);

}  // namespace kotak::kiosk
