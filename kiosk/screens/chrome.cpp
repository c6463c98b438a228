// See chrome.hpp; also the screen names.
#include "kiosk/screens/chrome.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

namespace {

constexpr std::pair<Screen, std::string_view> kNames[] = {
    {Screen::home, "home"},
    {Screen::unit, "unit"},
    {Screen::want_write, "want_write"},
    {Screen::write_type, "write_type"},
    {Screen::write_text, "write_text"},
    {Screen::write_voice, "write_voice"},
    {Screen::identity, "identity"},
    {Screen::contact_name, "contact_name"},
    {Screen::contact_phone, "contact_phone"},
    {Screen::contact_address, "contact_address"},
    {Screen::confidential, "confidential"},
    {Screen::urgent, "urgent"},
    {Screen::review, "review"},
    {Screen::thanks, "thanks"},
    {Screen::skm_intro, "skm_intro"},
    {Screen::skm_sex, "skm_sex"},
    {Screen::skm_age, "skm_age"},
    {Screen::skm_education, "skm_education"},
    {Screen::skm_occupation, "skm_occupation"},
    {Screen::skm_service, "skm_service"},
    {Screen::skm_question, "skm_question"},
    {Screen::skm_send, "skm_send"},
    {Screen::admin_pin, "admin_pin"},
    {Screen::admin, "admin"},
    {Screen::admin_enrol, "admin_enrol"},
    {Screen::touch_test, "touch_test"},
    {Screen::ticket_code, "ticket_code"},
    {Screen::ticket_status, "ticket_status"},
    {Screen::store_error, "store_error"},
    {Screen::unavailable, "unavailable"},
};

}  // namespace

std::string_view screen_name(Screen screen) {
  for (const auto& [s, name] : kNames)
    if (s == screen) return name;
  return "?";
}

std::optional<Screen> parse_screen(std::string_view name) {
  for (const auto& [s, n] : kNames)
    if (n == name) return s;
  return std::nullopt;
}

bool has_idle_timeout(Screen screen) {
  switch (screen) {
    case Screen::home:
    case Screen::thanks:
    case Screen::store_error:
    case Screen::unavailable:
      return false;
    default:
      return true;
  }
}

std::string minutes_seconds(double seconds) {
  const int s = std::max(0, static_cast<int>(seconds));
  const int rest = s % 60;
  return std::to_string(s / 60) + (rest < 10 ? ":0" : ":") + std::to_string(rest);
}

double thanks_seconds(const core::KioskConfig& config, core::Kind kind) {
  double base = config.thanks_timeout_s;
  return kind == core::Kind::written ? std::max(base, 30.0) : base;
}

