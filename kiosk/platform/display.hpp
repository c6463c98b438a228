// The kiosk on a real screen: fullscreen on KMSDRM (a Pi with no X) or in a
// window on a desktop (--windowed), with SDL_Renderer, touch and mouse fed
// through TouchInput, and a loop that sleeps until the next deadline.
#pragma once

#include <filesystem>
#include <string>

namespace kotak::kiosk {

struct DisplayOptions {
  bool windowed = false;
  int width = 1280;  // window size when windowed
  int height = 800;
};

int run_display(const std::filesystem::path& config, const DisplayOptions& options);

// How the kiosk draws, decided before any GL driver could be loaded.
// Without a GPU, SDL's accelerated renderer is OpenGL on Mesa's llvmpipe
// (libLLVM: about 55 MB resident, 123 MB peak in a window against 22 MB
// headless), slower than SDL's own software renderer for our flat shapes.
// So when no GPU render node can be opened, the kiosk draws in software
// and never loads a GL driver.
struct RendererPlan {
  bool software = false;
  std::string reason;  // for the log: why this renderer
};

// render_driver is SDL_RENDER_DRIVER from the environment (nullptr when
// unset): an operator's choice always wins. Otherwise the kiosk draws with
// the GPU when dri_dir (/dev/dri) has a render node (renderD*) it may open
// for reading and writing, as Mesa would; else in software.
RendererPlan plan_renderer(const char* render_driver, const std::filesystem::path& dri_dir);

}  // namespace kotak::kiosk
