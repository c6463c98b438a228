// The screens for when something is wrong, so that the kiosk never crashes
// or goes black: an answer that could not be saved (a full disk, say: the
// patient is told politely, staff see why in admin), a kiosk that cannot
// work at all (a config error, a database it cannot open: the reason is
// shown for the technician), and the idle "Masih di sana?" card.
#include <algorithm>
#include <cmath>

#include "kiosk/screens/chrome.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

namespace {

// A big icon in a soft circle, the headline and the text, centred.
Rect notice(Ctx& ctx, Rect r, Icon icon, std::string_view title, std::string_view text) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  const float badge = m.title_px * 1.1f;
  Rect top = r.cut_top(badge * 2.2f);
  fill_disc(ui, top.center(), badge, theme::to_imgui(theme::kErrorBack));
  draw_icon(ui.draw(), icon, top.center(), badge * 1.1f, theme::kErrorText);
  r.cut_top(m.gap);
  ImFont* font = ui.fonts().title;
  float th = std::min(ui.text_height(title, font, r.w), font->FontSize * 1.22f * 2);
  ui.text(r.cut_top(th), title, {.font = font, .h = Align::center, .max_lines = 2, .shrink = true});
  r.cut_top(m.gap);
  float bh = std::min(ui.text_height(text, ui.fonts().body, r.w), m.body_px * 1.22f * 3);
  ui.text(r.cut_top(bh), text, {.color = theme::kMuted, .h = Align::center, .max_lines = 3});
  r.cut_top(m.gap);
  return r;
}

}  // namespace

Screen draw_store_error(Ctx& ctx, double shown_since) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Rect screen{0, 0, m.width, m.height};
  ui.fill(screen, theme::kBackground);
  Rect body = screen.shrink(m.pad * 2, m.pad * 1.5f);
  Rect bottom = body.cut_bottom(m.button_h);
  notice(ctx, body, Icon::alert, ui.tr("store_error.title"), ui.tr("store_error.text"));
  const double total = ctx.kiosk.config.thanks_timeout_s * 2.0;
  bool done = ui.button(bottom.centered(std::min(bottom.w, m.button_h * 5), bottom.h),
                        {.id = "store_error.done",
                         .label = ui.tr("store_error.done"),
                         .icon = Icon::check,
                         .look = Look::primary});
  if (done || ctx.now - shown_since >= total) return Screen::home;
  return Screen::store_error;
}

Screen draw_unavailable(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Rect screen{0, 0, m.width, m.height};
  ui.fill(screen, theme::kBackground);
  // The technician can still reach admin (to see the store's state) when
  // the config was read.
  if (!ctx.kiosk.config.admin_pin_hash.empty() &&
      ui.hold(Rect{0, 0, m.bar_h * 1.3f, m.bar_h}, "unavailable.admin", 3.0))
    return Screen::admin_pin;
  Rect body = screen.shrink(m.pad * 2, m.pad * 1.5f);
  body = notice(ctx, body, Icon::alert, ui.tr("unavailable.title"), ui.tr("unavailable.text"));
  // For the technician: what is wrong in the screen's language, then the
  // words of the component that found it (a file, a line, a key), and that
  // the kiosk keeps trying.
  Rect box = body.shrink(std::max(0.0f, (body.w - m.width * 0.86f) / 2), 0);
  ui.card(box);
  Rect inner = box.shrink(m.gap * 1.2f);
  ImFont* small = ui.fonts().small;
  const float line = m.small_px * 1.22f;
  ui.text(inner.cut_top(line), ui.tr("unavailable.for_technician"),
          {.font = small, .color = theme::kMuted, .wrap = false});
  Rect retry = inner.cut_bottom(line);
  const std::string& key = ctx.kiosk.unavailable_key;
  // The key comes from kiosk/app_store.cpp and kiosk/catalogs.cpp;
  // runtime_text_keys() lists every one of them.
  const std::string reason = ui.tr(key.empty() ? "unavailable.reason.database" : key);
  const float reason_h = std::min(ui.text_height(reason, small, inner.w), line * 3);
  ui.text(inner.cut_top(reason_h), reason, {.font = small, .max_lines = 3});
  inner.cut_top(m.gap * 0.4f);
  ui.text(inner, ui.tr("unavailable.detail") + " " + ctx.kiosk.unavailable,
          {.font = small, .color = theme::kErrorText});
  ui.text(retry, ui.tr("unavailable.retry"),
          {.font = small, .color = theme::kMuted, .wrap = false, .shrink = true});
  return Screen::unavailable;
}

StillThere draw_still_there(Ctx& ctx, int seconds_left, bool unsent) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  // Opaque: what was under the card is not drawn at all.
  ui.fill(Rect{0, 0, m.width, m.height}, 0x33504B);
  const float w = std::min(m.width * 0.92f, m.base * 1.2f);
  const float h = std::min(m.height * 0.9f, m.base * (unsent ? 0.74f : 0.66f));
  Rect card = Rect{0, 0, m.width, m.height}.centered(w, h);
  ui.fill(card, theme::kCard, m.radius * 1.5f);
  Rect inner = card.shrink(m.pad);
  Rect buttons = inner.cut_bottom(m.button_h);
  inner.cut_bottom(m.gap);
  // With two buttons on a narrow screen, one above the other.
  Rect upper;
  if (unsent && m.portrait) {
    upper = inner.cut_bottom(m.button_h);
    inner.cut_bottom(m.gap);
  }
  ImFont* title = ui.fonts().title;
  // The title and the countdown side by side, to leave room for the words.
  Rect top = inner.cut_top(title->FontSize * 1.6f);
  const float count_w = title->FontSize * 1.8f;
  Rect count = top.cut_right(count_w);
  fill_disc(ui, count.center(), count.h * 0.48f, theme::to_imgui(theme::kAccentSoft));
  ui.text(count, std::to_string(seconds_left),
          {.font = title, .color = theme::kAccent, .h = Align::center, .v = Align::center,
           .wrap = false});
  ui.text(top, ui.tr("idle.title"),
          {.font = title, .v = Align::center, .wrap = false, .shrink = true});
  inner.cut_top(m.gap * 0.6f);
  const std::string words =
      unsent ? ui.tr("idle.unsent") : ui.trf("idle.text", {{"n", std::to_string(seconds_left)}});
  ui.text(inner, words, {.color = unsent ? theme::kText : theme::kMuted, .shrink = true});
  if (!unsent) {
    const bool yes = ui.button(buttons, {.id = "idle.continue",
                                         .label = ui.tr("idle.continue"),
                                         .icon = Icon::check,
                                         .look = Look::primary});
    // "Sentuh layar untuk melanjutkan": anywhere but a button continues too.
    return yes || ui.tapped_elsewhere() ? StillThere::continue_ : StillThere::waiting;
  }
  const std::vector<Rect> halves =
      m.portrait ? std::vector<Rect>{upper, buttons} : columns(buttons, 2, m.gap);
  if (ui.button(halves[0], {.id = "idle.continue",
                            .label = ui.tr("idle.continue"),
                            .look = Look::secondary}))
    return StillThere::continue_;
  if (ui.button(halves[1], {.id = "idle.send",
                            .label = ui.tr("idle.send"),
                            .icon = Icon::send,
                            .look = Look::primary}))
    return StillThere::send;
  return ui.tapped_elsewhere() ? StillThere::continue_ : StillThere::waiting;
}

}  // namespace kotak::kiosk
