// The technician enrols the kiosk with a one-time code from the server admin
// (`kotak-server device code`, issue 17) instead of carrying a token file to
// it: typed here, redeemed by `kotak-sync enroll CODE --name DEVICE`, whose
// outcome shows under the field. The kiosk asks for its own device.id.
#include <cctype>

#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

namespace {

// A code has 8 letters and digits; dashes and spaces do not count.
bool looks_complete(const std::string& typed) {
  int symbols = 0;
  for (char c : typed) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      ++symbols;
    } else if (c != '-' && c != ' ') {
      return false;
    }
  }
  return symbols == 8;
}

}  // namespace

Screen draw_admin_enrol(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  KioskState& k = ctx.kiosk;
  const bool running = k.task.status == TaskState::Status::running;
  const bool answered = k.task.what == "enrol" && k.task.status != TaskState::Status::none;
  const bool ready = looks_complete(k.enrol_code.text()) && !answered;
  auto bar = top_bar(ctx, "enrol",
                     {.title = ui.tr("enrol.bar"),
                      .action_id = "enrol.send",
                      .action_label = ui.tr("enrol.send"),
                      .action_icon = Icon::check,
                      .action_enabled = ready,
                      .languages = false});
  Rect above;
  Rect panel = keyboard_panel(ctx, bar.body, above);
  const std::string detail = ui.trf("enrol.detail", {{"device", k.config.device_id}});
  const float detail_h =
      std::min(ui.text_height(detail, ui.fonts().small, above.w), m.small_px * 1.22f * 3);
  ui.text(above.cut_top(detail_h), detail,
          {.font = ui.fonts().small, .color = theme::kMuted, .max_lines = 3});
  above.cut_top(m.gap * 0.5f);
  Rect field = above.cut_top(std::min(above.h, std::max(m.target, m.body_px * 1.8f)));
  draw_text_field(ctx, field, "enrol.field", k.enrol_code, ui.tr("enrol.placeholder"));
  // While kotak-sync works and once it has answered, its outcome takes the
  // keyboard's place, where there is room to read it; "Ketik ulang" brings
  // the keyboard back.
  bool again = false;
  if (k.task.what == "enrol" && k.task.status != TaskState::Status::none) {
    Rect status = panel;
    if (!running) {
      Rect button = status.cut_bottom(m.button_h);
      status.cut_bottom(m.gap * 0.5f);
      again = ui.button(button.cut_left(std::min(button.w, m.button_h * 5)),
                        {.id = "enrol.again",
                         .label = ui.tr("enrol.again"),
                         .icon = Icon::pencil,
                         .look = Look::secondary});
    }
    draw_task_status(ctx, status);
  } else {
    draw_keyboard(ctx, panel, k.enrol_keyboard, k.enrol_code);
  }

  if (bar.back) {
    k.enrol_code.clear();
    return Screen::admin;
  }
  if (again) {
    k.task = TaskState{};
    k.enrol_code.clear();
    k.enrol_keyboard.reset(k.enrol_code);
  }
  if (bar.action && ready) ctx.admin.start_enrol(k.enrol_code.text());
  return Screen::admin_enrol;
}

}  // namespace kotak::kiosk
