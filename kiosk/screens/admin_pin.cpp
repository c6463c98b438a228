// The technician's PIN pad, reached by holding home's top-left corner. Five
// wrong PINs in a row lock it for five minutes (pin_lock.hpp).
#include <algorithm>

#include "core/log.hpp"
#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

Screen draw_admin_pin(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  KioskState& k = ctx.kiosk;
  auto bar = top_bar(ctx, "pin", {.title = ui.tr("pin.bar"), .languages = false});
  Rect body = bar.body;
  const bool locked = k.pin_lock.locked(ctx.now);

  Rect pad_area, info;
  if (m.portrait) {
    info = body.cut_top(body.h * 0.3f);
    pad_area = body;
  } else {
    info = body.cut_left(body.w * 0.45f);
    body.cut_left(m.pad);
    pad_area = body;
  }
  info = heading(ctx, info, ui.tr("pin.title"));
  // The PIN as dots, never as digits.
  Rect dots = info.cut_top(m.title_px * 1.6f);
  ui.card(dots);
  const float d = m.title_px * 0.22f;
  for (std::size_t i = 0; i < k.pin.size(); ++i)
    ui.draw()->AddCircleFilled(
        ImVec2(dots.x + m.pad + d + static_cast<float>(i) * d * 3.2f, dots.center().y), d,
        theme::to_imgui(theme::kText), 20);
  info.cut_top(m.gap);
  std::string message;
  if (locked)
    message =
        ui.trf("pin.locked", {{"n", std::to_string((k.pin_lock.seconds_left(ctx.now) + 59) / 60)}});
  else if (k.pin_message == "wrong")
    message = ui.trf("pin.wrong", {{"n", std::to_string(k.pin_lock.tries_left())}});
  if (!message.empty()) ui.text(info, message, {.color = theme::kErrorText, .max_lines = 3});

  // The keypad: 1-9, backspace, 0, OK.
  const float side = std::min(pad_area.w / 3.0f, pad_area.h / 4.0f) * 0.98f;
  Rect pad = pad_area.centered(side * 3, side * 4);
  auto cells = grid(pad, 3, 4, m.gap * 0.6f);
  const char* ids[] = {"pin.1", "pin.2", "pin.3", "pin.4",         "pin.5", "pin.6",
                       "pin.7", "pin.8", "pin.9", "pin.backspace", "pin.0", "pin.ok"};
  const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
  std::string pressed;
  for (int i = 0; i < 12; ++i) {
    ButtonSpec spec{.id = ids[i], .label = labels[i], .look = Look::key, .enabled = !locked};
    if (i == 9) {
      spec.icon = Icon::backspace;
      spec.look = Look::key_dark;
      spec.name = ui.tr("keyboard.backspace");
    }
    if (i == 11) {
      spec.icon = Icon::check;
      spec.look = Look::primary;
      spec.name = ui.tr("pin.ok");
      spec.enabled = !locked && k.pin.size() >= 4;
    }
    if (ui.button(cells[static_cast<std::size_t>(i)], spec)) pressed = ids[i];
  }

  if (bar.back) {
    k.pin.clear();
    k.pin_message.clear();
    return Screen::home;
  }
  if (pressed == "pin.backspace") {
    if (!k.pin.empty()) k.pin.pop_back();
  } else if (pressed == "pin.ok") {
    // Checking takes a moment (argon2id); the patient-facing part is idle.
    const bool right = verify_pin(k.config.admin_pin_hash, k.pin);
    std::fill(k.pin.begin(), k.pin.end(), '\0');
    k.pin.clear();
    if (right) {
      k.pin_lock.succeeded();
      ctx.admin.save_pin_lock();
      k.pin_message.clear();
      core::log::info("admin: PIN accepted");
      ctx.admin.refresh();
      return Screen::admin;
    }
    k.pin_lock.failed(ctx.now);
    ctx.admin.save_pin_lock();
    k.pin_message = "wrong";
    core::log::warning(k.pin_lock.locked(ctx.now) ? "admin: wrong PIN, locked for 5 minutes"
                                                  : "admin: wrong PIN");
  } else if (!pressed.empty() && k.pin.size() < 12) {
    k.pin += pressed.back();
    k.pin_message.clear();
  }
  return Screen::admin_pin;
}

}  // namespace kotak::kiosk
