// See ui.hpp. This file: the frame, targets and touch (buttons, holds,
// scrolling); shapes.cpp and text.cpp draw.
#include "kiosk/ui/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace kotak::kiosk {

namespace {

constexpr float kLineSpacing = 1.22f;

float line_width(const ImFont* font, float size, std::string_view text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

}  // namespace

void Ui::begin_frame(const Metrics& metrics, const Fonts& fonts, const core::Catalog& catalog,
                     double now) {
  m_ = metrics;
  fonts_ = fonts;
  catalog_ = &catalog;
  now_ = now;
  targets_.clear();
  texts_.clear();
  clips_.assign(1, Rect{0, 0, metrics.width, metrics.height});
  animating_ = false;
  inert_ = false;
  wake_at_ = 1e300;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseClicked[0]) press_started_ = now;
  // Shapes are drawn untextured and only text with the font atlas: SDL's
  // software renderer fills an untextured upright rectangle as fast as a
  // clear, but a textured one (imgui's "white pixel") triangle by triangle.
  draw()->PushTextureID(nullptr);
}

void Ui::end_frame() { draw()->PopTextureID(); }

ImDrawList* Ui::draw() const { return ImGui::GetWindowDrawList(); }

Rect Ui::visible(const Rect& r) const { return r.intersect(clips_.back()); }

void Ui::push_clip(const Rect& r) {
  Rect clip = visible(r);
  clips_.push_back(clip);
  ImGui::PushClipRect(ImVec2(clip.x, clip.y), ImVec2(clip.right(), clip.bottom()), true);
}

void Ui::pop_clip() {
  if (clips_.size() > 1) {
    clips_.pop_back();
    ImGui::PopClipRect();
  }
}

void Ui::add_target(std::string_view id, std::string_view label, const Rect& r, bool enabled) {
  if (!inert_) targets_.push_back({std::string(id), std::string(label), r, enabled});
}

bool Ui::press_is_tap() const {
  const ImGuiIO& io = ImGui::GetIO();
  const float limit = io.MouseDragThreshold * io.MouseDragThreshold;
  if (io.MouseDragMaxDistanceSqr[0] > limit) return false;
  const float dx = io.MousePos.x - io.MouseClickedPos[0].x;
  const float dy = io.MousePos.y - io.MouseClickedPos[0].y;
  if (dx * dx + dy * dy > limit) return false;
  return press_started_ >= guard_until_;
}

