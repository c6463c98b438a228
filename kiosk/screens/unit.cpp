// After a face: "Layanan mana yang Anda terima?" with the units from the
// config (or the server's settings) as chips. Skippable; "Kembali" takes the
// face back so the patient can choose another.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

Screen draw_unit(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "unit",
                     {.title = ui.tr("unit.bar"),
                      .action_id = "unit.skip",
                      .action_label = ui.tr("common.skip"),
                      .action_icon = Icon::skip,
                      .action_look = Look::secondary});
  if (bar.back) {
    s.face.reset();
    return Screen::home;
  }
  Rect body = bar.body;
  // The face just chosen, small, so the patient sees the tap counted.
  Rect chosen = body.cut_top(m.button_px * 1.8f);
  const float r = chosen.h * 0.45f;
  draw_face(ui, {chosen.x + r, chosen.center().y}, r, s.face.value_or(3));
  chosen.cut_left(r * 2 + m.gap);
  ui.text(chosen, ui.trf("unit.chosen", {{"face", face_word(ui, s.face.value_or(3))}}),
          {.color = theme::kMuted, .v = Align::center, .wrap = false, .shrink = true});
  body.cut_top(m.gap);
  body = heading(ctx, body, ui.tr("unit.question"), ui.tr("unit.hint"));

  std::vector<Option> chips;
  for (const auto& unit : ctx.kiosk.config.units)
    chips.push_back(
        {"unit." + unit.id, unit.label_for(s.language), "", Icon::none, unit.id == s.unit});
  int tapped = chip_grid(ctx, body, "unit.list", chips, m.portrait ? 2 : 3);
  if (tapped >= 0) {
    s.unit = ctx.kiosk.config.units[static_cast<std::size_t>(tapped)].id;
    return Screen::want_write;
  }
  if (bar.action) {
    s.unit.clear();
    return Screen::want_write;
  }
  return Screen::unit;
}

}  // namespace kotak::kiosk
