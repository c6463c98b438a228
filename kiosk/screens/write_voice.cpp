// "Rekam suara": the complaint spoken instead of (or beside) typed. A big
// record/stop button, a level meter, the time against the limit
// ([kiosk] max_voice_seconds), then "Putar" (play back) and "Rekam ulang".
// The recording goes on with the same identity/consent/urgent/review steps.
#include <algorithm>

#include "core/log.hpp"
#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

namespace {

void start_recording(Ctx& ctx) {
  if (ctx.playback) ctx.playback->clear();
  try {
    ctx.session.voice.start(ctx.mic->rate());
    ctx.mic->start();
  } catch (const std::exception& error) {
    core::log::error(std::string("voice recording cannot start: ") + error.what());
    ctx.session.voice.clear();
  }
}

void stop_recording(Ctx& ctx) {
  ctx.session.voice.pull(*ctx.mic, ctx.kiosk.config.max_voice_seconds);
  ctx.mic->stop();
  ctx.session.voice.stop();
  if (has_voice(ctx.session))
    core::log::info("voice recorded: " + std::to_string(ctx.session.voice.duration_ms()) +
                    " ms, " + std::to_string(ctx.session.voice.ogg().size()) + " bytes of Ogg/Opus");
}

// The loudness as a bar of segments, lit up to level (0..1).
void draw_meter(Ui& ui, const Rect& r, float level) {
  constexpr int kSegments = 20;
  const float gap = std::max(2.0f, r.w / 200);
  const float w = (r.w - gap * (kSegments - 1)) / kSegments;
  for (int i = 0; i < kSegments; ++i) {
    Rect seg{r.x + static_cast<float>(i) * (w + gap), r.y, w, r.h};
    const bool lit = static_cast<float>(i) < level * kSegments;
    ui.fill(seg, lit ? theme::kAccent : theme::kKeyDark, r.h * 0.2f);
  }
}

}  // namespace

Screen draw_write_voice(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  VoiceRecording& voice = s.voice;
  const int limit = ctx.kiosk.config.max_voice_seconds;
  if (!ctx.mic) return Screen::write_text;  // the microphone went away: type instead
  const bool recording = voice.state() == VoiceRecording::State::recording;
  if (recording) voice.pull(*ctx.mic, limit);

  auto bar = top_bar(ctx, "write_voice",
                     {.title = ui.tr("write_voice.title"),
                      .action_id = "write_voice.next",
                      .action_label = ui.tr("common.next"),
                      .action_enabled = voice.state() != VoiceRecording::State::empty});
  const std::string hint = ui.trf("write_voice.hint", {{"limit", minutes_seconds(limit)}});
  say_question(ctx, ui.tr("write_voice.title"), hint);
  Rect body = heading(ctx, bar.body, ui.tr("write_voice.question"), hint, bar.body.h * 0.3f);
  body.cut_top(m.gap);

  // Stacked and centred: the record button as large as the room allows,
  // the meter and the time under it, then "Putar rekaman" (always room for
  // it, so nothing moves when it appears).
  const float meter_h = m.small_px * 1.2f;
  const float time_h = m.body_px * 1.6f;
  const float play_h = m.button_h;
  const float below = meter_h + time_h + play_h + m.gap * 2.5f;
  const float side = std::max(m.button_h, std::min({body.h - below, body.w * 0.5f, m.button_h * 3.2f}));
  Rect stack = body.centered(body.w, std::min(body.h, side + below));
  Rect big = stack.cut_top(side).centered(std::min(stack.w, side * 1.7f), side);
  const bool now_recording = voice.state() == VoiceRecording::State::recording;
  const std::string label =
      now_recording ? ui.tr("write_voice.stop")
                    : (voice.state() == VoiceRecording::State::empty ? ui.tr("write_voice.record")
                                                                     : ui.tr("write_voice.again"));
  const bool tapped_record =
      ui.button(big, {.id = "write_voice.record",
                      .label = label,
                      .icon = now_recording ? Icon::stop : Icon::mic,
                      .look = Look::primary,
                      .font = ui.fonts().title});
  stack.cut_top(m.gap);
  Rect meter_row = stack.cut_top(meter_h);
  draw_meter(ui, meter_row.centered(std::min(stack.w, side * 2.4f), meter_h), voice.level());
  Rect time_row = stack.cut_top(time_h);
  const std::string time = minutes_seconds(voice.seconds()) + " / " + minutes_seconds(limit);
  ui.text(time_row, now_recording ? ui.trf("write_voice.recording", {{"time", time}}) : time,
          {.color = now_recording ? theme::kErrorText : theme::kMuted,
           .h = Align::center,
           .v = Align::center,
           .wrap = false,
           .shrink = true});
  bool tapped_play = false;
  if (voice.state() == VoiceRecording::State::recorded && ctx.playback) {
    stack.cut_top(m.gap * 0.5f);
    Rect play = stack.cut_top(play_h).centered(std::min(stack.w, side * 1.7f), play_h);
    tapped_play = ui.button(play, {.id = "write_voice.play",
                                   .label = ui.tr("write_voice.play"),
                                   .icon = Icon::play});
  }

  if (tapped_record) {
    if (now_recording)
      stop_recording(ctx);
    else
      start_recording(ctx);  // a second time: "Rekam ulang" replaces it
  }
  if (tapped_play) {
    ctx.playback->clear();
    const auto samples = resample(voice.pcm(), voice.rate(), kAudioRate);
    ctx.playback->queue(samples.data(), samples.size());
  }
  if (bar.back || bar.action) {
    if (voice.state() == VoiceRecording::State::recording) stop_recording(ctx);
    if (bar.back) return Screen::write_text;
    if (has_voice(s)) return Screen::identity;
  }
  return Screen::write_voice;
}

}  // namespace kotak::kiosk
