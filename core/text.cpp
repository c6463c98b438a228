// See text.hpp.
#include "core/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

namespace kotak::core {

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  while (i < text.size()) {
    unsigned char lead = byte(i);
    std::size_t extra;
    char32_t cp;
    if (lead < 0x80) {
      extra = 0;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      cp = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + extra >= text.size()) return std::nullopt;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      unsigned char c = byte(i + k);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return std::nullopt;
    i += extra + 1;
    ++count;
  }
  return count;
}

std::size_t utf8_last_char_start(std::string_view text) {
  if (text.empty()) return 0;
  std::size_t i = text.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool has_control_chars(std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
  }
  return false;
}

std::string shorten(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr std::string_view kEllipsis = "\u2026";
  std::size_t cut = max_bytes - kEllipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

std::string to_nfc(std::string_view text) {
  // The common case, plain ASCII, is NFC already.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0 || !out) return std::string(text);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

std::vector<std::size_t> grapheme_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_int32_t previous = -1;
  utf8proc_int32_t state = 0;
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t c = 0;
    const auto n = utf8proc_iterate(bytes + i, size - i, &c);
    if (n <= 0) return {};
    if (previous < 0 || utf8proc_grapheme_break_stateful(previous, c, &state))
      starts.push_back(static_cast<std::size_t>(i));
    previous = c;
    i += n;
  }
  return starts;
}

std::string trim(std::string_view text) {
  const char* space = " \t\r\n";
  auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(space);
  return std::string(text.substr(first, last - first + 1));
}

std::string quote_prefix(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, i = 0;
  while (i < text.size()) {
    if (chars == max_chars) return out + "\u2026";
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
    auto piece = length ? text.substr(i, length) : std::string_view();
    // Control characters, line breaks included: a reason is one line.
    if (length == 0 || piece.size() != length || !utf8_length(piece) || byte < 0x20 ||
        byte == 0x7F) {
      out += '?';
      ++i;
    } else {
      out += piece;
      i += length;
    }
    ++chars;
  }
  return out;
}

}  // namespace kotak::core
