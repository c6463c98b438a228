// The last look before sending: type, unit, who may answer (name, phone and
// address, each on its own line and never cut), confidential or not, urgent
// or not, and the text; long facts and long text scroll, with a strip that
// says so. "Kirim" saves it durably, then thanks.
#include <algorithm>

#include "core/text.hpp"
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

namespace {

struct Fact {
  std::string label;
  std::string value;
};

std::vector<Fact> facts_of(const Ctx& ctx) {
  const Ui& ui = ctx.ui;
  const Session& s = ctx.session;
  std::vector<Fact> facts;
  facts.push_back(
      {ui.tr("review.type"), type_word(ui, s.type.value_or(core::FeedbackType::keluhan))});
  std::string unit = unit_label(ctx, s.unit);
  facts.push_back({ui.tr("review.unit"), unit.empty() ? ui.tr("review.unit_none") : unit});
  if (has_voice(s)) {
    facts.push_back({ui.tr("review.voice"), minutes_seconds(s.voice.seconds())});
  }
  if (identity_mode(s) == core::IdentityMode::anonim || !s.wants_contact) {
    facts.push_back({ui.tr("review.identity"), ui.tr("review.anonymous")});
  } else {
    auto given = [&](const TextEditor& field) {
      std::string value = core::trim(field.text());
      return value.empty() ? ui.tr("review.not_given") : value;
    };
    facts.push_back({ui.tr("review.name"), given(s.name)});
    facts.push_back({ui.tr("review.phone"), given(s.phone)});
    facts.push_back({ui.tr("review.address"), given(s.address)});
  }
  facts.push_back(
      {ui.tr("review.confidential"), s.confidential ? ui.tr("common.yes") : ui.tr("common.no")});
  facts.push_back({ui.tr("review.urgent"), s.urgent ? ui.tr("common.yes") : ui.tr("common.no")});
  return facts;
}

float value_h(const Ui& ui, const Fact& f, float width) {
  return ui.text_height(f.value, ui.fonts().body, width);
}

// How tall the facts are at this width.
float facts_height(const Ctx& ctx, const std::vector<Fact>& facts, float width) {
  const Metrics& m = ctx.ui.m();
  float h = 0;
  for (const auto& f : facts) h += m.small_px * 1.3f + value_h(ctx.ui, f, width) + m.gap * 0.9f;
  return h;
}

// The facts, label over value, whole; they scroll when they do not fit.
void draw_facts(Ctx& ctx, const Rect& card, const std::vector<Fact>& facts) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.card(card);
  Rect view = card.shrink(m.gap * 1.3f);
  const float label_h = m.small_px * 1.3f;
  const float content_h = facts_height(ctx, facts, view.w);
  const float offset = scroll_view(ctx, view, "review.facts", content_h);
  ui.push_clip(view);
  Rect r{view.x, view.y - offset, view.w, content_h};
  for (const auto& f : facts) {
    ui.text(r.cut_top(label_h), f.label,
            {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false, .shrink = true});
    ui.text(r.cut_top(value_h(ui, f, view.w)), f.value);
    r.cut_top(m.gap * 0.9f);
  }
  ui.pop_clip();
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
  // The complaint itself is not read aloud: others in the waiting room
  // would hear it.
  say_question(ctx, ui.tr("review.bar"));
  say_choice(ctx, ui.tr("review.send"));
  Rect body = bar.body;
  Rect facts, text_card;
  const auto list = facts_of(ctx);
  if (m.portrait) {
    // As tall as the facts need, between a third and three fifths.
    const float inset = m.gap * 1.3f;
    const float wanted = facts_height(ctx, list, body.w - 2 * inset) + 2 * inset;
    facts = body.cut_top(std::clamp(wanted, body.h * 0.3f, body.h * 0.6f));
    body.cut_top(m.gap);
    text_card = body;
  } else {
    facts = body.cut_left(body.w * 0.4f);
    body.cut_left(m.gap * 1.5f);
    text_card = body;
  }
  draw_facts(ctx, facts, list);

  ui.card(text_card);
  Rect t = text_card.shrink(m.gap * 1.3f);
  ui.text(t.cut_top(m.small_px * 1.3f), ui.tr("review.text"),
          {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false});
  t.cut_top(m.gap * 0.3f);
  // Only spoken: the card says so instead of standing empty.
  const bool spoken_only = s.text.text().empty() && has_voice(s);
  draw_text_view(ctx, t, "review.text",
                 spoken_only ? ui.trf("review.voice_only", {{"time", minutes_seconds(s.voice.seconds())}})
                             : s.text.text());

  if (bar.back) return Screen::urgent;
  if (bar.action) return save_written(ctx) ? Screen::thanks : Screen::store_error;
  return Screen::review;
}

}  // namespace kotak::kiosk
