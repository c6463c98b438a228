// See ui.hpp.
#include "kiosk/ui/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/text_editor.hpp"

namespace kotak::kiosk {

namespace {

constexpr float kLineSpacing = 1.22f;
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // U+2026

ImU32 col(std::uint32_t rgb, std::uint8_t alpha = 255) { return theme::to_imgui(rgb, alpha); }

float line_width(const ImFont* font, float size, std::string_view text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::size_t char_len_at(std::string_view text, std::size_t i) {
  std::size_t n = utf8_sequence_length(static_cast<unsigned char>(text[i]));
  return std::clamp<std::size_t>(n, 1, text.size() - i);
}

}  // namespace

std::vector<Line> wrap_lines(const ImFont* font, float size, std::string_view text, float width) {
  std::vector<Line> lines;
  const float scale = size / font->FontSize;
  const char* base = text.data();
  const char* end = base + text.size();
  const char* s = base;
  while (true) {
    const char* para_end = s;
    while (para_end < end && *para_end != '\n') ++para_end;
    if (s == para_end) lines.push_back({std::size_t(s - base), std::size_t(s - base)});
    while (s < para_end) {
      const char* eol =
          width > 0 ? font->CalcWordWrapPositionA(scale, s, para_end, width) : para_end;
      if (eol <= s) eol = s + char_len_at(text, std::size_t(s - base));
      if (eol > para_end) eol = para_end;
      lines.push_back({std::size_t(s - base), std::size_t(eol - base)});
      s = eol;
      // Like imgui, a wrapped line does not start with the blanks it broke at.
      while (s < para_end && (*s == ' ' || *s == '\t')) ++s;
    }
    if (para_end >= end) break;
    s = para_end + 1;
    if (s == end) {
      lines.push_back({text.size(), text.size()});
      break;
    }
  }
  if (lines.empty()) lines.push_back({0, 0});
  return lines;
}

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

void Ui::add_text(ImFont* font, float size, Vec2 pos, std::uint32_t abgr, std::string_view text,
                  const ImVec4* clip) {
  ImDrawList* d = draw();
  d->PushTextureID(font->ContainerAtlas->TexID);
  d->AddText(font, size, ImVec2(pos.x, pos.y), abgr, text.data(), text.data() + text.size(), 0.0f,
             clip);
  d->PopTextureID();
}

ImDrawList* Ui::draw() const { return ImGui::GetWindowDrawList(); }

void Ui::solid(const Rect& r, std::uint32_t abgr) {
  if (r.w <= 0 || r.h <= 0) return;
  if (solid_hook_ && (abgr >> 24) == 0xFF) {
    solid_hook_(solid_user_, draw(), r, abgr);
    return;
  }
  draw()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), abgr);
}

void Ui::fill(const Rect& r, std::uint32_t rgb, float rounding, std::uint8_t alpha) {
  if (alpha != 255) {
    draw()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), col(rgb, alpha),
                          std::min(rounding, std::min(r.w, r.h) / 2));
    return;
  }
  rounded(r, col(rgb), rounding);
}

