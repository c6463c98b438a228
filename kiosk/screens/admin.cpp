// The technician's screen: what is waiting, delivered and quarantined, the
// last sync in plain words, the device, free disk, today's faces, and why the
// store refuses answers if it does; actions: sync now, export to USB (both
// run kotak-sync), deleting old delivered answers, the touch test, enrolling
// the kiosk with a code (admin_enrol.cpp), and back to home.
#include <cmath>
#include <ctime>

#include "core/sync_result.hpp"
#include "kiosk/screens/chrome.hpp"
#include "kiosk/ui/face.hpp"

namespace kotak::kiosk {

namespace {

std::string when(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%d-%m-%Y %H:%M", &tm);
  return text;
}

std::string bytes(std::uint64_t n) {
  char text[32];
  if (n >= 1024ull * 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(n) / (1024.0 * 1024 * 1024));
  else
    std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(n) / (1024.0 * 1024));
  return text;
}

// The last sync in words from the catalog (sync.result.<code>).
std::string sync_words(const Ui& ui, const std::optional<core::SyncStatus>& sync) {
  if (!sync) return ui.tr("sync.result.never");
  auto code = core::parse_sync_result(sync->result);
  // The key is built from the code; runtime_text_keys() lists them all.
  const std::string key = "sync.result." + std::string(code ? core::to_string(*code) : "");
  std::string words = code ? ui.tr(key) : sync->result;
  words = core::fill(words, {{"n", std::to_string(sync->delivered)}});
  words += " (" + when(sync->attempted_ms) + ")";
  return words;
}

void fact(Ctx& ctx, Rect& r, std::string_view label, std::string_view value,
          std::uint32_t colour = theme::kText) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  // A label too long for its column (a landscape 800x480 panel) takes two
  // lines rather than losing its end.
  const float label_w = r.w * 0.36f;
  const float label_h =
      std::min(ui.text_height(label, ui.fonts().small, label_w), m.small_px * 1.22f * 2);
  Rect line = r.cut_top(std::max(m.small_px * 1.35f, label_h));
  Rect left = line.cut_left(label_w);
  ui.text(left, label, {.font = ui.fonts().small, .color = theme::kMuted, .max_lines = 2});
  ui.text(line, value, {.font = ui.fonts().small, .color = colour, .wrap = false, .shrink = true});
  r.cut_top(m.gap * 0.35f);
}

}  // namespace

void draw_task_status(Ctx& ctx, const Rect& r) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  const TaskState& task = ctx.kiosk.task;
  std::string status;
  std::uint32_t colour = theme::kText;
  // The words for each task, as literal keys (the catalog test reads them).
  struct Words {
    const char* what;
    const char* running;
    const char* done;
    const char* failed;
  };
  static constexpr Words kWords[] = {
      {"sync", "admin.sync_running", "admin.sync_done", "admin.sync_failed"},
      {"export", "admin.export_running", "admin.export_done", "admin.export_failed"},
      {"enrol", "admin.enrol_running", "admin.enrol_done", "admin.enrol_failed"},
      {"purge", "admin.sync_running", "admin.purge_done", "admin.purge_failed"}};
  const Words* words = &kWords[0];
  for (const auto& w : kWords)
    if (task.what == w.what) words = &w;
  switch (task.status) {
    case TaskState::Status::none:
      break;
    case TaskState::Status::running:
      status = ui.tr(words->running);
      ui.keep_animating();
      break;
    case TaskState::Status::done:
      status = ui.trf(words->done, {{"n", std::to_string(task.count)}});
      break;
    case TaskState::Status::failed:
      status = ui.tr(words->failed);
      colour = theme::kErrorText;
      break;
    case TaskState::Status::no_program:
      status = ui.tr("admin.no_sync_program");
      colour = theme::kErrorText;
      break;
    case TaskState::Status::no_usb:
      status = ui.tr("admin.no_usb");
      colour = theme::kErrorText;
      break;
  }
  if (!status.empty()) {
    ui.card(r);
    Rect out = r.shrink(m.gap);
    float h = std::min(ui.text_height(status, ui.fonts().small, out.w), m.small_px * 1.22f * 2);
    ui.text(out.cut_top(h), status, {.font = ui.fonts().small, .color = colour, .max_lines = 2});
    ui.text(out, task.output, {.font = ui.fonts().small, .color = theme::kMuted});
  }
}

