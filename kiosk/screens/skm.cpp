// The SKM survey on the kiosk (issue 6): an intro, an optional short profile
// (sex, age group, education, occupation, service), then the nine elements
// one per screen with four labelled answers, a progress bar, back and skip,
// and a last screen that sends it as one kind-skm submission. Answers are
// kept by element code, never by screen position.
#include <algorithm>

#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/screens/skm_text.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

namespace {

constexpr Screen kProfile[] = {Screen::skm_sex, Screen::skm_age, Screen::skm_education,
                               Screen::skm_occupation, Screen::skm_service};

int profile_step(Screen which) {
  for (int i = 0; i < 5; ++i)
    if (kProfile[i] == which) return i;
  return 0;
}

// The step after a profile screen; the service step needs units.
Screen after_profile(const Ctx& ctx, Screen which) {
  int i = profile_step(which) + 1;
  if (i == 4 && ctx.kiosk.config.units.empty()) ++i;
  if (i >= 5) {
    ctx.session.skm.question = 0;
    return Screen::skm_question;
  }
  return kProfile[i];
}

// Nine segments under the bar: answered, skipped, current, to come.
void progress(Ctx& ctx, Rect& body) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Rect strip = body.cut_top(m.gap * 0.9f);
  body.cut_top(m.gap);
  auto segments = columns(strip, core::kSkmElements, m.gap * 0.4f);
  for (int i = 0; i < core::kSkmElements; ++i) {
    std::uint32_t colour = theme::kBorder;
    if (ctx.session.skm.scores[static_cast<std::size_t>(i)] > 0) colour = theme::kAccent;
    if (i == ctx.session.skm.question) colour = theme::kAccentPressed;
    ui.fill(segments[static_cast<std::size_t>(i)], colour, strip.h / 2);
  }
}

}  // namespace

Screen draw_skm_intro(Ctx& ctx) {
  Ui& ui = ctx.ui;
  auto bar = top_bar(ctx, "skm_intro", {.title = ui.tr("skm.bar")});
  if (bar.back) return Screen::home;
  Rect body = heading(ctx, bar.body, ui.tr("skm.intro.title"), ui.tr("skm.intro.text"));
  int choice = options(
      ctx, body,
      {{"skm_intro.profile", ui.tr("skm.intro.profile"), ui.tr("skm.intro.profile_detail"),
        Icon::person},
       {"skm_intro.start", ui.tr("skm.intro.start"), ui.tr("skm.intro.start_detail"), Icon::next}});
  if (choice == 0) return Screen::skm_sex;
  if (choice == 1) {
    ctx.session.skm.question = 0;
    return Screen::skm_question;
  }
  return Screen::skm_intro;
}

Screen draw_skm_profile(Ctx& ctx, Screen which) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  core::SkmProfile& p = ctx.session.skm.profile;
  const int step = profile_step(which);
  std::string prefix(screen_name(which));
  auto bar = top_bar(
      ctx, prefix,
      {.title = ui.trf("skm.profile.bar", {{"n", std::to_string(step + 1)}, {"total", "5"}}),
       .action_id = prefix + ".skip",
       .action_label = ui.tr("common.skip"),
       .action_icon = Icon::skip,
       .action_look = Look::secondary});
  if (bar.back) return step == 0 ? Screen::skm_intro : kProfile[step - 1];

  std::string question;
  std::string* field = nullptr;
  std::vector<Option> list;
  auto add = [&](const std::vector<ProfileChoice>& choices, std::string& value) {
    field = &value;
    for (const auto& c : choices)
      list.push_back({prefix + "." + c.value, ui.tr(c.key), "", Icon::none, value == c.value});
  };
  switch (which) {
    case Screen::skm_sex:
      question = ui.tr("skm.profile.sex");
      add(sex_choices(), p.sex);
      break;
    case Screen::skm_age:
      question = ui.tr("skm.profile.age");
      add(age_choices(), p.age_group);
      break;
    case Screen::skm_education:
      question = ui.tr("skm.profile.education");
      add(education_choices(), p.education);
      break;
    case Screen::skm_occupation:
      question = ui.tr("skm.profile.occupation");
      add(occupation_choices(), p.occupation);
      break;
    default:
      question = ui.tr("skm.profile.service");
      field = &p.service;
      for (const auto& unit : ctx.kiosk.config.units)
        list.push_back({prefix + "." + unit.id, unit.label_for(ctx.session.language), "",
                        Icon::none, p.service == unit.id});
      break;
  }
  Rect body = heading(ctx, bar.body, question, ui.tr("skm.profile.hint"));
  const int cols = m.portrait ? 2 : (list.size() <= 2 ? 2 : 3);
  int tapped = chip_grid(ctx, body, prefix + ".list", list, cols);
  if (tapped >= 0) {
    const std::string& id = list[static_cast<std::size_t>(tapped)].id;
    *field = id.substr(prefix.size() + 1);
    return after_profile(ctx, which);
  }
  if (bar.action) {
    field->clear();
    return after_profile(ctx, which);
  }
  return which;
}

