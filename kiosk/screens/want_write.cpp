// "Ingin menyampaikan saran atau keluhan?" after the face (and unit). The
// face answer is saved here, whichever way the patient answers: it is
// complete on its own.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/flow.hpp"

namespace kotak::kiosk {

Screen draw_want_write(Ctx& ctx) {
  Ui& ui = ctx.ui;
  auto bar = top_bar(ctx, "want_write", {.title = ui.tr("want_write.bar")});
  if (bar.back) {
    if (!ctx.kiosk.config.units.empty()) return Screen::unit;
    if (!ctx.session.face_saved) ctx.session.face.reset();  // taken back, as from the unit step
    return Screen::home;
  }
  Rect body = heading(ctx, bar.body, ui.tr("want_write.question"), ui.tr("want_write.hint"));
  int choice = options(
      ctx, body,
      {{"want_write.yes", ui.tr("want_write.yes"), ui.tr("want_write.yes_detail"), Icon::pencil},
       {"want_write.no", ui.tr("want_write.no"), ui.tr("want_write.no_detail"), Icon::check}});
  if (choice < 0) return Screen::want_write;
  if (!save_face(ctx, false)) return Screen::store_error;
  return choice == 0 ? Screen::write_type : Screen::thanks;
}

}  // namespace kotak::kiosk
