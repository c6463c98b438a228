// Home, the attract screen: the puskesmas' name, "Bagaimana pelayanan kami
// hari ini?", four faces (one tap is a whole answer), the write and survey
// buttons, the SKM QR code and the rotating board of answered complaints
// (home_panels.cpp), the server's notice and the language switch. Holding
// the top-left corner for three seconds opens the technician's PIN pad.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/screens/home_panels.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

namespace {

constexpr double kFacePulse = 0.4;  // seconds the pressed face animates before moving on
constexpr double kAdminHold = 3.0;

// Kotak's mark: a speech bubble, somebody having their say, on a teal tile.
void draw_mark(Ui& ui, Rect logo, float mark) {
  const Metrics& m = ui.m();
  ui.fill(logo, theme::kAccent, m.radius * 0.7f);
  Rect bubble{logo.x + mark * 0.17f, logo.y + mark * 0.2f, mark * 0.66f, mark * 0.46f};
  ui.fill(bubble, theme::kOnAccent, mark * 0.1f);
  const ImU32 white = theme::to_imgui(theme::kOnAccent);
  ui.draw()->AddTriangleFilled(ImVec2(bubble.x + mark * 0.14f, bubble.bottom() - 1),
                               ImVec2(bubble.x + mark * 0.34f, bubble.bottom() - 1),
                               ImVec2(bubble.x + mark * 0.1f, bubble.bottom() + mark * 0.16f),
                               white);
  for (int i = -1; i <= 1; ++i)
    ui.draw()->AddCircleFilled(
        ImVec2(bubble.center().x + static_cast<float>(i) * mark * 0.16f, bubble.center().y),
        mark * 0.05f, theme::to_imgui(theme::kAccent), 12);
}

// The strip at the top: name on the left, larger letters and the
// languages on the right.
// Returns whether "Dengarkan" found its place in the header.
bool draw_header(Ctx& ctx, Rect bar) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.fill(bar, theme::kCard);
  ui.fill(Rect{bar.x, bar.bottom() - m.line, bar.w, m.line}, theme::kBorder);
  Rect inner = bar.shrink(m.pad * 0.6f, std::min(m.gap * 0.7f, (bar.h - m.target) / 2));
  // "A+": everything larger for this patient, until they finish or leave.
  {
    const std::string& label = ui.tr("home.large_text");
    const float w = std::max(inner.h * 1.3f, ui.measure(label, ui.fonts().button).x + m.pad * 2.2f);
    Rect larger = inner.cut_right(w);
    inner.cut_right(m.gap);
    if (ui.button(larger, {.id = "home.large_text",
                           .label = label,
                           .look = ctx.session.large_text ? Look::choice : Look::secondary,
                           .selected = ctx.session.large_text,
                           .name = ui.tr("home.large_text_name")}))
      ctx.session.large_text = !ctx.session.large_text;
  }
  // The language pills keep their width; "Dengarkan" shows its word only
  // where the puskesmas's name keeps a third of the bar beside it, and is
  // in the bar only where the name still fits beside it (else it goes
  // beside the question: draw_home).
  // Three languages share what two had, so the facility's name keeps its
  // room on a portrait panel; a narrow pill shows the short form ("JV").
  const float share =
      std::min(0.2f, 0.5f / static_cast<float>(std::max<std::size_t>(ctx.kiosk.languages.size(), 1)));
  const float pill_w = std::max(m.min_target, std::min(inner.w * share, inner.h * 3.6f));
  bool listen_here = false;
  if (ctx.can_listen) {
    const float pills = ctx.kiosk.languages.size() > 1
                            ? static_cast<float>(ctx.kiosk.languages.size()) * (pill_w + m.gap * 0.6f)
                            : 0.0f;
    const bool words = inner.w - pills - listen_width(ctx, true) >= inner.w * 0.36f;
    const float name_w =
        inner.w - pills - listen_width(ctx, words) - m.gap - inner.h * 0.82f - m.gap;
    listen_here = ui.text_height(ctx.kiosk.config.facility_name, ui.fonts().small, name_w) <=
                  inner.h;
    if (listen_here) {
      listen_button(ctx, inner.cut_right(listen_width(ctx, words)), "home", words);
      inner.cut_right(m.gap);
    }
  }
  if (ctx.kiosk.languages.size() > 1) {
    // Each language's name, or, where one name cannot fit its pill, every
    // pill its short form ("ID", "EN", "JV"): a row of mixed forms reads as
    // two kinds of button.
    const float room = pill_w - 2 * std::min(m.pad * 0.8f, inner.h * 0.2f);
    auto fits = [&](const std::string& name) {
      // (Two lines only where the pill is tall enough for them at full size.)
      bool fits = ui.text_height(name, ui.fonts().body, room) <=
                  std::min(m.body_px * 1.22f * 2, inner.h * 0.8f);
      for (std::size_t at = 0; fits && at < name.size();) {  // no word broken in two
        std::size_t end = std::min(name.find(' ', at), name.size());
        fits = ui.measure(std::string_view(name).substr(at, end - at), ui.fonts().body).x <= room;
        at = end + 1;
      }
      return fits;
    };
    const bool names = std::all_of(ctx.kiosk.languages.begin(), ctx.kiosk.languages.end(),
                                   [&](const std::string& code) { return fits(ctx.kiosk.language_names[code]); });
    for (auto it = ctx.kiosk.languages.rbegin(); it != ctx.kiosk.languages.rend(); ++it) {
      Rect pill = inner.cut_right(pill_w);
      inner.cut_right(m.gap * 0.6f);
      const bool current = *it == ctx.session.language;
      std::string id = "home.lang." + *it;
      const std::string& name = ctx.kiosk.language_names[*it];
      if (ui.button(pill, {.id = id,
                           .label = names ? name : ctx.kiosk.language_short[*it],
                           .look = current ? Look::choice : Look::quiet,
                           .selected = current,
                           .font = ui.fonts().body,
                           .name = name}))
        ctx.session.language = *it;
    }
  }
  // The mark gives way to the facility's name only where the name would be
  // cut beside it even in the smallest font (three languages and "A+" on a
  // portrait panel).
  const float mark = inner.h * 0.82f;
  const std::string& name = ctx.kiosk.config.facility_name;
  const ImFont* least = ui.fonts().small;
  const float line = least->FontSize * 1.22f;
  const float lines = std::clamp(std::floor((inner.h + 0.3f * least->FontSize) / line), 1.0f, 2.0f);
  if (ui.text_height(name, ui.fonts().small, inner.w - mark - m.gap) <= lines * line + 0.5f) {
    draw_mark(ui, inner.cut_left(mark).centered(mark, mark), mark);
    inner.cut_left(m.gap);
  }
  ui.text(inner, name,
          {.font = ui.fonts().button, .v = Align::center, .max_lines = 2, .shrink = true});
  return listen_here;
}