Screen draw_skm_question(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  SkmDraft& skm = ctx.session.skm;
  const int q = std::clamp(skm.question, 0, core::kSkmElements - 1);
  auto bar =
      top_bar(ctx, "skm_question",
              {.title = ui.trf("skm.question.bar", {{"n", std::to_string(q + 1)},
                                                    {"total", std::to_string(core::kSkmElements)}}),
               .action_id = "skm_question.skip",
               .action_label = ui.tr("common.skip"),
               .action_icon = Icon::skip,
               .action_look = Look::secondary});
  Rect body = bar.body;
  progress(ctx, body);
  ui.text(body.cut_top(m.small_px * 1.4f), ui.tr(skm_title_key(q)),
          {.font = ui.fonts().small, .color = theme::kAccent, .wrap = false, .shrink = true});
  ImFont* title = ui.fonts().title;
  const std::string& question = ui.tr(skm_question_key(q));
  float qh = std::min(ui.text_height(question, title, body.w), title->FontSize * 1.22f * 3);
  ui.text(body.cut_top(qh), question, {.font = title, .max_lines = 3, .shrink = true});
  say_question(ctx, question);
  body.cut_top(m.gap * 1.5f);

  // Four answers, each with the face of its score (red and sad for 1 up to
  // green and happy for 4) so the scale reads without reading.
  const int cols = m.portrait ? 1 : 4;
  const int row_count = 4 / cols;
  const float cell_h =
      std::min((body.h - m.gap * static_cast<float>(row_count - 1)) / static_cast<float>(row_count),
               m.portrait ? m.button_h * 2.0f : m.button_h * 3.2f);
  Rect area{body.x, body.y, body.w,
            cell_h * static_cast<float>(row_count) + m.gap * static_cast<float>(row_count - 1)};
  auto cells = grid(area, cols, row_count, m.gap);
  int chosen = 0;
  for (int a = 1; a <= 4; ++a) {
    Rect cell = cells[static_cast<std::size_t>(a - 1)];
    const bool selected = skm.scores[static_cast<std::size_t>(q)] == a;
    const std::string id = "skm_question.answer." + std::to_string(a);
    const std::string& label = ui.tr(skm_answer_key(q, a));
    say_choice(ctx, label);
    if (ui.button(
            cell,
            {.id = id, .label = "", .look = Look::choice, .selected = selected, .name = label}))
      chosen = a;
    Rect inner = cell.shrink(m.gap * 1.2f);
    Rect face;
    if (m.portrait) {
      face = inner.cut_left(inner.h);
      inner.cut_left(m.gap);
    } else {
      face = inner.cut_top(std::min(inner.h * 0.45f, inner.w * 0.5f));
      inner.cut_top(m.gap * 0.5f);
    }
    const float r = std::min(face.w, face.h) * 0.45f;
    draw_face(ui, face.center(), r, a);
    ui.text(inner, label,
            {.font = ui.fonts().button,
             .h = m.portrait ? Align::start : Align::center,
             .v = Align::center,
             .max_lines = 3,
             .shrink = true});
  }
  auto advance = [&]() {
    if (q + 1 < core::kSkmElements) {
      skm.question = q + 1;
      return Screen::skm_question;
    }
    return Screen::skm_send;
  };
  if (chosen > 0) {
    skm.scores[static_cast<std::size_t>(q)] = chosen;
    return advance();
  }
  if (bar.action) {
    skm.scores[static_cast<std::size_t>(q)] = 0;
    return advance();
  }
  if (bar.back) {
    if (q == 0) return Screen::skm_intro;
    skm.question = q - 1;
  }
  return Screen::skm_question;
}