TopBarResult top_bar(Ctx& ctx, std::string_view prefix, const TopBar& bar) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Rect screen{0, 0, m.width, m.height};
  ui.fill(screen, theme::kBackground);
  Rect strip = screen.cut_top(m.bar_h);
  ui.fill(strip, theme::kCard);
  ui.fill(Rect{strip.x, strip.bottom() - m.line, strip.w, m.line}, theme::kBorder);

  if (ctx.prompt) ctx.prompt->title = bar.title;
  TopBarResult result;
  Rect inner = strip.shrink(m.pad * 0.6f, m.gap * 0.6f);
  // With three languages two language buttons join the bar: they are as
  // narrow as a target may be and, on a landscape panel, "Kembali" and the
  // action narrow a little, so the title keeps its place in the bar. (In
  // portrait a title that does not fit opens the body instead, and
  // "Kembali" keeps its size.)
  const bool crowded = bar.languages && ctx.kiosk.languages.size() > 2;
  const float button_w = std::min(inner.w * 0.3f, std::max(m.bar_h * 2.9f, inner.h * 3.0f)) *
                         (crowded && !m.portrait ? 0.8f : 1.0f);
  const float least = crowded ? m.min_target : m.target * 1.25f;
  // The widths first: with "Dengarkan" in a narrow bar ("A+" on a small
  // panel) "Kembali" shows its arrow alone where that keeps the title in
  // the bar, rather than the title taking room from the screen below.
  auto pill_w = [&](const std::string& language) {
    const std::string& label = ctx.kiosk.language_short[language];
    // Room for the label inside the button's own padding (ui.cpp).
    return std::max(least, ui.measure(label, ui.fonts().button).x + m.pad * 2.2f);
  };
  float languages_w = 0;
  if (bar.languages)
    for (const auto& language : ctx.kiosk.languages)
      if (language != ctx.session.language) languages_w += pill_w(language) + m.gap;
  const float back_w = bar.back ? button_w + m.gap : 0;
  float action_w = 0;
  if (!bar.action_label.empty())
    action_w = std::min(std::max(button_w, ui.measure(bar.action_label, ui.fonts().button).x +
                                               ui.fonts().button->FontSize * 2.6f),
                        (inner.w - back_w) * 0.45f);
  const bool listen = bar.languages && ctx.can_listen;
  const float rest = inner.w - back_w - (action_w > 0 ? action_w + m.gap : 0) - languages_w;
  const float small_line = ui.fonts().small->FontSize * 1.22f;
  auto title_fits = [&](float w) {
    return ui.text_height(bar.title, ui.fonts().small, w - m.gap) <=
           std::min(inner.h, small_line * 2.5f);
  };
  // Its word where the title keeps its place and a good part of the bar.
  const float worded = listen_width(ctx, true) + m.gap;
  const bool listen_words = listen && rest - worded >= inner.w * 0.2f && title_fits(rest - worded);
  const float listen_w = listen ? listen_width(ctx, listen_words) + m.gap : 0;
  // Or where the buttons alone would not fit the bar (three languages and
  // "Dengarkan" on a portrait panel): a button is never squeezed under the
  // smallest target.
  const bool crammed = rest - listen_w < m.gap;
  const bool compact_back =
      listen && bar.back &&
      (crammed || (!title_fits(rest - listen_w) &&
                   title_fits(rest - listen_w + button_w - listen_width(ctx, false))));

  std::string back_id = std::string(prefix) + ".back";
  if (bar.back) {
    Rect back = inner.cut_left(compact_back ? listen_width(ctx, false) : button_w);
    result.back = ui.button(back, {.id = back_id,
                                   .label = compact_back ? "" : ui.tr("common.back"),
                                   .icon = Icon::back,
                                   .look = Look::secondary,
                                   .name = ui.tr("common.back")});
    inner.cut_left(m.gap);
  }
  if (action_w > 0) {
    Rect action = inner.cut_right(action_w);
    result.action = ui.button(action, {.id = bar.action_id,
                                       .label = bar.action_label,
                                       .icon = bar.action_icon,
                                       .look = bar.action_look,
                                       .enabled = bar.action_enabled});
    inner.cut_right(m.gap);
  }
  // "Dengarkan" on every patient screen, beside "Kembali" (the technician's
  // screens have no language buttons and no voice either).
  if (listen) {
    listen_button(ctx, inner.cut_left(listen_w - m.gap), prefix, listen_words);
    inner.cut_left(m.gap);
  }
  if (bar.languages) {
    for (auto it = ctx.kiosk.languages.rbegin(); it != ctx.kiosk.languages.rend(); ++it) {
      if (*it == ctx.session.language) continue;
      Rect pill = inner.cut_right(pill_w(*it));
      inner.cut_right(m.gap);
      if (ui.button(pill, {.id = std::string(prefix) + ".lang." + *it,
                           .label = ctx.kiosk.language_short[*it],
                           .look = Look::quiet,
                           .name = ctx.kiosk.language_names[*it]}))
        ctx.session.language = *it;
    }
  }
  result.body = screen.shrink(m.pad, m.pad * 0.75f);
  Rect title = inner.shrink(m.gap * 0.5f, 0);
  const float small_h = ui.text_height(bar.title, ui.fonts().small, title.w);
  if (small_h <= std::min(title.h, small_line * 2.5f)) {
    ui.text(title, bar.title,
            {.font = ui.fonts().button,
             .color = theme::kText,
             .v = Align::center,
             .max_lines = 2,
             .shrink = true});
  } else {
    // Too narrow a bar (a portrait panel with its buttons, "A+"): the
    // title opens the body rather than losing its end.
    Rect& body = result.body;
    const float h = std::min(ui.text_height(bar.title, ui.fonts().button, body.w),
                             ui.fonts().button->FontSize * 1.22f * 2);
    ui.text(body.cut_top(h), bar.title,
            {.font = ui.fonts().button, .color = theme::kMuted, .max_lines = 2, .shrink = true});
    body.cut_top(m.gap * 0.5f);
  }
  return result;
}

void say_question(Ctx& ctx, std::string_view question, std::string_view detail) {
  if (!ctx.prompt || !ctx.prompt->question.empty()) return;
  ctx.prompt->question = question;
  ctx.prompt->detail = detail;
}

void say_choice(Ctx& ctx, std::string_view choice) {
  if (ctx.prompt && !choice.empty()) ctx.prompt->choices.emplace_back(choice);
}

float listen_width(const Ctx& ctx, bool words) {
  const Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  if (!words) return m.target * 1.25f;
  return std::max(m.target * 1.25f,
                  ui.measure(ui.tr("speech.listen"), ui.fonts().button).x + m.body_px * 2.4f + m.pad);
}

void listen_button(Ctx& ctx, const Rect& r, std::string_view prefix, bool words) {
  if (!ctx.can_listen) return;
  Ui& ui = ctx.ui;
  const std::string& word = ui.tr("speech.listen");
  if (ui.button(r, {.id = std::string(prefix) + ".listen",
                    .label = words ? std::string_view(word) : std::string_view(),
                    .icon = Icon::speaker,
                    .look = Look::secondary,
                    .name = word}))
    ctx.listen = true;
}

