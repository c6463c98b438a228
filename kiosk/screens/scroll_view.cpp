// See chrome.hpp: the scroll view with its arrows and fades, and the grid of
// choice chips that scrolls in it.
#include <algorithm>

#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

float scroll_view(Ctx& ctx, Rect& r, std::string_view id, float content_h) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  if (content_h <= r.h + 1) return ui.scroll(r, id, content_h);
  Rect strip = r.cut_bottom(m.target);
  r.cut_bottom(m.gap * 0.6f);
  const float offset = ui.scroll(r, id, content_h);
  const float page = std::max(r.h * 0.8f, m.target);
  // A fade over the edge where more continues.
  ImDrawList* d = ui.draw();
  const float fade = m.gap * 2.5f;
  const ImU32 clear = theme::to_imgui(theme::kBackground, 0);
  const ImU32 solid = theme::to_imgui(theme::kBackground, 255);
  const bool more_below = offset < content_h - r.h - 1, more_above = offset > 1;
  if (more_below)
    d->AddRectFilledMultiColor(ImVec2(r.x, r.bottom() - fade), ImVec2(r.right(), r.bottom()),
                               clear, clear, solid, solid);
  if (more_above)
    d->AddRectFilledMultiColor(ImVec2(r.x, r.y), ImVec2(r.right(), r.y + fade), solid, solid,
                               clear, clear);
  const std::string up_id = std::string(id) + ".up", down_id = std::string(id) + ".down";
  // With words where there is room, else the chevrons alone (named for the dump).
  const std::string& up_words = ui.tr("scroll.up");
  const std::string& down_words = ui.tr("scroll.down");
  const float worded = std::max(ui.measure(up_words).x, ui.measure(down_words).x) +
                       m.body_px * 2.2f + m.pad;
  const bool words = strip.w * 0.3f >= worded;
  const float w = words ? std::min(strip.w * 0.3f, std::max(worded, m.target * 2.6f))
                        : m.target * 1.3f;
  Rect up = strip.cut_left(w), down = strip.cut_right(w);
  if (ui.button(up, {.id = up_id,
                     .label = words ? std::string_view(up_words) : std::string_view(),
                     .icon = Icon::up,
                     .look = Look::secondary,
                     .enabled = more_above,
                     .font = ui.fonts().body,
                     .name = up_words}))
    ui.set_scroll(id, offset - page);
  if (ui.button(down, {.id = down_id,
                       .label = words ? std::string_view(down_words) : std::string_view(),
                       .icon = Icon::down,
                       .look = Look::secondary,
                       .enabled = more_below,
                       .font = ui.fonts().body,
                       .name = down_words}))
    ui.set_scroll(id, offset + page);
  // The hint between the arrows where it fits whole; the arrows say enough.
  const Rect hint = strip.shrink(m.gap, 0);
  if (ui.text_height(ui.tr("scroll.hint"), ui.fonts().small, hint.w) <= hint.h)
    ui.text(hint, ui.tr("scroll.hint"),
          {.font = ui.fonts().small,
           .color = theme::kMuted,
           .h = Align::center,
           .v = Align::center,
           .max_lines = 2,
           .shrink = true});
  return offset;
}

int chip_grid(Ctx& ctx, const Rect& r0, std::string_view scroll_id, const std::vector<Option>& list,
              int cols) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  const int n = static_cast<int>(list.size());
  if (n == 0) return -1;
  cols = std::max(1, std::min(cols, n));
  // A portrait screen has the height for one chip a row, full width, when
  // each can still be a good deal taller than a button.
  const float one_column_h = static_cast<float>(n) * (m.button_h * 1.3f + m.gap);
  if (m.portrait && one_column_h <= r0.h) cols = 1;
  const int row_count = (n + cols - 1) / cols;
  const float gaps = static_cast<float>(row_count - 1) * m.gap;
  // Chips grow to use the screen, up to a comfortable size; below the
  // normal height they scroll instead.
  const float chip_h = std::clamp((r0.h - gaps) / static_cast<float>(row_count), m.button_h,
                                  m.button_h * (m.portrait ? 2.0f : 1.7f));
  const float content_h = static_cast<float>(row_count) * chip_h + gaps;
  Rect r = r0;
  const float offset = scroll_view(ctx, r, scroll_id, content_h);
  // Every choice is read, also those scrolled out of view.
  for (const auto& o : list) say_choice(ctx, o.label);
  const float chip_w = (r.w - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ui.push_clip(r);
  int tapped = -1;
  for (int i = 0; i < n; ++i) {
    const Option& o = list[static_cast<std::size_t>(i)];
    const int row = i / cols, col = i % cols;
    Rect chip{r.x + static_cast<float>(col) * (chip_w + m.gap),
              r.y + static_cast<float>(row) * (chip_h + m.gap) - offset, chip_w, chip_h};
    if (chip.bottom() < r.y || chip.y > r.bottom()) continue;
    // A chip cut by the edge is drawn (it says "more this way") but cannot
    // be tapped: a finger on its visible sliver would pick it unseen.
    const bool whole = chip.y >= r.y - 0.5f && chip.bottom() <= r.bottom() + 0.5f;
    const bool inert = ui.inert();
    if (!whole) ui.set_inert(true);
    if (ui.button(chip, {.id = o.id,
                         .label = o.label,
                         .icon = o.icon,
                         .look = Look::choice,
                         .selected = o.selected,
                         .font = ui.fonts().button}))
      tapped = i;
    ui.set_inert(inert);
  }
  ui.pop_clip();
  return tapped;
}

}  // namespace kotak::kiosk
