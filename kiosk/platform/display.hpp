// The kiosk on a real screen: fullscreen on KMSDRM (a Pi with no X) or in a
// window on a desktop (--windowed), with SDL_Renderer, touch and mouse fed
// through TouchInput, and a loop that sleeps until the next deadline.
#pragma once

#include <filesystem>

namespace kotak::kiosk {

struct DisplayOptions {
  bool windowed = false;
  int width = 1280;  // window size when windowed
  int height = 800;
};

int run_display(const std::filesystem::path& config, const DisplayOptions& options);

}  // namespace kotak::kiosk
