// The logo of a facility's letterhead, checked by its content and size
// before it is kept: the bytes must be a PNG or JPEG image (by signature
// and structure, whatever the file is called or claims to be) of a sane
// size. SVG is refused: it can carry script.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kotak::server::skm {

inline constexpr std::size_t kMaxLogoBytes = 200 * 1024;
inline constexpr int kMaxLogoPixels = 2000;  // width and height each

struct LogoCheck {
  std::string type;     // image/png or image/jpeg when good
  std::string problem;  // else a catalog key's last part: too_large, not_image, dimensions
  int width = 0, height = 0;
};

LogoCheck check_logo(std::string_view bytes);

}  // namespace kotak::server::skm
