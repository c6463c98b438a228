// Pieces every flow screen shares, so that "Kembali" is always in the same
// place (top left), the title beside it, and the one primary action top
// right (DESIGN.md, "Look and feel").
#pragma once

#include <string_view>

#include "kiosk/screens/screen.hpp"

namespace kotak::kiosk {

struct TopBar {
  std::string_view title;
  // The primary action; empty label: none.
  std::string_view action_id = {};
  std::string_view action_label = {};
  Icon action_icon = Icon::next;
  bool action_enabled = true;
  Look action_look = Look::primary;
  bool back = true;  // the error screens have no way back
  // The other languages, as short buttons (<prefix>.lang.<code>): a patient
  // may switch on any flow screen and keeps what they typed. Not on the
  // technician's screens.
  bool languages = true;
};

struct TopBarResult {
  bool back = false;
  bool action = false;
  Rect body;  // what is left of the screen under the bar, padded
};

// Fills the background and draws the bar; ids are "<prefix>.back" and the
// given action id.
TopBarResult top_bar(Ctx& ctx, std::string_view prefix, const TopBar& bar);

// A headline and an optional text under it at the top of r; returns the
// rest of r. The text under it is shown whole (it may be a consent notice)
// up to half of r. With max_h, a heading that needs more drops its text
// under it, then sets its headline smaller (home in "A+" on a small panel,
// where the faces come first).
Rect heading(Ctx& ctx, Rect r, std::string_view title, std::string_view subtitle = {},
             float max_h = 1e9f);

// A column of large option cards (or a grid when there is room), each
// { id, label, detail, icon }; returns the index tapped or -1.
struct Option {
  std::string id;
  std::string label;
  std::string detail;
  Icon icon = Icon::none;
  bool selected = false;
};
int options(Ctx& ctx, const Rect& r, const std::vector<Option>& list, int columns = 0);

// Notes the screen's words for "Dengarkan" (speech_text.hpp): the first
// question of a frame counts (a screen's own heading comes before anything
// else it draws); choices in the order drawn.
void say_question(Ctx& ctx, std::string_view question, std::string_view detail = {});
void say_choice(Ctx& ctx, std::string_view choice);
// The "Dengarkan" button (<prefix>.listen) in r when speech is offered; with
// its word when words, else the loudspeaker alone (named for the dump). A
// tap asks the app to read the screen (ctx.listen).
void listen_button(Ctx& ctx, const Rect& r, std::string_view prefix, bool words);
// The button's width with its word and without.
float listen_width(const Ctx& ctx, bool words);

// An address as people read it, without "https://".
std::string without_scheme(std::string url);

// The label of a unit id in the session's language ("" when unknown).
std::string unit_label(const Ctx& ctx, const std::string& unit_id);

// The word under face n (1..4) and the feedback type's name.
std::string face_word(const Ui& ui, int face);
std::string type_word(const Ui& ui, core::FeedbackType type);
// A length of time as "m:ss" (a recording).
std::string minutes_seconds(double seconds);

// "Kembali ke awal dalam 18 detik" with a clock, in r, during the follow-up
// after a face (nothing outside it).
void draw_follow_up(Ctx& ctx, const Rect& r, Align h = Align::end);

// Scrolling, in scroll_view.cpp.
//
// A grid of choice chips, taller to fill r when there is room; when they do
// not fit, they scroll by dragging and a scroll strip shows it. Only chips
// wholly in view can be tapped. Returns the index tapped or -1.
int chip_grid(Ctx& ctx, const Rect& r, std::string_view scroll_id, const std::vector<Option>& list,
              int columns);

// Content content_h tall in a view r that is shorter: takes a strip off r's
// bottom with "Sebelumnya" and "Lainnya" buttons (<id>.up, <id>.down, which
// move a page) and the words "Geser untuk melihat semuanya", so nobody
// misses that there is more. Returns the scroll offset to draw with;
// nothing is taken when everything fits.
float scroll_view(Ctx& ctx, Rect& r, std::string_view id, float content_h);

}  // namespace kotak::kiosk