void Ui::rounded(const Rect& r, std::uint32_t abgr, float rounding) {
  const float k = std::floor(std::min(rounding, std::min(r.w, r.h) / 2));
  if (k < 2) {
    solid(r, abgr);
    return;
  }
  // An opaque rounded rectangle made of upright rectangles: the middle, the
  // two sides, and each corner as strips under a thin anti-aliased arc that
  // smooths their stepped edge. SDL's software renderer fills upright
  // rectangles as fast as a clear but blends every other triangle pixel by
  // pixel; drawn as one rounded polygon a card cost milliseconds at 1080p.
  const float x0 = std::round(r.x), y0 = std::round(r.y);
  const float x1 = std::round(r.right()), y1 = std::round(r.bottom());
  solid(Rect{x0 + k, y0, x1 - x0 - 2 * k, y1 - y0}, abgr);
  solid(Rect{x0, y0 + k, k, y1 - y0 - 2 * k}, abgr);
  solid(Rect{x1 - k, y0 + k, k, y1 - y0 - 2 * k}, abgr);
  // Strips of each corner row band: as tall as possible while their outer
  // end stays within 1 px of the circle of radius k - 1; the arc below
  // covers the band from k - 3 to k.
  const float inner = k - 1;
  auto half = [&](float d) { return std::sqrt(std::max(0.0f, inner * inner - d * d)); };
  for (float top = 0; top < k;) {
    // Band [top, top + h) measured from the corner's outer edge inwards.
    float h = 1;
    while (top + h < k && half(k - top - 1) - half(k - top) <= 1.0f &&
           half(k - (top + h + 1)) - half(k - top) <= 1.0f)
      h += 1;
    const float reach = half(k - top);  // the narrowest row of the band
    const float w = std::max(0.0f, std::round(reach));
    if (w > 0) {
      solid(Rect{x0 + k - w, y0 + top, w, h}, abgr);
      solid(Rect{x1 - k, y0 + top, w, h}, abgr);
      solid(Rect{x0 + k - w, y1 - top - h, w, h}, abgr);
      solid(Rect{x1 - k, y1 - top - h, w, h}, abgr);
    }
    top += h;
  }
  constexpr float kPi = 3.14159265f;
  ImDrawList* d = draw();
  const struct {
    float cx, cy, a0;
  } corners[] = {{x0 + k, y0 + k, kPi}, {x1 - k, y0 + k, 1.5f * kPi}, {x1 - k, y1 - k, 0},
                 {x0 + k, y1 - k, 0.5f * kPi}};
  const int segments = std::clamp(static_cast<int>(k / 3), 3, 24);
  // A little past each end, so the arc's blunt ends fall on the straight
  // sides (same colour) instead of nicking the corner.
  const float past = 0.06f * kPi;
  for (const auto& corner : corners) {
    d->PathArcTo(ImVec2(corner.cx, corner.cy), k - 1.5f, corner.a0 - past,
                 corner.a0 + 0.5f * kPi + past, segments + 1);
    d->PathStroke(abgr, ImDrawFlags_None, 3.0f);
  }
}

void Ui::outline(const Rect& r, std::uint32_t rgb, float rounding, float thickness) {
  // Like fill(): straight edges as upright rectangles, only the corners as
  // curves, for the software renderer's sake.
  ImDrawList* d = draw();
  const ImU32 c = col(rgb);
  const float t = std::max(1.0f, std::round(thickness));
  const float k = std::min(std::max(rounding, t), std::min(r.w, r.h) / 2);
  const float x0 = r.x, y0 = r.y, x1 = r.right(), y1 = r.bottom();
  solid(Rect{x0 + k, y0, x1 - x0 - 2 * k, t}, c);
  solid(Rect{x0 + k, y1 - t, x1 - x0 - 2 * k, t}, c);
  solid(Rect{x0, y0 + k, t, y1 - y0 - 2 * k}, c);
  solid(Rect{x1 - t, y0 + k, t, y1 - y0 - 2 * k}, c);
  constexpr float kPi = 3.14159265f;
  const struct {
    float cx, cy, a0;
  } corners[] = {{x0 + k, y0 + k, kPi}, {x1 - k, y0 + k, 1.5f * kPi}, {x1 - k, y1 - k, 0},
                 {x0 + k, y1 - k, 0.5f * kPi}};
  const int segments = std::clamp(static_cast<int>(k / 2), 4, 16);
  const float past = 0.05f * kPi;  // overlap the straight sides: no nick at the joins
  for (const auto& corner : corners) {
    d->PathArcTo(ImVec2(corner.cx, corner.cy), k - t / 2, corner.a0 - past,
                 corner.a0 + 0.5f * kPi + past, segments + 1);
    d->PathStroke(c, ImDrawFlags_None, t);
  }
}

void Ui::card(const Rect& r) {
  fill(r, theme::kCard, m_.radius);
  outline(r, theme::kBorder, m_.radius, m_.line);
}

Vec2 Ui::measure(std::string_view text, ImFont* font, float wrap_width) const {
  if (!font) font = fonts_.body;
  ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.data(),
                                    text.data() + text.size());
  return {size.x, size.y};
}

