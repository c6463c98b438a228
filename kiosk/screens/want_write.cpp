// "Ingin menyampaikan saran atau keluhan?" after the face (and unit): the
// end of the follow-up. The face was stored at its tap; either answer only
// moves on, and the screen goes home by itself after kiosk.follow_up_s.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"

namespace kotak::kiosk {

Screen draw_want_write(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  auto bar = top_bar(ctx, "want_write", {.title = ui.tr("want_write.bar")});
  if (bar.back) {
    if (!ctx.kiosk.config.units.empty()) return Screen::unit;
    ctx.session.changing_face = true;  // back to the faces, as from the unit step
    return Screen::home;
  }
  Rect body = bar.body;
  draw_follow_up(ctx, body.cut_bottom(m.small_px * 1.6f));
  body.cut_bottom(m.gap);
  body = heading(ctx, body, ui.tr("want_write.question"), ui.tr("want_write.hint"));
  int choice = options(
      ctx, body,
      {{"want_write.yes", ui.tr("want_write.yes"), ui.tr("want_write.yes_detail"), Icon::pencil},
       {"want_write.no", ui.tr("want_write.no"), ui.tr("want_write.no_detail"), Icon::check}});
  if (choice < 0) return Screen::want_write;
  if (choice == 1) {
    // The thanks screen speaks of the face just given.
    ctx.session.saved_kind = core::Kind::rating;
    return Screen::thanks;
  }
  return Screen::write_type;
}

}  // namespace kotak::kiosk
