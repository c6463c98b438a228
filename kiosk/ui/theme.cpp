// See theme.hpp.
#include "kiosk/ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace kotak::kiosk::theme {

namespace {

double channel(std::uint32_t value) {
  double c = static_cast<double>(value & 0xFF) / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(std::uint32_t rgb) {
  return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
}

}  // namespace

double contrast(std::uint32_t a, std::uint32_t b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace kotak::kiosk::theme
