// "Layanan mana yang Anda terima?" with the units from the config (or the
// server's settings) as chips. Asked after a face, where it is part of the
// follow-up: the face is already counted, the unit corrects it, "Kembali"
// lets the patient tap another face, and it goes home by itself after
// kiosk.follow_up_s with a countdown. Asked too before a message written
// from home, so that staff can sort it. Skippable either way.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

Screen draw_unit(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  const bool after_face = s.face.has_value();
  auto bar = top_bar(ctx, "unit",
                     {.title = ui.tr("unit.bar"),
                      .action_id = "unit.skip",
                      .action_label = ui.tr("common.skip"),
                      .action_icon = Icon::skip,
                      .action_look = Look::secondary});
  if (bar.back) {
    // Back to the faces; after a face, another one replaces it.
    s.changing_face = after_face;
    return Screen::home;
  }
  Rect body = bar.body;
  if (after_face) {
    // The face just chosen, small, so the patient sees the tap counted, and
    // how long before the kiosk goes back to the start by itself.
    Rect chosen = body.cut_top(m.button_px * 1.8f);
    const float r = chosen.h * 0.45f;
    draw_face(ui, {chosen.x + r, chosen.center().y}, r, *s.face);
    chosen.cut_left(r * 2 + m.gap);
    const std::string words = ui.trf("unit.chosen", {{"face", face_word(ui, *s.face)}});
    // The countdown beside the face when there is room, else under it.
    const std::string count =
        ui.trf("follow_up.countdown", {{"n", std::to_string(ctx.follow_up_left)}});
    if (chosen.w * 0.5f >= ui.measure(words).x + m.gap &&
        chosen.w * 0.5f >= ui.measure(count, ui.fonts().small).x + m.small_px * 2) {
      draw_follow_up(ctx, chosen.cut_right(chosen.w * 0.5f));
    } else {
      body.cut_top(m.gap * 0.3f);
      draw_follow_up(ctx, body.cut_top(m.small_px * 1.4f), Align::start);
    }
    ui.text(chosen, words,
            {.color = theme::kMuted, .v = Align::center, .wrap = false, .shrink = true});
    body.cut_top(m.gap);
    body = heading(ctx, body, ui.tr("unit.question"), ui.tr("unit.hint"));
  } else {
    body = heading(ctx, body, ui.tr("unit.write_question"), ui.tr("unit.write_hint"));
  }

  std::vector<Option> chips;
  for (const auto& unit : ctx.kiosk.config.units)
    chips.push_back(
        {"unit." + unit.id, unit.label_for(s.language), "", Icon::none, unit.id == s.unit});
  int tapped = chip_grid(ctx, body, "unit.list", chips, m.portrait ? 2 : 3);
  if (tapped < 0 && !bar.action) return Screen::unit;
  s.unit = tapped >= 0 ? ctx.kiosk.config.units[static_cast<std::size_t>(tapped)].id : "";
  if (!after_face) return Screen::write_type;
  // The unit belongs to the face: a correction of it when it changed.
  if (!store_face(ctx)) return Screen::store_error;
  return Screen::want_write;
}

}  // namespace kotak::kiosk