Screen draw_admin(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  const AdminInfo& info = ctx.kiosk.admin;
  auto bar = top_bar(ctx, "admin", {.title = ui.tr("admin.bar"), .languages = false});
  Rect body = bar.body;
  Rect facts_card, actions;
  if (m.portrait) {
    facts_card = body.cut_top(body.h * 0.55f);
    body.cut_top(m.gap);
    actions = body;
  } else {
    facts_card = body.cut_left(body.w * 0.56f);
    body.cut_left(m.gap * 1.5f);
    actions = body;
  }
  ui.card(facts_card);
  Rect f = facts_card.shrink(m.gap * 1.3f);
  fact(ctx, f, ui.tr("admin.device"),
       ctx.kiosk.config.device_id + "  \xC2\xB7  " + ctx.kiosk.config.facility_id);
  fact(ctx, f, ui.tr("admin.pending"), std::to_string(info.counts.pending));
  // Delivered answers stay retention_days after their delivery (docs/sync.md).
  fact(ctx, f,
       ui.trf("admin.delivered", {{"days", std::to_string(ctx.kiosk.config.retention_days)}}),
       std::to_string(info.counts.delivered));
  fact(ctx, f, ui.tr("admin.quarantined"), std::to_string(info.counts.quarantined),
       info.counts.quarantined > 0 ? theme::kErrorText : theme::kText);
  // Until kotak-sync brings the server's seal key, contact details are kept
  // plain (docs/kiosk.md): the technician must see that.
  fact(ctx, f, ui.tr("admin.seal"),
       info.seal_key_id.empty() ? ui.tr("admin.seal_off")
                                : ui.trf("admin.seal_on", {{"key", info.seal_key_id.substr(0, 8)}}),
       info.seal_key_id.empty() ? theme::kErrorText : theme::kText);
  fact(ctx, f, ui.tr("admin.free_disk"), info.free_bytes ? bytes(*info.free_bytes) : "?");
  const std::string& problem =
      !ctx.kiosk.store_problem.empty() ? ctx.kiosk.store_problem : info.store_state;
  fact(ctx, f, ui.tr("admin.storage"),
       problem.empty() ? ui.tr("admin.storage_ok") : ui.tr("admin.storage_bad"),
       problem.empty() ? theme::kText : theme::kErrorText);
  // Today's faces: four small faces with their counts.
  Rect faces = f.cut_top(m.small_px * 1.8f);
  Rect label = faces.cut_left(faces.w * 0.36f);
  ui.text(label, ui.tr("admin.faces_today"),
          {.font = ui.fonts().small,
           .color = theme::kMuted,
           .v = Align::center,
           .wrap = false,
           .shrink = true});
  auto cells = columns(faces, 4, m.gap * 0.5f);
  for (int i = 0; i < 4; ++i) {
    Rect c = cells[static_cast<std::size_t>(i)];
    float r = c.h * 0.42f;
    draw_face(ui, {c.x + r, c.center().y}, r, i + 1);
    ui.text(Rect{c.x + r * 2 + m.gap * 0.4f, c.y, c.w - r * 2, c.h},
            std::to_string(info.faces_today[static_cast<std::size_t>(i)]),
            {.font = ui.fonts().small, .v = Align::center, .wrap = false});
  }
  f.cut_top(m.gap * 0.6f);
  ui.text(f.cut_top(m.small_px * 1.35f), ui.tr("admin.last_sync"),
          {.font = ui.fonts().small, .color = theme::kMuted, .wrap = false});
  std::string sync = sync_words(ui, info.sync);
  float sh = std::min(ui.text_height(sync, ui.fonts().small, f.w), m.small_px * 1.22f * 3);
  ui.text(f.cut_top(sh), sync, {.font = ui.fonts().small, .max_lines = 3});
  if (!problem.empty()) {
    f.cut_top(m.gap * 0.4f);
    ui.text(f, problem, {.font = ui.fonts().small, .color = theme::kErrorText});
  }

  // Deleting is asked once more, in the actions' place, before it is done.
  if (ctx.kiosk.confirm_purge) {
    ui.card(actions);
    Rect box = actions.shrink(m.gap * 1.2f);
    Rect buttons = box.cut_bottom(m.button_h);
    box.cut_bottom(m.gap);
    ui.text(box,
            ui.trf("admin.purge_question",
                   {{"days", std::to_string(ctx.kiosk.config.retention_days)}}),
            {.shrink = true});
    auto halves = columns(buttons, 2, m.gap);
    const bool cancel = ui.button(halves[0], {.id = "admin.purge_cancel",
                                              .label = ui.tr("admin.purge_cancel"),
                                              .look = Look::secondary});
    const bool yes = ui.button(halves[1], {.id = "admin.purge_confirm",
                                           .label = ui.tr("admin.purge_confirm"),
                                           .icon = Icon::close,
                                           .look = Look::primary});
    if (cancel || yes || bar.back) ctx.kiosk.confirm_purge = false;
    if (yes) ctx.admin.purge_delivered();
    return bar.back ? Screen::home : Screen::admin;
  }

  // Actions and what the last one said: one column beside the facts, two
  // under them on a screen turned upright, so every button keeps its size.
  const int cols = m.portrait ? 2 : 1;
  const int rows = (5 + cols - 1) / cols;
  const float status_rows = cols == 1 ? 2.0f : 1.5f;
  const float bh = std::min(m.button_h, (actions.h - m.gap * static_cast<float>(rows + 1)) /
                                            (static_cast<float>(rows) + status_rows));
  const float gap = m.gap * 0.7f;
  auto slots = grid(actions.cut_top(bh * static_cast<float>(rows) + gap * static_cast<float>(rows - 1)),
                    cols, rows, gap);
  const bool running = ctx.kiosk.task.status == TaskState::Status::running;
  bool sync_now = ui.button(slots[0], {.id = "admin.sync",
                                       .label = ui.tr("admin.sync"),
                                       .icon = Icon::sync,
                                       .look = Look::secondary,
                                       .enabled = !running});
  bool usb = ui.button(slots[1], {.id = "admin.export",
                                  .label = ui.tr("admin.export"),
                                  .icon = Icon::usb,
                                  .look = Look::secondary,
                                  .enabled = !running});
  bool purge = ui.button(
      slots[2],
      {.id = "admin.purge",
       .label = ui.trf("admin.purge", {{"days", std::to_string(ctx.kiosk.config.retention_days)}}),
       .icon = Icon::close,
       .look = Look::secondary,
       .enabled = !running});
  bool touch = ui.button(slots[3], {.id = "admin.touch_test",
                                    .label = ui.tr("admin.touch_test"),
                                    .icon = Icon::touch,
                                    .look = Look::secondary});
  bool enrol = ui.button(slots[4], {.id = "admin.enrol",
                                    .label = ui.tr("admin.enrol"),
                                    .icon = Icon::lock,
                                    .look = Look::secondary,
                                    .enabled = !running});
  actions.cut_top(m.gap);
  draw_task_status(ctx, actions);

  if (bar.back) return Screen::home;
  if (sync_now) ctx.admin.start_sync();
  if (usb) ctx.admin.start_export();
  if (purge) ctx.kiosk.confirm_purge = true;
  if (enrol) {
    ctx.kiosk.enrol_code.clear();
    ctx.kiosk.enrol_keyboard.reset(ctx.kiosk.enrol_code);
    if (ctx.kiosk.task.what == "enrol") ctx.kiosk.task = TaskState{};
    return Screen::admin_enrol;
  }
  if (touch) {
    ctx.kiosk.touches.clear();
    return Screen::touch_test;
  }
  return Screen::admin;
}