// A banner under the header: the kiosk's own trouble first, then (back
// from the follow-up) how to change the face just given, else the notice.
Rect draw_banner(Ctx& ctx, Rect& body) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  std::string text;
  bool trouble = !ctx.kiosk.store_problem.empty();
  if (trouble) {
    text = ui.tr("home.cannot_save");
  } else if (ctx.session.changing_face) {
    text = ui.tr("home.change_face") + "  " +
           ui.trf("follow_up.countdown", {{"n", std::to_string(ctx.follow_up_left)}});
  } else {
    auto& notice = ctx.kiosk.notice;
    auto it = notice.find(ctx.session.language);
    if (it == notice.end()) it = notice.find("id");
    if (it != notice.end()) text = it->second;
  }
  if (text.empty()) return {};
  Rect inner_probe = body.shrink(m.pad, 0);
  float h = std::min(ui.text_height(text, ui.fonts().body, inner_probe.w - m.body_px * 2),
                     m.body_px * 1.22f * 2) +
            m.gap * 1.2f;
  Rect strip = body.cut_top(h);
  ui.fill(strip, trouble ? theme::kErrorBack : theme::kNoticeBack);
  Rect inner = strip.shrink(m.pad, m.gap * 0.6f);
  Rect icon = inner.cut_left(m.body_px * 1.4f);
  draw_icon(ui.draw(), Icon::alert, {icon.center().x, inner.center().y}, m.body_px * 1.1f,
            trouble ? theme::kErrorText : theme::kNoticeText);
  ui.text(inner, text,
          {.color = trouble ? theme::kErrorText : theme::kNoticeText,
           .v = Align::center,
           .max_lines = 2});
  return strip;
}

// The height of the words under the faces in cells this wide: one line,
// or two when a word needs them.
float face_words_height(Ui& ui, float cell_w) {
  float widest = 0;
  for (int i = 1; i <= 4; ++i)
    widest = std::max(widest, ui.measure(face_word(ui, i), ui.fonts().button).x);
  return ui.m().button_px * 1.22f * (widest <= cell_w ? 1 : 2);
}

