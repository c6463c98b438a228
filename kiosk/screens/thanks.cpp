// "Terima kasih": shown only after the answer is durably saved. A written
// complaint gets its ticket code, the 3×24 h promise and, when the server's
// public address is configured, a QR code to its tracking page. Returns home
// by itself.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

namespace {

void check_badge(Ctx& ctx, Vec2 c, float r) {
  ImDrawList* d = ctx.ui.draw();
  fill_disc(ctx.ui, c, r, theme::to_imgui(theme::kAccent));
  draw_icon(d, Icon::check, c, r * 1.1f, theme::kOnAccent);
}

}  // namespace

Screen draw_thanks(Ctx& ctx, double shown_since) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  Rect screen{0, 0, m.width, m.height};
  ui.fill(screen, theme::kBackground);
  Rect body = screen.shrink(m.pad * 1.5f, m.pad);

  const double total = thanks_seconds(ctx.kiosk.config, s.saved_kind);
  const int left = std::max(0, static_cast<int>(std::ceil(total - (ctx.now - shown_since))));
  Rect bottom = body.cut_bottom(m.button_h);
  body.cut_bottom(m.gap);
  Rect done = bottom.cut_right(std::min(bottom.w * 0.4f, m.button_h * 4.2f));
  bool finished = ui.button(done, {.id = "thanks.done",
                                   .label = ui.tr("thanks.done"),
                                   .icon = Icon::check,
                                   .look = Look::primary});
  if (ctx.can_listen) {
    const bool words = bottom.w >= listen_width(ctx, true) * 3.0f;
    listen_button(ctx, bottom.cut_left(listen_width(ctx, words)), "thanks", words);
    bottom.cut_left(m.gap);
  }
  // The countdown beside the buttons, or above them where it would lose its
  // end there (Basa Jawa, "A+" and "Dengarkan" on a portrait panel).
  const std::string countdown = ui.trf("thanks.countdown", {{"n", std::to_string(left)}});
  const float line = ui.fonts().small->FontSize * 1.22f;
  Rect countdown_box = bottom;
  if (ui.text_height(countdown, ui.fonts().small, bottom.w) > std::min(bottom.h, line * 2.5f)) {
    countdown_box = body.cut_bottom(line * 2.2f);
    body.cut_bottom(m.gap * 0.5f);
  }
  ui.text(countdown_box, countdown,
          {.font = ui.fonts().small, .color = theme::kMuted, .v = Align::center, .max_lines = 2});

  const bool written = s.saved_kind == core::Kind::written;
  const bool qr = written && !ctx.kiosk.ticket_qr.empty();
  Rect words = body;
  if (qr) {
    Rect code_area =
        m.portrait ? words.cut_bottom(words.h * 0.42f) : words.cut_right(words.w * 0.36f);
    ui.card(code_area);
    Rect inner = code_area.shrink(m.gap * 1.2f);
    // Under the code, the same page by the ticket code, for a patient with
    // no phone at hand: the code on the screen, in the link and on the page
    // is one and the same.
    const std::string address =
        without_scheme(tracking_link(ctx.kiosk.config.tracking_url, s.saved_ticket));
    const std::string& caption_words = ui.tr("thanks.scan_to_follow");
    ImFont* small = ui.fonts().small;
    const float line = m.small_px * 1.22f;
    const float caption_h = std::min(ui.text_height(caption_words, small, inner.w), line * 2);
    const float address_h = std::min(ui.text_height(address, small, inner.w), line * 2);
    Rect link = inner.cut_bottom(address_h);
    Rect caption = inner.cut_bottom(caption_h);
    draw_qr(ui, inner, ctx.kiosk.ticket_qr);
    ui.text(caption, caption_words,
            {.font = small, .color = theme::kMuted, .h = Align::center, .max_lines = 2});
    ui.text(link, address,
            {.font = small, .color = theme::kAccent, .h = Align::center, .max_lines = 2});
    if (m.portrait)
      words.cut_bottom(m.gap);
    else
      words.cut_right(m.pad);
  }

  // Without a QR code beside them the words stand alone, centred.
  const bool beside = qr && !m.portrait;
  const Align h = beside ? Align::start : Align::center;
  ImFont* title = ui.fonts().title;
  const std::string& headline = ui.tr("thanks.title");
  float badge = std::min(m.title_px * 1.1f, words.h * 0.12f);
  const float title_h =
      std::min(ui.text_height(headline, title, words.w), title->FontSize * 1.22f * 2);
  std::string rest = written ? ui.tr("thanks.promise") + " " + ui.tr("thanks.keep_ticket")
                     : s.saved_kind == core::Kind::skm ? ui.tr("thanks.skm")
                                                       : ui.tr("thanks.face");
  say_question(ctx, headline,
               written ? ui.tr("thanks.ticket_label") + " " + s.saved_ticket + ". " + rest : rest);
  const float rest_h =
      std::min(ui.text_height(rest, ui.fonts().body, words.w), m.body_px * 1.22f * 3);
  const float ticket_h = written ? m.body_px * 1.3f + m.title_px * 1.5f + m.gap * 0.5f : 0;
  float block = badge * 2 + m.gap + title_h + m.gap + ticket_h + rest_h;
  // The words matter more than the check mark: with large letters on a
  // small screen it gives way.
  if (block > words.h) {
    block -= badge * 2 + m.gap;
    badge = 0;
  }
  if (!beside && block < words.h) words.cut_top((words.h - block) / 2);

  if (badge > 0) {
    Rect badge_row = words.cut_top(badge * 2);
    check_badge(ctx, {beside ? badge_row.x + badge : badge_row.center().x, badge_row.center().y},
                badge);
    words.cut_top(m.gap);
  }
  ui.text(words.cut_top(title_h), headline,
          {.font = title, .h = h, .max_lines = 2, .shrink = true});
  words.cut_top(m.gap);
  if (written) {
    ui.text(words.cut_top(m.body_px * 1.3f), ui.tr("thanks.ticket_label"),
            {.color = theme::kMuted, .h = h, .wrap = false});
    // The ticket on a tinted band, big, so it is easy to copy down.
    Rect band = words.cut_top(m.title_px * 1.5f);
    const float band_w = ui.measure(s.saved_ticket, title).x + m.pad * 2;
    Rect ticket = beside ? band.cut_left(band_w) : band.centered(band_w, band.h);
    ui.fill(ticket, theme::kAccentSoft, m.radius);
    ui.text(ticket, s.saved_ticket,
            {.font = title,
             .color = theme::kAccent,
             .h = Align::center,
             .v = Align::center,
             .wrap = false});
    words.cut_top(m.gap * 0.5f);
  }
  ui.text(words.cut_top(rest_h), rest,
          {.color = written ? theme::kText : theme::kMuted, .h = h, .max_lines = 3});
  if (finished || ctx.now - shown_since >= total) return Screen::home;
  return Screen::thanks;
}

}  // namespace kotak::kiosk
