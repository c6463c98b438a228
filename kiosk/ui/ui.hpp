// The kiosk's widgets over Dear ImGui: buttons, text boxes and scroll areas
// placed at rectangles the screens compute from Metrics, drawn with
// ImDrawList in the kiosk's own look. Every tappable thing is registered
// under a stable id with its label and rectangle, which is what the
// headless driver taps and dumps. Screens reach their words through tr() and
// trf() with literal keys (tests/core/i18n_test.cpp checks them).
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/metrics.hpp"
#include "kiosk/ui/rect.hpp"
#include "kiosk/ui/theme.hpp"

namespace kotak::kiosk {

struct Fonts {
  ImFont* title = nullptr;   // bold, headlines
  ImFont* button = nullptr;  // bold, buttons and keys
  ImFont* body = nullptr;
  ImFont* small = nullptr;
};

// A tappable thing as the headless driver sees it (logical coordinates).
struct Target {
  std::string id;
  std::string label;
  Rect rect;
  bool enabled = true;
};

struct ShownText {
  std::string text;
  Rect rect;
  float px = 0;      // the font's size: what the size test holds against 3.5 mm
  bool cut = false;  // it did not fit and ends with an ellipsis
};

enum class Look {
  primary,    // the one main action: filled accent
  secondary,  // white with a border
  quiet,      // text-like, for "Lewati"
  choice,     // a large option card; selected ones are tinted
  key,        // a keyboard key
  key_dark,   // shift, backspace, page keys
};

enum class Align { start, center, end };

struct ButtonSpec {
  std::string_view id;
  std::string_view label;
  Icon icon = Icon::none;
  Look look = Look::secondary;
  bool enabled = true;
  bool selected = false;
  ImFont* font = nullptr;        // default: fonts.button
  std::string_view detail = {};  // a second, smaller line (choice cards)
  Align align = Align::center;
  std::string_view name = {};  // what the dump calls a glyph-only button
};

struct TextStyle {
  ImFont* font = nullptr;              // default: fonts.body
  std::uint32_t color = theme::kText;  // 0xRRGGBB
  Align h = Align::start;
  Align v = Align::start;
  bool wrap = true;
  int max_lines = 0;    // 0: as many as fit the rect
  bool shrink = false;  // allow smaller fonts before cutting with an ellipsis
};

// One wrapped line: byte offsets into the text.
struct Line {
  std::size_t begin, end;
};
std::vector<Line> wrap_lines(const ImFont* font, float size, std::string_view text, float width);

class Ui {
 public:
  // Called by the frame runner around each frame's screen drawing.
  void begin_frame(const Metrics& metrics, const Fonts& fonts, const core::Catalog& catalog,
                   double now);
  void end_frame();

  const Metrics& m() const { return m_; }
  const Fonts& fonts() const { return fonts_; }
  double now() const { return now_; }
  const std::vector<Target>& targets() const { return targets_; }
  const std::vector<ShownText>& texts() const { return texts_; }

  // Words from the current language's catalog.
  const std::string& tr(const std::string& key) const { return catalog_->get(key); }
  std::string trf(const std::string& key,
                  std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    return catalog_->format(key, args);
  }
  void set_catalog(const core::Catalog& catalog) { catalog_ = &catalog; }

  // Presses that began before `until` are ignored: a double tap must not
  // reach into the next screen.
  void guard_input(double until) { guard_until_ = until; }
  // Draw without reacting or registering targets (under an overlay).
  void set_inert(bool inert) { inert_ = inert; }
  bool inert() const { return inert_; }
  // A press animation is running: the loop keeps drawing.
  bool animating() const { return animating_; }
  void keep_animating() { animating_ = true; }

  ImDrawList* draw() const;
  // An opaque upright rectangle in abgr (imgui's colour order). The
  // platform may draw these itself (set_solid_hook): SDL's software
  // renderer fills them many times faster as plain rectangles than as
  // geometry, which it always blends pixel by pixel.
  void solid(const Rect& r, std::uint32_t abgr);
  // An opaque rounded rectangle in abgr, built from solid() rectangles.
  void rounded(const Rect& r, std::uint32_t abgr, float rounding);
  using SolidHook = void (*)(void* user, ImDrawList* list, const Rect& r, std::uint32_t abgr);
  void set_solid_hook(SolidHook hook, void* user) {
    solid_hook_ = hook;
    solid_user_ = user;
  }
  // One opaque corner of a rounded rectangle or of its outline, in whole
  // pixels: the radius-square whose outer corner is rounded; quadrant 0 is
  // the top left, then clockwise; thickness 0 for a filled corner, else the
  // outline's. The platform may draw these itself (set_corner_hook; it
  // returns false when it cannot), else they are arcs of geometry.
  struct Corner {
    int x, y, radius, thickness, quadrant;
    std::uint32_t abgr;
  };
  using CornerHook = bool (*)(void* user, ImDrawList* list, const Corner& corner);
  void set_corner_hook(CornerHook hook, void* user) {
    corner_hook_ = hook;
    corner_user_ = user;
  }
  void fill(const Rect& r, std::uint32_t rgb, float rounding = 0, std::uint8_t alpha = 255);
  void outline(const Rect& r, std::uint32_t rgb, float rounding, float thickness);
  void card(const Rect& r);  // a white card with a soft border

