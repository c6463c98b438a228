// The two panels beside home's faces (home.cpp): the SKM QR code with its
// caption and address, and the public board of answered complaints, one at
// a time.
#pragma once

#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

// The SKM panel: QR code, caption and URL. The code is as large as the
// panel allows with the caption beside it and the address under both (on
// a narrow panel, the caption under the code too).
void draw_skm_panel(Ctx& ctx, const Rect& r);
// The least height of a board card worth showing: five lines of the small
// size (title, tag, the complaint and two of the answer) and its margins.
float board_min_height(Ui& ui);
// The public board: one answered complaint at a time.
void draw_board(Ctx& ctx, const Rect& r);

}  // namespace kotak::kiosk
