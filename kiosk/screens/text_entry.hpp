// Typing on the kiosk: the on-screen keyboard drawn from its model, the text
// field with its caret (tap to move it, drag to scroll long text) and the
// length counter. Used by the complaint text and the contact screens.
#pragma once

#include <string_view>

#include "kiosk/screens/screen.hpp"

namespace kotak::kiosk {

// The keyboard panel along the bottom of the screen; the rest is returned
// in `above`.
Rect keyboard_panel(const Ctx& ctx, const Rect& body, Rect& above);
// Draws the keys; true when one was pressed (the editor may have changed).
bool draw_keyboard(Ctx& ctx, const Rect& panel, Keyboard& keyboard, TextEditor& editor);
// The field: text wrapped in r with a visible caret, or the placeholder.
void draw_text_field(Ctx& ctx, const Rect& r, std::string_view id, TextEditor& editor,
                     std::string_view placeholder);
// Long text to read, wrapped in r; it scrolls by dragging or with the
// strip under it (chrome.hpp, scroll_view) when it does not fit.
void draw_text_view(Ctx& ctx, const Rect& r, std::string_view id, std::string_view text);
// "120 / 1000" right-aligned in r; says so when the limit is reached. With
// only_when_full, nothing until then (short fields).
void draw_counter(Ctx& ctx, const Rect& r, const TextEditor& editor, bool only_when_full = false);

}  // namespace kotak::kiosk
