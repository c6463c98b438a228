// The complaint itself, typed on the on-screen keyboard, with a caret, a
// counter and the limit from the config (kiosk.max_text_chars); beside the
// field "Rekam suara" (write_voice.cpp) when the kiosk has a microphone.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

namespace {

std::string title_for(const Ui& ui, std::optional<core::FeedbackType> type) {
  using core::FeedbackType;
  switch (type.value_or(FeedbackType::keluhan)) {
    case FeedbackType::saran:
      return ui.tr("write_text.title.saran");
    case FeedbackType::keluhan:
      return ui.tr("write_text.title.keluhan");
    case FeedbackType::pujian:
      return ui.tr("write_text.title.pujian");
    case FeedbackType::pertanyaan:
      return ui.tr("write_text.title.pertanyaan");
  }
  return {};
}

}  // namespace

Screen draw_write_text(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "write_text",
                     {.title = title_for(ui, s.type),
                      .action_id = "write_text.next",
                      .action_label = ui.tr("common.next"),
                      .action_enabled = s.text.has_content() || has_voice(s)});
  say_question(ctx, title_for(ui, s.type), ui.tr("write_text.placeholder"));
  Rect above;
  Rect panel = keyboard_panel(ctx, bar.body, above);
  bool speak = false;
  if (ctx.mic) {
    // A tall button beside the field, never narrower than its words need.
    const std::string label = has_voice(s) ? ui.tr("write_text.voice_recorded")
                                           : ui.tr("write_text.voice");
    const float w = std::min(above.w * 0.34f,
                             std::max(above.w * 0.2f, ui.measure(label, ui.fonts().button).x +
                                                          m.pad * 2));
    Rect voice = above.cut_right(w);
    above.cut_right(m.gap);
    speak = ui.button(voice, {.id = "write_text.voice", .label = label, .icon = Icon::mic});
  }
  Rect counter = above.cut_bottom(m.small_px * 1.5f);
  draw_text_field(ctx, above, "write_text.field", s.text, ui.tr("write_text.placeholder"));
  draw_counter(ctx, counter, s.text);
  draw_keyboard(ctx, panel, s.keyboard, s.text);
  if (bar.back) return Screen::write_type;
  if (speak) return Screen::write_voice;
  if (bar.action && (s.text.has_content() || has_voice(s))) return Screen::identity;
  return Screen::write_text;
}

}  // namespace kotak::kiosk