bool Ui::interact(const Rect& r0, std::string_view id, std::string_view label, bool enabled,
                  bool& held) {
  held = false;
  if (inert_) return false;
  Rect r = visible(r0);
  if (r.empty()) return false;
  add_target(id, label, r, enabled);
  const ImGuiID gid = ImGui::GetID(id.data(), id.data() + id.size());
  const ImRect bb(r.x, r.y, r.right(), r.bottom());
  if (!ImGui::ItemAdd(bb, gid)) return false;
  bool hovered = false;
  bool pressed = ImGui::ButtonBehavior(bb, gid, &hovered, &held, ImGuiButtonFlags_None);
  if (press_started_ < guard_until_ || !enabled) {
    held = false;
    return false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (held && io.MouseDragMaxDistanceSqr[0] > io.MouseDragThreshold * io.MouseDragThreshold)
    held = false;  // a drag through a button does not light it
  return pressed && press_is_tap();
}

bool Ui::button(const Rect& r, const ButtonSpec& spec) {
  bool held = false;
  const bool tapped =
      interact(r, spec.id, spec.name.empty() ? spec.label : spec.name, spec.enabled, held);
  last_held_ = held;

  std::uint32_t back = theme::kCard, fore = theme::kText, border = theme::kBorder;
  bool has_border = true;
  switch (spec.look) {
    case Look::primary:
      back = held ? theme::kAccentPressed : theme::kAccent;
      fore = theme::kOnAccent;
      has_border = false;
      break;
    case Look::secondary:
      back = held ? theme::kPressed : theme::kCard;
      border = theme::kAccent;
      fore = theme::kAccent;
      break;
    case Look::quiet:
      back = held ? theme::kPressed : theme::kBackground;
      fore = theme::kAccent;
      has_border = false;
      break;
    case Look::choice:
      back = held ? theme::kPressed : spec.selected ? theme::kAccentSoft : theme::kCard;
      border = spec.selected ? theme::kAccent : theme::kBorder;
      break;
    case Look::key:
      back = held ? theme::kAccentSoft : theme::kKey;
      border = theme::kBorder;
      break;
    case Look::key_dark:
      back = held ? theme::kAccentSoft : spec.selected ? theme::kAccentSoft : theme::kKeyDark;
      border = spec.selected ? theme::kAccent : theme::kBorder;
      break;
  }
  if (!spec.enabled) {
    back = theme::kDisabledBack;
    fore = theme::kDisabledText;
    has_border = false;
  }
  // Pressing sinks the button a little: feedback that the touch landed.
  Rect b = held ? r.shrink(m_.line * 1.5f) : r;
  const float rounding =
      spec.look == Look::key || spec.look == Look::key_dark ? m_.radius * 0.6f : m_.radius;
  fill(b, back, rounding);
  if (has_border) {
    float thickness =
        (spec.look == Look::choice && spec.selected) ? m_.line * 2.5f : m_.line * 1.5f;
    outline(b, border, rounding, thickness);
  }

  ImFont* font = spec.font ? spec.font : fonts_.button;
  const float pad = std::min(m_.pad * 0.8f, b.h * 0.2f);
  Rect inner = b.shrink(pad, std::min(pad, b.h * 0.08f));
  const float icon_size = std::min(font->FontSize * 1.15f, inner.h);
  if (!spec.detail.empty()) {
    // A choice card: icon on the left, label and detail stacked, centred.
    if (spec.icon != Icon::none) {
      Rect icon_box = inner.cut_left(icon_size * 1.5f);
      draw_icon(draw(), spec.icon, icon_box.center(), icon_size * 1.2f, fore);
      inner.cut_left(m_.gap * 0.5f);
    }
    const float label_h = font->FontSize * kLineSpacing;
    const float detail_h = std::min(text_height(spec.detail, fonts_.small, inner.w),
                                    fonts_.small->FontSize * kLineSpacing * 2);
    const float gap = m_.gap * 0.3f;
    const float block = label_h + gap + detail_h;
    Rect content = inner;
    if (block < content.h) content.cut_top((content.h - block) / 2);
    text(content.cut_top(label_h), spec.label,
         {.font = font, .color = fore, .v = Align::center, .wrap = false, .shrink = true});
    content.cut_top(gap);
    text(content, spec.detail, {.font = fonts_.small, .color = theme::kMuted, .max_lines = 2});
    return tapped;
  }
  if (spec.icon != Icon::none && spec.label.empty()) {
    draw_icon(draw(), spec.icon, b.center(), icon_size, fore);
    return tapped;
  }
  if (spec.icon != Icon::none) {
    const float gap = icon_size * 0.45f;
    const float label_w = line_width(font, font->FontSize, spec.label);
    const float total = icon_size + gap + label_w;
    if (total <= inner.w && spec.align == Align::center) {
      float x = inner.x + (inner.w - total) / 2;
      draw_icon(draw(), spec.icon, {x + icon_size / 2, inner.center().y}, icon_size, fore);
      text(Rect{x + icon_size + gap, inner.y, label_w + 2, inner.h}, spec.label,
           {.font = font, .color = fore, .v = Align::center, .wrap = false});
    } else {
      Rect icon_box = inner.cut_left(icon_size);
      draw_icon(draw(), spec.icon, icon_box.center(), icon_size, fore);
      inner.cut_left(gap);
      text(inner, spec.label,
           {.font = font,
            .color = fore,
            .h = spec.align == Align::center ? Align::start : spec.align,
            .v = Align::center,
            .shrink = true});
    }
    return tapped;
  }
  text(inner, spec.label,
       {.font = font, .color = fore, .h = spec.align, .v = Align::center, .shrink = true});
  return tapped;
}

bool Ui::area(const Rect& r, std::string_view id, std::string_view label, bool* held) {
  bool h = false;
  bool tapped = interact(r, id, label, true, h);
  if (held) *held = h;
  return tapped;
}

bool Ui::hold(const Rect& r, std::string_view id, double seconds) {
  if (inert_) return false;
  add_target(id, "", r);
  const ImGuiID gid = ImGui::GetID(id.data(), id.data() + id.size());
  const ImRect bb(r.x, r.y, r.right(), r.bottom());
  if (!ImGui::ItemAdd(bb, gid)) return false;
  bool hovered = false, held = false;
  ImGui::ButtonBehavior(bb, gid, &hovered, &held, ImGuiButtonFlags_PressedOnClick);
  const std::string key(id);
  if (!held || press_started_ < guard_until_) {
    hold_start_.erase(key);
    if (hold_fired_ == key) hold_fired_.clear();
    return false;
  }
  auto [it, fresh] = hold_start_.emplace(key, now_);
  const double due = it->second + seconds;
  if (now_ >= due) {
    if (hold_fired_ == key) return false;
    hold_fired_ = key;
    return true;
  }
  wake_at_ = std::min(wake_at_, due);
  return false;
}

bool Ui::tapped_at(const Rect& r, std::string_view id, Vec2& where) {
  bool held = false;
  if (!interact(r, id, "", true, held)) return false;
  const ImGuiIO& io = ImGui::GetIO();
  where = {io.MousePos.x, io.MousePos.y};
  return true;
}

bool Ui::tapped_elsewhere() const {
  return !inert_ && ImGui::IsMouseReleased(0) && !ImGui::IsAnyItemHovered() && press_is_tap();
}

bool Ui::changed(std::string_view id, std::size_t signature) {
  auto [it, fresh] = seen_.try_emplace(std::string(id), signature);
  if (fresh) return true;
  if (it->second == signature) return false;
  it->second = signature;
  return true;
}

float Ui::scroll(const Rect& r, std::string_view id, float content_h) {
  float& offset = scroll_[std::string(id)];
  const ImGuiIO& io = ImGui::GetIO();
  const float limit = io.MouseDragThreshold * io.MouseDragThreshold;
  if (!inert_ && io.MouseDown[0] && press_started_ >= guard_until_ &&
      r.contains({io.MouseClickedPos[0].x, io.MouseClickedPos[0].y}) &&
      io.MouseDragMaxDistanceSqr[0] > limit)
    offset -= io.MouseDelta.y;
  offset = std::clamp(offset, 0.0f, std::max(0.0f, content_h - r.h));
  return offset;
}

}  // namespace kotak::kiosk
