// The first step of writing: saran, keluhan, pujian or pertanyaan.
#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

Screen draw_write_type(Ctx& ctx) {
  Ui& ui = ctx.ui;
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "write_type", {.title = ui.tr("write.bar")});
  if (bar.back) {
    if (s.face) return Screen::want_write;
    return ctx.kiosk.config.units.empty() ? Screen::home : Screen::unit;
  }
  Rect body = heading(ctx, bar.body, ui.tr("write_type.question"));
  using core::FeedbackType;
  const FeedbackType types[] = {FeedbackType::keluhan, FeedbackType::saran, FeedbackType::pujian,
                                FeedbackType::pertanyaan};
  std::vector<Option> list = {
      {"write_type.keluhan", ui.tr("type.keluhan"), ui.tr("write_type.keluhan_detail"),
       Icon::alert},
      {"write_type.saran", ui.tr("type.saran"), ui.tr("write_type.saran_detail"), Icon::pencil},
      {"write_type.pujian", ui.tr("type.pujian"), ui.tr("write_type.pujian_detail"), Icon::check},
      {"write_type.pertanyaan", ui.tr("type.pertanyaan"), ui.tr("write_type.pertanyaan_detail"),
       Icon::survey},
  };
  for (std::size_t i = 0; i < list.size(); ++i) list[i].selected = s.type == types[i];
  int choice = options(ctx, body, list);
  if (choice < 0) return Screen::write_type;
  s.type = types[choice];
  return Screen::write_text;
}

}  // namespace kotak::kiosk
