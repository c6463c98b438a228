// See logo.hpp.
#include "server/skm/logo.hpp"

#include <cstdint>

namespace kotak::server::skm {

namespace {

std::uint32_t big_endian(std::string_view bytes, std::size_t at, int size) {
  std::uint32_t value = 0;
  for (int i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// PNG: the 8-byte signature, then the IHDR chunk (length 13) first, and the
// IEND chunk last.
bool read_png(std::string_view b, LogoCheck& check) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (b.size() < 8 + 25 + 12 || b.substr(0, 8) != kSignature) return false;
  if (big_endian(b, 8, 4) != 13 || b.substr(12, 4) != "IHDR") return false;
  if (b.substr(b.size() - 8, 4) != "IEND") return false;
  check.width = static_cast<int>(big_endian(b, 16, 4));
  check.height = static_cast<int>(big_endian(b, 20, 4));
  check.type = "image/png";
  return true;
}

// JPEG: SOI, then marker segments up to a start-of-frame that holds the
// size, and EOI at the end.
bool read_jpeg(std::string_view b, LogoCheck& check) {
  if (b.size() < 4 || big_endian(b, 0, 2) != 0xFFD8 || big_endian(b, b.size() - 2, 2) != 0xFFD9)
    return false;
  for (std::size_t at = 2; at + 4 <= b.size();) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return false;
    unsigned marker = static_cast<unsigned char>(b[at + 1]);
    std::size_t length = big_endian(b, at + 2, 2);
    if (length < 2 || at + 2 + length > b.size()) return false;
    bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (length < 7) return false;
      check.height = static_cast<int>(big_endian(b, at + 5, 2));
      check.width = static_cast<int>(big_endian(b, at + 7, 2));
      check.type = "image/jpeg";
      return true;
    }
    at += 2 + length;
  }
  return false;
}

}  // namespace

LogoCheck check_logo(std::string_view bytes) {
  LogoCheck check;
  if (bytes.size() > kMaxLogoBytes) {
    check.problem = "too_large";
    return check;
  }
  if (!read_png(bytes, check) && !read_jpeg(bytes, check)) {
    check = {};
    check.problem = "not_image";
    return check;
  }
  if (check.width < 1 || check.height < 1 || check.width > kMaxLogoPixels ||
      check.height > kMaxLogoPixels) {
    check.type.clear();
    check.problem = "dimensions";
  }
  return check;
}

}  // namespace kotak::server::skm