  // Text as the font can draw it: in NFC, and every character (grapheme
  // cluster: a letter with its marks, an emoji sequence) the font has no
  // glyph for as one dotted circle U+25CC, never one per code point. Every
  // text, measure and height below goes through it.
  static std::string drawable(std::string_view text, const ImFont* font);
  // The byte offset in text of what is at offset shown in drawable(text).
  static std::size_t original_offset(std::string_view text, const ImFont* font, std::size_t shown);

  Vec2 measure(std::string_view text, ImFont* font = nullptr, float wrap_width = 0) const;
  // Draws one line of text at pos (the low-level call every text goes
  // through: it binds the font atlas just for the text).
  void add_text(ImFont* font, float size, Vec2 pos, std::uint32_t abgr, std::string_view text,
                const ImVec4* clip = nullptr);
  // Draws text in r; returns the rect the text actually covers.
  Rect text(const Rect& r, std::string_view text, const TextStyle& style = {});
  // The next smaller of the loaded fonts, or nullptr.
  ImFont* smaller(const ImFont* font) const;
  // The height text needs at this width.
  float text_height(std::string_view text, ImFont* font, float width) const;

  // Returns true when tapped: pressed and released inside, not dragged.
  bool button(const Rect& r, const ButtonSpec& spec);
  // A tappable area the caller draws itself (the faces); held reports a
  // press in progress.
  bool area(const Rect& r, std::string_view id, std::string_view label, bool* held = nullptr);
  // An invisible target that fires once when held for `seconds`.
  bool hold(const Rect& r, std::string_view id, double seconds);
  // A tap anywhere in r (for placing the caret): the logical point, or false.
  bool tapped_at(const Rect& r, std::string_view id, Vec2& where);
  // A tap that ended this frame on nothing tappable (a card's empty space).
  bool tapped_elsewhere() const;
  // Whether the current press (if any) is held on the last button drawn.
  bool last_held() const { return last_held_; }

  // Drag-to-scroll for content taller than r: returns the offset (0 at the
  // top) to draw the content with, clamped. Drags that start inside r move
  // it; a drag is never a tap (imgui issue 3379 pattern).
  float scroll(const Rect& r, std::string_view id, float content_h);
  void set_scroll(std::string_view id, float offset) { scroll_[std::string(id)] = offset; }
  // Forgets scroll positions and remembered values (between patients).
  void reset_scrolls() {
    scroll_.clear();
    seen_.clear();
  }
  // True when signature differs from the one given for id last time.
  bool changed(std::string_view id, std::size_t signature);
  void push_clip(const Rect& r);
  void pop_clip();

  // Records text drawn by other means, for the dump.
  void note_text(std::string_view text, const Rect& r, float px, bool cut = false) {
    texts_.push_back(
        {std::string(text.substr(0, std::min<std::size_t>(text.size(), 400))), r, px, cut});
  }
  // Records a target for the dump without drawing (used by drawn widgets).
  void add_target(std::string_view id, std::string_view label, const Rect& r, bool enabled = true);
  // The earliest time something drawn this frame changes by itself (a hold
  // completing); the loop wakes then.
  double wake_at() const { return wake_at_; }

 private:
  bool interact(const Rect& r, std::string_view id, std::string_view label, bool enabled,
                bool& held);
  bool press_is_tap() const;
  Rect visible(const Rect& r) const;

  Metrics m_;
  Fonts fonts_;
  const core::Catalog* catalog_ = nullptr;
  double now_ = 0;
  double guard_until_ = -1;
  double press_started_ = -1;
  bool inert_ = false;
  bool animating_ = false;
  bool last_held_ = false;
  std::vector<Target> targets_;
  std::vector<ShownText> texts_;
  std::vector<Rect> clips_;
  std::map<std::string, float> scroll_;
  std::map<std::string, std::size_t> seen_;
  std::map<std::string, double> hold_start_;
  std::string hold_fired_;
  double wake_at_ = 1e300;
  SolidHook solid_hook_ = nullptr;
  void* solid_user_ = nullptr;
  CornerHook corner_hook_ = nullptr;
  void* corner_user_ = nullptr;
  // The four corners of box drawn by the corner hook; false without one.
  bool hooked_corners(const Rect& box, int radius, int thickness, std::uint32_t abgr);
};

}  // namespace kotak::kiosk