// The four faces with their words; returns the face tapped (1..4) or 0.
int draw_faces(Ctx& ctx, const Rect& r) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  auto cells = columns(r, 4, m.gap);
  const float word_h = face_words_height(ui, cells[0].w);
  const float radius = std::min(cells[0].w * 0.42f, (r.h - word_h - m.gap) / 2.0f);
  int tapped = 0;
  for (int i = 0; i < 4; ++i) {
    Rect cell = cells[static_cast<std::size_t>(i)];
    const std::string word = face_word(ui, i + 1);
    say_choice(ctx, word);
    bool held = false;
    std::string id = "home.face." + std::to_string(i + 1);
    Rect target{cell.x, cell.y + (r.h - (radius * 2 + m.gap + word_h)) / 2, cell.w,
                radius * 2 + m.gap + word_h};
    if (ui.area(target, id, word, &held) && ctx.kiosk.pressed_at < 0) tapped = i + 1;
    float pulse = 0;
    if (ctx.kiosk.pressed_face == i + 1) {
      pulse = static_cast<float>((ctx.now - ctx.kiosk.pressed_at) / kFacePulse);
      if (pulse >= 0 && pulse <= 1) ui.keep_animating();
    }
    Vec2 c{target.center().x, target.y + radius};
    draw_face(ui, c, held ? radius * 0.95f : radius, i + 1, pulse > 1 ? 0 : pulse);
    ui.text(Rect{target.x, target.y + radius * 2 + m.gap, target.w, word_h}, word,
            {.font = ui.fonts().button, .h = Align::center, .max_lines = 2, .shrink = true});
  }
  return tapped;
}

}  // namespace

