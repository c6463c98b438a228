// Where a program finds Kotak's read-only assets (translations, example
// configs, web pages): $KOTAK_ASSETS if set; else the installed share/kotak
// beside the binary's prefix; else the source tree it was built from.
#pragma once

#include <filesystem>

namespace kotak::core {

std::filesystem::path assets_dir();

}  // namespace kotak::core