Screen draw_touch_test(Ctx& ctx) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  auto bar = top_bar(ctx, "touch_test", {.title = ui.tr("touch.bar"), .languages = false});
  Rect canvas = bar.body;
  ui.card(canvas);
  ImDrawList* d = ui.draw();
  // A grid to judge straightness and reach, and marks at the corners.
  const float step = m.button_h;
  for (float x = canvas.x + step; x < canvas.right(); x += step)
    d->AddLine(ImVec2(x, canvas.y), ImVec2(x, canvas.bottom()), theme::to_imgui(theme::kBorder), 1);
  for (float y = canvas.y + step; y < canvas.bottom(); y += step)
    d->AddLine(ImVec2(canvas.x, y), ImVec2(canvas.right(), y), theme::to_imgui(theme::kBorder), 1);
  ui.text(canvas.shrink(m.gap), ui.tr("touch.hint"),
          {.font = ui.fonts().small, .color = theme::kMuted});
  const ImGuiIO& io = ImGui::GetIO();
  Vec2 p{io.MousePos.x, io.MousePos.y};
  auto& trail = ctx.kiosk.touches;
  if (io.MouseDown[0] && canvas.contains(p)) {
    if (trail.size() >= 600) trail.erase(trail.begin(), trail.begin() + 100);
    trail.push_back(p);
  }
  for (const auto& t : trail)
    d->AddCircleFilled(ImVec2(t.x, t.y), m.gap * 0.5f, theme::to_imgui(theme::kAccent, 160), 12);
  if (io.MouseDown[0] && canvas.contains(p)) {
    d->AddLine(ImVec2(canvas.x, p.y), ImVec2(canvas.right(), p.y),
               theme::to_imgui(theme::kErrorText), 2);
    d->AddLine(ImVec2(p.x, canvas.y), ImVec2(p.x, canvas.bottom()),
               theme::to_imgui(theme::kErrorText), 2);
    ui.text(
        Rect{canvas.x + m.gap, canvas.bottom() - m.small_px * 1.6f, canvas.w, m.small_px * 1.4f},
        std::to_string(static_cast<int>(p.x)) + ", " + std::to_string(static_cast<int>(p.y)),
        {.font = ui.fonts().small, .wrap = false});
  }
  if (bar.back) return Screen::admin;
  return Screen::touch_test;
}

}  // namespace kotak::kiosk