Screen draw_home(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  KioskState& k = ctx.kiosk;
  Rect screen{0, 0, m.width, m.height};
  Rect header = screen.cut_top(m.bar_h);
  const bool listen_in_header = draw_header(ctx, header);
  if (!k.config.admin_pin_hash.empty() &&
      ui.hold(Rect{0, 0, std::min(m.bar_h * 1.3f, m.width * 0.15f), m.bar_h}, "home.admin",
              kAdminHold))
    return Screen::admin_pin;
  draw_banner(ctx, screen);

  Rect body = screen.shrink(m.pad, m.pad * 0.8f);
  Rect main, side;
  // Portrait: the two buttons one above the other, each the full width.
  float buttons_h = m.portrait ? m.button_h * 2 + m.gap : m.button_h;
  if (!m.portrait) {
    // Side by side, a label that needs three lines at the button's height
    // ("A+" on a small panel) makes both buttons taller instead.
    const float label_w = (body.w * 0.6f - m.gap) / 2 - m.button_px * 2.5f - m.pad * 1.6f;
    for (const char* key : {"home.write", "home.skm"})
      buttons_h = std::max(buttons_h, ui.text_height(ui.tr(key), ui.fonts().body, label_w) +
                                          m.pad * 0.8f);
  }
  if (m.portrait) {
    // As tall as the question, the faces (sized by the width) and the
    // buttons need; the QR code and the board get the rest.
    const float face_w = (body.w - 3 * m.gap) / 4;
    const float needed = m.title_px * 1.22f * 2 + m.body_px * 1.22f + m.gap * 1.4f +
                         face_w * 1.05f + m.gap + m.button_px * 1.22f + m.gap * 3 + buttons_h;
    main = body.cut_top(std::min(needed, body.h * 0.64f));
    body.cut_top(m.gap * 1.5f);
    side = body;
  } else {
    main = body.cut_left(body.w * 0.6f);
    body.cut_left(m.pad);
    side = body;
  }

  // Main: the question, the faces, the two buttons. The faces are what a
  // patient comes for: they keep at least two targets' width across, and
  // the question gives way first (its line under it, then its size).
  Rect buttons = main.cut_bottom(buttons_h);
  main.cut_bottom(m.gap * 1.5f);
  const float cell_w = (main.w - 3 * m.gap) / 4;
  const float faces_min =
      std::min(cell_w * 0.84f, m.target * 2.0f) + m.gap + face_words_height(ui, cell_w);
  if (ctx.can_listen && !listen_in_header) {
    // A narrow header: the loudspeaker beside the question instead.
    const float w = listen_width(ctx, false);
    Rect head = main;
    const Rect spot = head.cut_right(w);
    listen_button(ctx, Rect{spot.x, spot.y, w, m.target}, "home", false);
    head.cut_right(m.gap);
    const Rect rest = heading(ctx, head, ui.tr("home.question"), ui.tr("home.touch_face"),
                              main.h - faces_min);
    main.cut_top(rest.y - main.y);
  } else {
    main = heading(ctx, main, ui.tr("home.question"), ui.tr("home.touch_face"), main.h - faces_min);
  }
  int face = draw_faces(ctx, main);
  if (face > 0) {
    k.pressed_face = face;
    k.pressed_at = ctx.now;
    ui.keep_animating();
    // Counted at the tap, before anything else happens (DOMAIN.md): a
    // patient who walks away now, or a power cut, loses nothing. Back from
    // the follow-up, another face is a correction of the one stored.
    Session& s = ctx.session;
    s.face = face;
    s.changing_face = false;
    if (!store_face(ctx)) return Screen::store_error;
  }
  auto halves = m.portrait ? rows(buttons, 2, m.gap) : columns(buttons, 2, m.gap);
  say_choice(ctx, ui.tr("home.write"));
  say_choice(ctx, ui.tr("home.skm"));
  bool write = ui.button(halves[0], {.id = "home.write",
                                     .label = ui.tr("home.write"),
                                     .icon = Icon::pencil,
                                     .look = Look::primary});
  bool skm = ui.button(halves[1], {.id = "home.skm",
                                   .label = ui.tr("home.skm"),
                                   .icon = Icon::survey,
                                   .look = Look::secondary});

  // "Cek status pengaduan" (ticket_check.cpp) under the board, where a
  // patient who reads the answered complaints looks for their own: across
  // the side, or beside the code on a portrait screen, so that the code
  // keeps its height when the side is short ("A+" on a turned panel).
  say_choice(ctx, ui.tr("home.check_ticket"));
  auto check_button = [&](Rect& column) {
    Rect row = column.cut_bottom(m.button_h);
    column.cut_bottom(m.gap);
    return ui.button(row, {.id = "home.check_ticket",
                           .label = ui.tr("home.check_ticket"),
                           .icon = Icon::clock,
                           .look = Look::secondary});
  };
  bool check = false;

  // Side: the SKM QR code above the board (beside it on a portrait screen).
  // Without room under the code for even a short answer, no board ("A+" on
  // a small panel) and all of the side for the code.
  const float board_min = board_min_height(ui);
  if (!k.skm_qr.empty() && m.portrait) {
    // Side by side under the faces: the code as tall as the row allows.
    Rect qr_panel = side.cut_left(std::min(side.w * 0.46f, side.h * 1.1f));
    side.cut_left(m.gap * 1.5f);
    draw_skm_panel(ctx, qr_panel);
    check = check_button(side);
  } else if (!k.skm_qr.empty()) {
    check = check_button(side);
    // Room for a board card of a two-line complaint and a three-line answer,
    // the code keeping at least 45% of the side, and never less than it
    // needs to be drawn at two pixels a module (a phone page's address makes
    // a larger code): the code comes before the board.
    const float most = std::min(side.h * 0.56f, side.w * 0.72f);
    const float board_h = m.gap * 2.8f + m.button_px * 1.3f + m.gap * 0.9f + m.small_px * 2.3f +
                          m.body_px * 1.22f * 5;
    // (draw_skm_panel's margins and address under a code of two-pixel modules)
    const float url_h = std::min(ui.text_height(without_scheme(k.skm_qr.text()), ui.fonts().small,
                                                side.w - m.gap * 2.4f),
                                 m.small_px * 1.22f * 2);
    const float drawable = static_cast<float>(k.skm_qr.size() + 8) * 2 + m.gap * 2.9f + url_h + 1;
    float qr_h = std::clamp(side.h - board_h - m.gap * 1.5f, std::min(side.h * 0.45f, most), most);
    qr_h = std::max(qr_h, std::min(drawable, side.h));
    if (side.h - qr_h - m.gap * 1.5f < board_min) qr_h = side.h;
    Rect qr_panel = side.cut_top(qr_h);
    side.cut_top(m.gap * 1.5f);
    draw_skm_panel(ctx, qr_panel);
  }
  if (k.skm_qr.empty()) check = check_button(side);
  if (side.h >= board_min) draw_board(ctx, side);

  if (k.pressed_at >= 0) {
    // The pressed face finishes its little animation, then the next step.
    if (ctx.now - k.pressed_at < kFacePulse) {
      ui.keep_animating();
      return Screen::home;
    }
    k.pressed_at = -10;
    k.pressed_face = 0;
    // Without units to choose from, the face goes straight to the question.
    return k.config.units.empty() ? Screen::want_write : Screen::unit;
  }
  if (check) return Screen::ticket_code;
  if (write || skm) {
    // Something else than changing the face: the face stored stays as it is.
    Session& s = ctx.session;
    s.changing_face = false;
    s.face.reset();
    s.unit.clear();
    s.stored = {};
  }
  // A written message asks for its unit first, as after a face, so that
  // staff can sort it; without units, straight to its type.
  if (write) return k.config.units.empty() ? Screen::write_type : Screen::unit;
  if (skm) return Screen::skm_intro;
  return Screen::home;
}

}  // namespace kotak::kiosk
