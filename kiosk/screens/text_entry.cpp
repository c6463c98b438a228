// See text_entry.hpp.
#include "kiosk/screens/text_entry.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>

#include "kiosk/screens/chrome.hpp"

namespace kotak::kiosk {

namespace {

constexpr float kLine = 1.22f;

Icon key_icon(const Key& key, Shift shift) {
  switch (key.action) {
    case KeyAction::backspace:
      return Icon::backspace;
    case KeyAction::shift:
      return shift == Shift::lock ? Icon::shift_lock : Icon::shift;
    case KeyAction::enter:
      return Icon::enter;
    default:
      return Icon::none;
  }
}

// The byte offset in text[line] nearest to x (relative to the line start).
std::size_t offset_at(const ImFont* font, std::string_view text, const Line& line, float x) {
  std::size_t best = line.begin;
  float best_d = std::fabs(x);
  std::size_t i = line.begin;
  while (i < line.end) {
    std::size_t n =
        std::max<std::size_t>(1, utf8_sequence_length(static_cast<unsigned char>(text[i])));
    i = std::min(line.end, i + n);
    float w =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data() + line.begin, text.data() + i)
            .x;
    float d = std::fabs(x - w);
    if (d < best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

}  // namespace

Rect keyboard_panel(const Ctx& ctx, const Rect& body, Rect& above) {
  const Metrics& m = ctx.ui.m();
  // Half the screen in landscape (a little less with large letters, which
  // need the room above); in portrait as tall as keys of a good shape.
  float h = m.portrait ? std::min(m.height * 0.4f, m.width * 0.62f)
                       : m.height * (m.scale > 1 ? 0.46f : 0.5f);
  Rect panel{0, m.height - h, m.width, h};
  above = body;
  above.h = std::max(0.0f, panel.y - m.gap - above.y);
  return panel;
}

bool draw_keyboard(Ctx& ctx, const Rect& panel, Keyboard& keyboard, TextEditor& editor) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.fill(panel, theme::kKeyboardBack);
  ui.fill(Rect{panel.x, panel.y, panel.w, m.line}, theme::kBorder);
  const auto rows_of_keys = keyboard.rows();
  const int row_count = static_cast<int>(rows_of_keys.size());
  const float gap = std::max(4.0f, m.gap * 0.5f);
  Rect area = panel.shrink(m.pad * 0.5f, gap * 1.5f);
  const float key_h =
      (area.h - gap * static_cast<float>(row_count - 1)) / static_cast<float>(row_count);
  float units = 0;
  for (const auto& row : rows_of_keys) {
    float u = 0;
    for (const auto& key : row) u += key.width;
    units = std::max(units, u);
  }
  const bool phone = keyboard.kind() != KeyboardKind::text;  // a keypad: wider keys
  float unit_w = (area.w + gap) / units;
  unit_w = std::min(unit_w, (key_h + gap) * (phone ? 2.4f : 1.5f));
  std::string pressed;
  ImFont* font = ui.fonts().button;
  for (int r = 0; r < row_count; ++r) {
    const auto& row = rows_of_keys[static_cast<std::size_t>(r)];
    float row_units = 0;
    for (const auto& key : row) row_units += key.width;
    float x = area.x + (area.w - (row_units * unit_w - gap)) / 2;
    const float y = area.y + static_cast<float>(r) * (key_h + gap);
    for (const auto& key : row) {
      Rect k{x, y, key.width * unit_w - gap, key_h};
      x += key.width * unit_w;
      const bool special = key.action != KeyAction::insert && key.action != KeyAction::space;
      std::string label = key.label;
      if (key.action == KeyAction::space) label = ui.tr("keyboard.space");
      std::string name = label;
      if (key.action == KeyAction::backspace) name = ui.tr("keyboard.backspace");
      if (key.action == KeyAction::shift) name = ui.tr("keyboard.shift");
      if (key.action == KeyAction::enter) name = ui.tr("keyboard.enter");
      ButtonSpec spec{.id = key.id,
                      .label = label,
                      .icon = key_icon(key, keyboard.shift()),
                      .look = special ? Look::key_dark : Look::key,
                      .selected = key.action == KeyAction::shift && keyboard.shift() != Shift::off,
                      .font = key.action == KeyAction::space ? ui.fonts().body : font,
                      .name = name};
      if (ui.button(k, spec)) pressed = key.id;
    }
  }
  if (pressed.empty()) return false;
  keyboard.press(pressed, editor, ctx.now);
  return true;
}

void draw_text_field(Ctx& ctx, const Rect& r, std::string_view id, TextEditor& editor,
                     std::string_view placeholder) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  ui.fill(r, theme::kCard, m.radius * 0.7f);
  ui.outline(r, theme::kAccent, m.radius * 0.7f, m.line * 2);
  Rect inner = r.shrink(m.gap * 1.2f, m.gap * 0.8f);
  ImFont* font = ui.fonts().body;
  const float line_h = font->FontSize * kLine;
  // What is drawn (Ui::drawable: NFC, one ◌ per character the font lacks)
  // and where the caret is in it; the caret always sits between characters.
  const std::string& raw = editor.text();
  const std::string text = Ui::drawable(raw, font);
  const std::size_t caret =
      Ui::drawable(std::string_view(raw).substr(0, editor.caret()), font).size();
  auto lines = wrap_lines(font, font->FontSize, text, inner.w - m.line * 3);
  // The line holding the caret: the last one starting at or before it.
  std::size_t caret_line = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].begin <= caret) caret_line = i;
  const float content_h = static_cast<float>(lines.size()) * line_h;

  std::string scroll_id = std::string(id) + ".scroll";
  // Typing brings the caret into view; otherwise the patient may drag.
  const std::size_t signature = std::hash<std::string>{}(text) ^ (caret * 0x9E3779B97F4A7C15ull);
  if (ui.changed(scroll_id, signature)) {
    float top = static_cast<float>(caret_line) * line_h;
    float current = ui.scroll(inner, scroll_id, content_h);
    if (top < current) ui.set_scroll(scroll_id, top);
    if (top + line_h > current + inner.h) ui.set_scroll(scroll_id, top + line_h - inner.h);
  }
  const float offset = ui.scroll(inner, scroll_id, content_h);

  Vec2 tap;
  if (ui.tapped_at(r, id, tap) && !text.empty()) {
    int line = static_cast<int>(std::floor((tap.y - inner.y + offset) / line_h));
    line = std::clamp(line, 0, static_cast<int>(lines.size()) - 1);
    editor.set_caret(Ui::original_offset(
        raw, font, offset_at(font, text, lines[static_cast<std::size_t>(line)], tap.x - inner.x)));
  }

  ui.push_clip(inner.shrink(-m.line * 2, 0));
  if (text.empty()) {
    ui.text(inner, placeholder, {.color = theme::kMuted});
  } else {
    const int first = std::max(0, static_cast<int>(offset / line_h) - 1);
    const int last =
        std::min(static_cast<int>(lines.size()), static_cast<int>((offset + inner.h) / line_h) + 2);
    const ImU32 color = theme::to_imgui(theme::kText);
    for (int i = first; i < last; ++i) {
      const Line& l = lines[static_cast<std::size_t>(i)];
      ui.add_text(font, font->FontSize,
                  {inner.x, std::round(inner.y + static_cast<float>(i) * line_h - offset)}, color,
                  std::string_view(text).substr(l.begin, l.end - l.begin));
    }
  }
  // The caret: a steady bar (no blinking: the screen stays still when idle).
  const Line& cl = lines[caret_line];
  const std::size_t caret_end = std::min(caret, cl.end);
  float cx = inner.x + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data() + cl.begin,
                                           text.data() + caret_end)
                           .x;
  float cy = inner.y + static_cast<float>(caret_line) * line_h - offset;
  ui.fill(Rect{std::round(cx), cy + line_h * 0.08f, std::max(2.0f, m.line * 1.5f), line_h * 0.9f},
          theme::kAccent);
  ui.pop_clip();
  ui.note_text(raw, r, font->FontSize);
}