Rect heading(Ctx& ctx, Rect r, std::string_view title, std::string_view subtitle, float max_h) {
  say_question(ctx, title, subtitle);
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ImFont* font = ui.fonts().title;
  float h = std::min(ui.text_height(title, font, r.w), font->FontSize * 1.22f * 2);
  float sh = subtitle.empty() ? 0.0f
                              : std::min(ui.text_height(subtitle, ui.fonts().body, r.w), r.h * 0.5f);
  if (h + m.gap * 0.4f + sh + m.gap > max_h) sh = 0;
  h = std::max(std::min(h, max_h - m.gap), ui.fonts().small->FontSize * 1.22f);
  ui.text(r.cut_top(h), title, {.font = font, .max_lines = 2, .shrink = true});
  if (sh > 0) {
    r.cut_top(m.gap * 0.4f);
    ui.text(r.cut_top(sh), subtitle, {.color = theme::kMuted, .shrink = true});
  }
  r.cut_top(m.gap);
  return r;
}

int options(Ctx& ctx, const Rect& r, const std::vector<Option>& list, int columns_wanted) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  const int n = static_cast<int>(list.size());
  if (n == 0) return -1;
  int cols = columns_wanted;
  if (cols <= 0) cols = m.portrait ? 1 : (n == 3 ? 3 : 2);
  cols = std::min(cols, n);
  const int row_count = (n + cols - 1) / cols;
  const bool detailed =
      std::any_of(list.begin(), list.end(), [](const Option& o) { return !o.detail.empty(); });
  // Taller cards on a portrait screen, which has the height to spare.
  const float wanted_h = m.button_h * (detailed ? 2.1f : 1.5f) * (m.portrait ? 1.4f : 1.0f);
  const float cell_h = std::min(
      wanted_h, (r.h - m.gap * static_cast<float>(row_count - 1)) / static_cast<float>(row_count));
  Rect area{r.x, r.y, r.w,
            cell_h * static_cast<float>(row_count) + m.gap * static_cast<float>(row_count - 1)};
  auto cells = grid(area, cols, row_count, m.gap);
  int tapped = -1;
  for (int i = 0; i < n; ++i) {
    const Option& o = list[static_cast<std::size_t>(i)];
    say_choice(ctx, o.detail.empty() ? o.label : o.label + ". " + o.detail);
    if (ui.button(cells[static_cast<std::size_t>(i)],
                  {.id = o.id,
                   .label = o.label,
                   .icon = o.icon,
                   .look = Look::choice,
                   .selected = o.selected,
                   .detail = o.detail,
                   .align = o.detail.empty() ? Align::center : Align::start}))
      tapped = i;
  }
  return tapped;
}

std::string without_scheme(std::string url) {
  for (std::string_view scheme : {"https://", "http://"})
    if (url.rfind(scheme, 0) == 0) return url.substr(scheme.size());
  return url;
}

std::string unit_label(const Ctx& ctx, const std::string& unit_id) {
  for (const auto& unit : ctx.kiosk.config.units)
    if (unit.id == unit_id) return unit.label_for(ctx.session.language);
  return {};
}

std::string face_word(const Ui& ui, int face) {
  switch (face) {
    case 1:
      return ui.tr("face.1");
    case 2:
      return ui.tr("face.2");
    case 3:
      return ui.tr("face.3");
    default:
      return ui.tr("face.4");
  }
}

std::string type_word(const Ui& ui, core::FeedbackType type) {
  switch (type) {
    case core::FeedbackType::saran:
      return ui.tr("type.saran");
    case core::FeedbackType::keluhan:
      return ui.tr("type.keluhan");
    case core::FeedbackType::pujian:
      return ui.tr("type.pujian");
    case core::FeedbackType::pertanyaan:
      return ui.tr("type.pertanyaan");
  }
  return {};
}

void draw_follow_up(Ctx& ctx, const Rect& r, Align h) {
  if (ctx.follow_up_left < 0) return;
  Ui& ui = ctx.ui;
  const std::string words =
      ui.trf("follow_up.countdown", {{"n", std::to_string(ctx.follow_up_left)}});
  ImFont* font = ui.fonts().small;
  const float icon = font->FontSize * 1.1f;
  const float w = std::min(r.w, ui.measure(words, font).x + icon * 1.5f);
  Rect box = r;
  if (h == Align::end) box = r.shrink(0, 0).cut_right(w);
  if (h == Align::center) box = r.centered(w, r.h);
  draw_icon(ui.draw(), Icon::clock, {box.x + icon / 2, box.center().y}, icon, theme::kMuted);
  box.cut_left(icon * 1.5f);
  ui.text(box, words,
          {.font = font, .color = theme::kMuted, .v = Align::center, .wrap = false, .shrink = true});
}

}  // namespace kotak::kiosk
