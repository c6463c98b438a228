// "Cek status pengaduan" (issue 15 item 5): a patient types the ticket code
// the thanks screen showed, on a keypad of the ticket alphabet only, and
// sees where the complaint stands and the answer staff published - never
// who wrote it, which the kiosk does not have. It works offline: kotak-sync
// brings this kiosk's tickets with the board, and the screen says how old
// that is. A code that is not one of this kiosk's tickets says so and points
// to the web page, where tickets of every channel are; a run of such codes
// slows further tries down (ticket_guard.hpp).
#include <algorithm>
#include <cmath>

#include "core/ticket.hpp"
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

namespace {

// What typing left in the field, as the code is written on the thanks
// screen: the ticket alphabet only, dashes between the groups of three.
std::string formatted(std::string_view typed) {
  std::string bare;
  for (char c : typed) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (core::kTicketAlphabet.find(c) != std::string_view::npos && bare.size() < core::kTicketChars)
      bare += c;
  }
  std::string out;
  for (std::size_t i = 0; i < bare.size(); ++i) {
    if (i > 0 && i % 3 == 0) out += '-';
    out += bare[i];
  }
  return out;
}

// The status as a patient reads it; a status this kiosk does not know (a
// newer server) in general words rather than a raw name.
std::string status_words(const Ui& ui, const std::string& status) {
  static const std::pair<std::string_view, const char*> kKeys[] = {
      {"baru", "ticket.status.baru"},
      {"diverifikasi", "ticket.status.diverifikasi"},
      {"diteruskan", "ticket.status.diteruskan"},
      {"ditanggapi", "ticket.status.ditanggapi"},
      {"selesai", "ticket.status.selesai"},
      {"bukan_wewenang", "ticket.status.bukan_wewenang"},
      {"arsip", "ticket.status.arsip"}};
  for (const auto& [name, key] : kKeys)
    if (name == status) return ui.tr(key);
  return ui.tr("ticket.status.other");
}

// "Diperbarui 2 jam yang lalu": how old what the kiosk knows is.
std::string age_words(const Ui& ui, std::optional<std::int64_t> checked_ms, std::int64_t now_ms) {
  if (!checked_ms) return ui.tr("ticket.age.never");
  const std::int64_t minutes = std::max<std::int64_t>(0, now_ms - *checked_ms) / 60000;
  if (minutes < 2) return ui.tr("ticket.age.now");
  if (minutes < 60) return ui.trf("ticket.age.minutes", {{"n", std::to_string(minutes)}});
  if (minutes < 120) return ui.tr("ticket.age.hour");
  if (minutes < 48 * 60) return ui.trf("ticket.age.hours", {{"n", std::to_string(minutes / 60)}});
  return ui.trf("ticket.age.days", {{"n", std::to_string(minutes / (24 * 60))}});
}

}  // namespace

Screen draw_ticket_code(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  KioskState& k = ctx.kiosk;
  // Typed on the keypad, on a keyboard or by the headless driver: always
  // shown as the thanks screen wrote it.
  if (const std::string shown = formatted(k.ticket_code.text()); shown != k.ticket_code.text()) {
    k.ticket_code.clear();
    k.ticket_code.insert(shown);
  }
  const std::string code = core::normalize_ticket(k.ticket_code.text());
  const double wait = k.ticket_guard.wait(ctx.now);
  auto bar = top_bar(ctx, "ticket",
                     {.title = ui.tr("ticket.bar"),
                      .action_id = "ticket.check",
                      .action_label = ui.tr("ticket.check"),
                      .action_icon = Icon::check,
                      .action_enabled = !code.empty() && wait <= 0});
  Rect above;
  Rect panel = keyboard_panel(ctx, bar.body, above);
  const std::string hint =
      wait > 0 ? ui.trf("ticket.wait", {{"n", std::to_string(static_cast<int>(std::ceil(wait)))}})
               : ui.tr("ticket.hint");
  say_question(ctx, ui.tr("ticket.bar"), hint);
  const float hint_h =
      std::min(ui.text_height(hint, ui.fonts().small, above.w), m.small_px * 1.22f * 3);
  ui.text(above.cut_top(hint_h), hint,
          {.font = ui.fonts().small,
           .color = wait > 0 ? theme::kErrorText : theme::kMuted,
           .max_lines = 3});
  above.cut_top(m.gap * 0.5f);
  Rect field = above.cut_top(std::min(above.h, std::max(m.target, m.body_px * 1.8f)));
  draw_text_field(ctx, field, "ticket.field", k.ticket_code, "K7M-4FX-9AC");
  draw_keyboard(ctx, panel, k.ticket_keyboard, k.ticket_code);

  if (bar.back) return Screen::home;
  if (bar.action && !code.empty() && wait <= 0) {
    k.ticket_asked = code;
    if (!k.tickets.contains(code)) k.ticket_guard.missed(ctx.now);
    return Screen::ticket_status;
  }
  return Screen::ticket_code;
}

