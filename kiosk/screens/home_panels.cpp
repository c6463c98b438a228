// See home_panels.hpp.
#include "kiosk/screens/home_panels.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

void draw_skm_panel(Ctx& ctx, const Rect& r) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.card(r);
  Rect inner = r.shrink(m.gap * 1.2f);
  const std::string url = without_scheme(ctx.kiosk.skm_qr.text());
  // The server's phone pages take a complaint too; an external SKM site only the survey.
  const bool phone = !ctx.kiosk.config.phone.url.empty() && !ctx.kiosk.config.phone.secret.empty();
  const std::string& caption = ui.tr(phone ? "home.phone_caption" : "home.skm_caption");
  ImFont* small = ui.fonts().small;
  const float line = m.small_px * 1.22f;
  const float url_h = std::min(ui.text_height(url, small, inner.w), line * 2);
  Rect address = inner.cut_bottom(url_h);
  inner.cut_bottom(m.gap * 0.5f);
  // Beside: the code takes what the caption leaves at a readable width.
  const float words_w = std::max(m.small_px * 6.5f, inner.w * (m.portrait ? 0.4f : 0.45f));
  float side = std::min(inner.h, inner.w - words_w - m.gap);
  // A tall panel puts the caption under the code when that makes it larger.
  const float under = std::min(
      inner.w, inner.h - std::min(ui.text_height(caption, small, inner.w), line * 3) - m.gap);
  const bool beside = side >= m.small_px * 4 && side >= under;
  Rect qr_box, words;
  if (beside) {
    qr_box = inner.cut_left(side);
    inner.cut_left(m.gap);
    words = inner;
  } else {
    const float caption_h = std::min(ui.text_height(caption, small, inner.w), line * 3);
    words = inner.cut_bottom(caption_h);
    qr_box = inner;
  }
  const Rect code = draw_qr(ui, qr_box, ctx.kiosk.skm_qr);
  const Align h = beside ? Align::start : Align::center;
  // The caption in the body size when it fits, else the small one.
  ImFont* font = ui.text_height(caption, ui.fonts().body, words.w) <= words.h ? ui.fonts().body
                                                                               : small;
  const float caption_h = std::min(ui.text_height(caption, font, words.w), words.h);
  if (beside && caption_h < words.h) words.cut_top((words.h - caption_h) / 2);
  ui.text(words, caption, {.font = font, .h = h});
  // The address under the code, from its left edge.
  if (beside && !code.empty()) address.cut_left(code.x - address.x);
  ui.text(address, url,
          {.font = small,
           .color = theme::kAccent,
           .h = beside && !code.empty() ? Align::start : Align::center,
           .max_lines = 2});
}

float board_min_height(Ui& ui) {
  const Metrics& m = ui.m();
  return m.small_px * 1.22f * 5 + m.gap * 3;
}

void draw_board(Ctx& ctx, const Rect& r) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.card(r);
  Rect inner = r.shrink(m.gap * 1.4f);
  const std::string& title = ui.tr("board.title");
  // In the button size on one line, else as small as needed on two.
  ImFont* title_font = ui.fonts().button;
  float title_h = m.button_px * 1.3f;
  if (ui.measure(title, title_font).x > inner.w) {
    title_font = ui.fonts().small;
    title_h = std::min(ui.text_height(title, title_font, inner.w), m.small_px * 1.22f * 2);
  }
  ui.text(inner.cut_top(title_h), title,
          {.font = title_font, .color = theme::kAccent, .max_lines = 2, .shrink = true});
  inner.cut_top(m.gap * 0.4f);
  const auto& items = ctx.kiosk.board;
  if (items.empty()) {
    ui.text(inner, ui.tr("board.empty"), {.color = theme::kMuted, .shrink = true});
    return;
  }
  const double period = std::max(1, ctx.kiosk.config.board_rotate_s);
  const std::size_t index = static_cast<std::size_t>(std::floor(ctx.now / period)) % items.size();
  const core::BoardItem& item = items[index];
  if (items.size() > 1) {
    // Dots: where this item is in the rotation.
    Rect dots = inner.cut_bottom(m.small_px);
    const float d = m.small_px * 0.45f;
    const std::size_t shown = std::min<std::size_t>(items.size(), 12);
    float x = dots.center().x - (static_cast<float>(shown) * d * 2.2f) / 2;
    for (std::size_t i = 0; i < shown; ++i) {
      bool on = i == index % shown;
      ui.draw()->AddCircleFilled(ImVec2(x + d, dots.center().y), d * 0.5f,
                                 theme::to_imgui(on ? theme::kAccent : theme::kBorder), 12);
      x += d * 2.2f;
    }
  }
  std::string tag;
  auto type = core::parse_feedback_type(item.type);
  if (type) {
    switch (*type) {
      case core::FeedbackType::saran:
        tag = ui.tr("type.saran");
        break;
      case core::FeedbackType::keluhan:
        tag = ui.tr("type.keluhan");
        break;
      case core::FeedbackType::pujian:
        tag = ui.tr("type.pujian");
        break;
      case core::FeedbackType::pertanyaan:
        tag = ui.tr("type.pertanyaan");
        break;
    }
  }
  std::string unit = unit_label(ctx, item.unit);
  if (!unit.empty()) tag += tag.empty() ? unit : " \xC2\xB7 " + unit;
  if (!tag.empty())
    ui.text(inner.cut_top(m.small_px * 1.3f), tag,
            {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false});
  // The complaint in at most two lines; the answer, which is the point of
  // the board, gets the rest, and the complaint gives way to it (to one
  // line in the small size) when the card is short.
  const std::string summary = "\xE2\x80\x9C" + item.summary + "\xE2\x80\x9D";
  const std::string answer = ui.tr("board.answer") + " " + item.answer;
  const float answer_h = ui.text_height(answer, ui.fonts().small, inner.w);
  float summary_h = std::min(ui.text_height(summary, ui.fonts().body, inner.w),
                             std::min(m.body_px * 1.22f * 2, inner.h * 0.45f));
  summary_h = std::max(std::min(summary_h, inner.h - m.gap * 0.5f - answer_h - 2),
                       m.small_px * 1.22f);
  ui.text(inner.cut_top(summary_h), summary, {.max_lines = 2, .shrink = true});
  inner.cut_top(m.gap * 0.5f);
  ui.text(inner, answer,
          {.font = ui.fonts().body, .color = theme::kAccent, .shrink = true});
}

}  // namespace kotak::kiosk
