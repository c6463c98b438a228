// Ui's text (see ui.hpp): wrapping, measuring, drawing within a box with
// smaller fonts and an ellipsis when it does not fit.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/text.hpp"
#include "kiosk/text_editor.hpp"
#include "kiosk/ui/ui.hpp"

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

namespace {

constexpr const char* kPlaceholder = "\xE2\x97\x8C";  // U+25CC DOTTED CIRCLE

bool all_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Whether the font has a glyph for every code point of one cluster.
bool can_draw(const ImFont* font, std::string_view cluster) {
  const char* p = cluster.data();
  const char* end = p + cluster.size();
  while (p < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) return false;
    p += n;
    // imgui 1.86 keeps characters in 16 bits: anything above (emoji) it
    // cannot draw at all.
    if (c > 0xFFFF || c == IM_UNICODE_CODEPOINT_INVALID) return false;
    if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) return false;
  }
  return true;
}

// Calls f(original cluster, drawn text) for each cluster of text.
template <typename F>
void each_cluster(std::string_view text, const ImFont* font, F&& f) {
  const auto starts = core::grapheme_starts(text);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    const std::string_view cluster = text.substr(starts[i], end - starts[i]);
    std::string nfc = core::to_nfc(cluster);
    f(cluster, can_draw(font, nfc) ? nfc : std::string(kPlaceholder));
  }
}

}  // namespace

std::string Ui::drawable(std::string_view text, const ImFont* font) {
  if (all_ascii(text) || !font) return std::string(text);
  std::string out;
  out.reserve(text.size());
  each_cluster(text, font, [&](std::string_view, const std::string& drawn) { out += drawn; });
  return out;
}

std::size_t Ui::original_offset(std::string_view text, const ImFont* font, std::size_t shown) {
  if (all_ascii(text) || !font) return std::min(shown, text.size());
  std::size_t original = 0, drawn_so_far = 0;
  bool done = false;
  each_cluster(text, font, [&](std::string_view cluster, const std::string& drawn) {
    if (done || drawn_so_far + drawn.size() > shown) {
      done = true;
      return;
    }
    drawn_so_far += drawn.size();
    original += cluster.size();
  });
  return original;
}

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

void Ui::add_text(ImFont* font, float size, Vec2 pos, std::uint32_t abgr, std::string_view text,
                  const ImVec4* clip) {
  ImDrawList* d = draw();
  d->PushTextureID(font->ContainerAtlas->TexID);
  d->AddText(font, size, ImVec2(pos.x, pos.y), abgr, text.data(), text.data() + text.size(), 0.0f,
             clip);
  d->PopTextureID();
}

Vec2 Ui::measure(std::string_view original, ImFont* font, float wrap_width) const {
  if (!font) font = fonts_.body;
  const std::string text = drawable(original, font);
  ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.data(),
                                    text.data() + text.size());
  return {size.x, size.y};
}

float Ui::text_height(std::string_view original, ImFont* font, float width) const {
  if (!font) font = fonts_.body;
  const std::string text = drawable(original, font);
  auto lines = wrap_lines(font, font->FontSize, text, width);
  return static_cast<float>(lines.size()) * font->FontSize * kLineSpacing;
}

ImFont* Ui::smaller(const ImFont* font) const {
  if (font == fonts_.title) return fonts_.button;
  if (font == fonts_.button) return fonts_.body;
  if (font == fonts_.body) return fonts_.small;
  return nullptr;
}

Rect Ui::text(const Rect& r, std::string_view original, const TextStyle& st) {
  // Text that does not fit steps down to the next smaller loaded font
  // (never a scaled bitmap: scaled glyphs turn blotchy), then is cut with
  // an ellipsis. The smaller fonts draw at least the characters the larger
  // ones do, so what is drawable in the first is drawable in all.
  ImFont* font = st.font ? st.font : fonts_.body;
  const std::string drawn = drawable(original, font);
  const std::string_view s = drawn;
  float size = font->FontSize;
  std::vector<Line> lines;
  int fit = 1;
  for (ImFont* candidate = font; candidate; candidate = st.shrink ? smaller(candidate) : nullptr) {
    font = candidate;
    size = font->FontSize;
    lines = st.wrap ? wrap_lines(font, size, s, r.w) : wrap_lines(font, size, s, 0);
    if (!st.wrap && lines.size() > 1) lines.erase(lines.begin() + 1, lines.end());
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
  note_text(original, covered, size, cut);
  return covered;
}

}  // namespace kotak::kiosk