Screen draw_ticket_status(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  KioskState& k = ctx.kiosk;
  auto bar = top_bar(ctx, "ticket_status",
                     {.title = ui.tr("ticket.bar"),
                      .action_id = "ticket_status.done",
                      .action_label = ui.tr("thanks.done"),
                      .action_icon = Icon::check});
  Rect body = bar.body;
  const auto found = k.tickets.find(k.ticket_asked);
  const std::string age = age_words(ui, k.tickets_checked_ms, ctx.origin.created_at.unix_ms);
  ImFont* small = ui.fonts().small;
  const float age_h = std::min(ui.text_height(age, small, body.w), m.small_px * 1.22f * 2);
  ui.text(body.cut_bottom(age_h), age,
          {.font = small, .color = theme::kMuted, .max_lines = 2, .shrink = true});
  body.cut_bottom(m.gap * 0.5f);

  // The code as it was asked, on the tinted band the thanks screen uses.
  ImFont* title = ui.fonts().title;
  const std::string label = ui.tr("thanks.ticket_label");
  Rect row = body.cut_top(m.title_px * 1.4f);
  const float label_w = std::min(ui.measure(label, ui.fonts().body).x + m.gap, row.w * 0.45f);
  ui.text(row.cut_left(label_w), label,
          {.color = theme::kMuted, .v = Align::center, .max_lines = 2, .shrink = true});
  const float band_w = std::min(ui.measure(k.ticket_asked, title).x + m.pad * 2, row.w);
  Rect band = row.cut_left(band_w);
  ui.fill(band, theme::kAccentSoft, m.radius);
  ui.text(band, k.ticket_asked,
          {.font = title, .color = theme::kAccent, .h = Align::center, .v = Align::center,
           .wrap = false, .shrink = true});
  body.cut_top(m.gap);

  if (found == k.tickets.end()) {
    const std::string headline = ui.tr("ticket.unknown.title");
    std::string detail = ui.tr("ticket.unknown.detail");
    detail += ' ';
    if (!k.config.tracking_url.empty())
      detail += ui.trf("ticket.unknown.web",
                       {{"link", without_scheme(tracking_link(k.config.tracking_url,
                                                              k.ticket_asked))}});
    else
      detail += ui.tr("ticket.unknown.ask");
    say_question(ctx, headline, detail + " " + age);
    const float head_h =
        std::min(ui.text_height(headline, ui.fonts().body, body.w), m.body_px * 1.22f * 2);
    ui.text(body.cut_top(head_h), headline, {.color = theme::kErrorText, .max_lines = 2});
    body.cut_top(m.gap * 0.5f);
    draw_text_view(ctx, body, "ticket_status.detail", detail);
  } else {
    const core::TicketStatus& ticket = found->second;
    const std::string status = status_words(ui, ticket.status);
    const std::string answer =
        ticket.answer.empty() ? ui.tr("ticket.no_answer") : ticket.answer;
    say_question(ctx, status, ui.tr("board.answer") + " " + answer + " " + age);
    const float status_h =
        std::min(ui.text_height(status, ui.fonts().button, body.w), m.button_px * 1.22f * 2);
    ui.text(body.cut_top(status_h), status,
            {.font = ui.fonts().button, .color = theme::kAccent, .max_lines = 2, .shrink = true});
    body.cut_top(m.gap * 0.5f);
    ui.card(body);
    Rect inner = body.shrink(m.gap * 1.2f);
    ui.text(inner.cut_top(m.small_px * 1.3f), ui.tr("board.answer"),
            {.font = small, .color = theme::kMuted, .wrap = false, .shrink = true});
    draw_text_view(ctx, inner, "ticket_status.answer", answer);
  }
  if (bar.back) return Screen::ticket_code;
  if (bar.action) return Screen::home;
  return Screen::ticket_status;
}

}  // namespace kotak::kiosk