Screen draw_skm_send(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  SkmDraft& skm = ctx.session.skm;
  const int answered = skm.answered();
  auto bar = top_bar(ctx, "skm_send",
                     {.title = ui.tr("skm.send.bar"),
                      .action_id = "skm_send.send",
                      .action_label = ui.tr("review.send"),
                      .action_icon = Icon::send,
                      .action_enabled = answered > 0});
  Rect body = heading(
      ctx, bar.body, ui.tr("skm.send.title"),
      answered > 0 ? ui.trf("skm.send.summary", {{"n", std::to_string(answered)},
                                                 {"total", std::to_string(core::kSkmElements)}})
                   : ui.tr("skm.send.none"));
  // The answers at a glance, three by three (one a row in portrait): each
  // element's name whole, in two lines when it needs them, and the answer.
  const int cols = m.portrait ? 1 : 3;
  const int row_count = (core::kSkmElements + cols - 1) / cols;
  const float gap = m.gap * 0.6f;
  const float cell_w = (body.w - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float inner_w = cell_w - m.gap * 1.6f;
  const float line = m.small_px * 1.22f;
  float title_h = line;
  for (int e = 0; e < core::kSkmElements; ++e)
    title_h = std::max(title_h, std::min(ui.text_height(std::to_string(e + 1) + ". " +
                                                            ui.tr(skm_title_key(e)),
                                                        ui.fonts().small, inner_w),
                                         line * 2));
  const float cell_h = title_h + line + m.gap * 0.9f;
  Rect view = body;
  const float content_h = cell_h * static_cast<float>(row_count) + gap * (row_count - 1);
  const float offset = scroll_view(ctx, view, "skm_send.list", content_h);
  ui.push_clip(view);
  auto cells = grid(Rect{view.x, view.y - offset, view.w, content_h}, cols, row_count, gap);
  for (int e = 0; e < core::kSkmElements; ++e) {
    Rect cell = cells[static_cast<std::size_t>(e)];
    ui.card(cell);
    Rect inner = cell.shrink(m.gap * 0.8f, m.gap * 0.45f);
    ui.text(inner.cut_top(title_h), std::to_string(e + 1) + ". " + ui.tr(skm_title_key(e)),
            {.font = ui.fonts().small, .color = theme::kMuted, .max_lines = 2});
    int score = skm.scores[static_cast<std::size_t>(e)];
    ui.text(inner, score > 0 ? ui.tr(skm_answer_key(e, score)) : ui.tr("skm.send.skipped"),
            {.font = ui.fonts().small,
             .color = score > 0 ? theme::kText : theme::kMuted,
             .v = Align::center,
             .wrap = false,
             .shrink = true});
  }
  ui.pop_clip();
  if (bar.back) {
    skm.question = core::kSkmElements - 1;
    return Screen::skm_question;
  }
  if (bar.action && answered > 0)
    return save_skm(ctx, false) ? Screen::thanks : Screen::store_error;
  return Screen::skm_send;
}

}  // namespace kotak::kiosk
