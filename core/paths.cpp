// See paths.hpp.
#include "core/paths.hpp"

#include <cstdlib>
#include <system_error>

namespace kotak::core {

std::filesystem::path assets_dir() {
  if (const char* env = std::getenv("KOTAK_ASSETS"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto installed = exe.parent_path().parent_path() / "share" / "kotak";
    if (std::filesystem::is_directory(installed / "i18n", ec)) return installed;
  }
  return KOTAK_SOURCE_ASSETS;
}

}  // namespace kotak::core
