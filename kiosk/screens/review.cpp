// The last look before sending: type, unit, the text, who may answer,
// confidential or not, urgent or not; "Kirim" saves it durably, then thanks.
#include "core/text.hpp"
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

namespace {

// One "label: value" pair; returns the height used.
float row(Ctx& ctx, Rect& r, std::string_view label, std::string_view value) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Rect top = r;
  ui.text(r.cut_top(m.small_px * 1.3f), label,
          {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false});
  float h = std::min(ui.text_height(value, ui.fonts().body, r.w), m.body_px * 1.22f * 2);
  ui.text(r.cut_top(h), value, {.max_lines = 2});
  r.cut_top(m.gap * 0.9f);
  return r.y - top.y;
}

}  // namespace

Screen draw_review(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "review",
                     {.title = ui.tr("review.bar"),
                      .action_id = "review.send",
                      .action_label = ui.tr("review.send"),
                      .action_icon = Icon::send});
  Rect body = bar.body;
  Rect facts, text_card;
  if (m.portrait) {
    facts = body.cut_top(body.h * 0.45f);
    body.cut_top(m.gap);
    text_card = body;
  } else {
    facts = body.cut_left(body.w * 0.38f);
    body.cut_left(m.gap * 1.5f);
    text_card = body;
  }
  ui.card(facts);
  Rect f = facts.shrink(m.gap * 1.3f);
  row(ctx, f, ui.tr("review.type"), type_word(ui, s.type.value_or(core::FeedbackType::keluhan)));
  std::string unit = unit_label(ctx, s.unit);
  row(ctx, f, ui.tr("review.unit"), unit.empty() ? ui.tr("review.unit_none") : unit);
  std::string who;
  switch (identity_mode(s)) {
    case core::IdentityMode::anonim:
      who = ui.tr("review.anonymous");
      break;
    case core::IdentityMode::named:
    case core::IdentityMode::rahasia: {
      std::string name = core::trim(s.name.text()), phone = core::trim(s.phone.text());
      who = s.wants_contact && !(name.empty() && phone.empty())
                ? name + (name.empty() || phone.empty() ? "" : " \xC2\xB7 ") + phone
                : ui.tr("review.anonymous");
      break;
    }
  }
  row(ctx, f, ui.tr("review.identity"), who);
  row(ctx, f, ui.tr("review.confidential"),
      s.confidential ? ui.tr("common.yes") : ui.tr("common.no"));
  row(ctx, f, ui.tr("review.urgent"), s.urgent ? ui.tr("common.yes") : ui.tr("common.no"));

  ui.card(text_card);
  Rect t = text_card.shrink(m.gap * 1.3f);
  ui.text(t.cut_top(m.small_px * 1.3f), ui.tr("review.text"),
          {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false});
  t.cut_top(m.gap * 0.3f);
  draw_text_view(ctx, t, "review.text", s.text.text());

  if (bar.back) return Screen::urgent;
  if (bar.action) return save_written(ctx) ? Screen::thanks : Screen::store_error;
  return Screen::review;
}

}  // namespace kotak::kiosk