float Ui::text_height(std::string_view text, ImFont* font, float width) const {
  if (!font) font = fonts_.body;
  auto lines = wrap_lines(font, font->FontSize, text, width);
  return static_cast<float>(lines.size()) * font->FontSize * kLineSpacing;
}

ImFont* Ui::smaller(const ImFont* font) const {
  if (font == fonts_.title) return fonts_.button;
  if (font == fonts_.button) return fonts_.body;
  if (font == fonts_.body) return fonts_.small;
  return nullptr;
}

Rect Ui::text(const Rect& r, std::string_view s, const TextStyle& st) {
  // Text that does not fit steps down to the next smaller loaded font
  // (never a scaled bitmap: scaled glyphs turn blotchy), then is cut with
  // an ellipsis.
  ImFont* font = st.font ? st.font : fonts_.body;
  float size = font->FontSize;
  std::vector<Line> lines;
  int fit = 1;
  for (ImFont* candidate = font; candidate; candidate = st.shrink ? smaller(candidate) : nullptr) {
    font = candidate;
    size = font->FontSize;
    lines = st.wrap ? wrap_lines(font, size, s, r.w) : wrap_lines(font, size, s, 0);
    if (!st.wrap && lines.size() > 1) lines.resize(1);
    fit = std::max(1, static_cast<int>((r.h + 0.3f * size) / (size * kLineSpacing)));
    if (st.max_lines > 0) fit = std::min(fit, st.max_lines);
    bool fits = static_cast<int>(lines.size()) <= fit;
    if (fits && !st.wrap) fits = line_width(font, size, s.substr(0, lines[0].end)) <= r.w;
    if (fits) break;
  }
  const float line_h = size * kLineSpacing;
  const int shown = std::min<int>(fit, static_cast<int>(lines.size()));
  const bool cut = static_cast<int>(lines.size()) > shown ||
                   (!st.wrap && line_width(font, size, s.substr(0, lines[0].end)) > r.w);
  const float block_h = static_cast<float>(shown - 1) * line_h + size;
  float y = r.y;
  if (st.v == Align::center) y = r.y + (r.h - block_h) / 2;
  if (st.v == Align::end) y = r.bottom() - block_h;
  Rect covered{r.right(), y, 0, block_h};
  const ImU32 color = col(st.color);
  ImVec4 clip(r.x - 2, r.y - size, r.right() + 2, r.bottom() + size);
  for (int i = 0; i < shown; ++i) {
    std::string line(s.substr(lines[i].begin, lines[i].end - lines[i].begin));
    if (cut && i == shown - 1) {
      const float room = r.w - line_width(font, size, kEllipsis);
      while (!line.empty() && line_width(font, size, line) > room) {
        std::size_t start = line.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) --start;
        line.erase(start);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      line += kEllipsis;
    }
    float w = line_width(font, size, line);
    float x = r.x;
    if (st.h == Align::center) x = r.x + (r.w - w) / 2;
    if (st.h == Align::end) x = r.right() - w;
    add_text(font, size, {std::round(x), std::round(y)}, color, line, &clip);
    covered.x = std::min(covered.x, x);
    covered.w = std::max(covered.right(), x + w) - covered.x;
    y += line_h;
  }
  texts_.push_back({std::string(s.substr(0, std::min<std::size_t>(s.size(), 400))), covered});
  return covered;
}

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
  const float rounding = spec.look == Look::key || spec.look == Look::key_dark
                             ? m_.radius * 0.6f
                             : m_.radius;
  fill(b, back, rounding);
  if (has_border) {
    float thickness = (spec.look == Look::choice && spec.selected) ? m_.line * 2.5f : m_.line * 1.5f;
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
    const float detail_h =
        std::min(text_height(spec.detail, fonts_.small, inner.w), fonts_.small->FontSize * kLineSpacing * 2);
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
           {.font = font, .color = fore, .h = spec.align == Align::center ? Align::start : spec.align,
            .v = Align::center, .shrink = true});
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