void draw_text_view(Ctx& ctx, const Rect& view, std::string_view id, std::string_view raw) {
  Ui& ui = ctx.ui;
  ImFont* font = ui.fonts().body;
  const std::string drawn = Ui::drawable(raw, font);
  const std::string_view text = drawn;
  const float line_h = font->FontSize * kLine;
  auto lines = wrap_lines(font, font->FontSize, text, view.w);
  const float content_h = static_cast<float>(lines.size()) * line_h;
  Rect r = view;
  const float offset = scroll_view(ctx, r, id, content_h);
  ui.push_clip(r);
  const int first = std::max(0, static_cast<int>(offset / line_h) - 1);
  const int last =
      std::min(static_cast<int>(lines.size()), static_cast<int>((offset + r.h) / line_h) + 2);
  const ImU32 color = theme::to_imgui(theme::kText);
  for (int i = first; i < last; ++i) {
    const Line& l = lines[static_cast<std::size_t>(i)];
    ui.add_text(font, font->FontSize,
                {r.x, std::round(r.y + static_cast<float>(i) * line_h - offset)}, color,
                text.substr(l.begin, l.end - l.begin));
  }
  ui.pop_clip();
  ui.note_text(raw, r, font->FontSize);
}

void draw_counter(Ctx& ctx, const Rect& r, const TextEditor& editor, bool only_when_full) {
  Ui& ui = ctx.ui;
  if (only_when_full && !editor.full()) return;
  std::string count = ui.trf("write.counter", {{"n", std::to_string(editor.chars())},
                                               {"max", std::to_string(editor.max_chars())}});
  if (editor.full()) count = ui.tr("write.full") + "  " + count;
  ui.text(r, count,
          {.font = ui.fonts().small,
           .color = editor.full() ? theme::kErrorText : theme::kMuted,
           .h = Align::end,
           .v = Align::center,
           .wrap = false});
}

}  // namespace kotak::kiosk
