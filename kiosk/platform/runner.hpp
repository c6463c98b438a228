// One frame of the kiosk: the pointer handed to imgui, the app's screen
// drawn, the result rotated to the panel and rendered with SDL_Renderer.
// The same runner serves the real display (GLES or software renderer) and
// the headless driver (software renderer on an in-memory surface).
//
// We do not use imgui's SDL2 platform backend: it reads the mouse with
// SDL_GetMouseState, ignores fingers and knows nothing of rotation or a
// virtual clock. Display size, time and the pointer are set here instead.
#pragma once

#include "kiosk/app.hpp"
#include "kiosk/platform/rotation.hpp"
#include "kiosk/platform/touch.hpp"
#include "kiosk/ui/ui.hpp"

struct SDL_Renderer;
struct ImGuiContext;

namespace kotak::kiosk {

class FrameRunner {
 public:
  FrameRunner(SDL_Renderer* renderer, const Rotation& rotation);
  ~FrameRunner();
  FrameRunner(const FrameRunner&) = delete;
  FrameRunner& operator=(const FrameRunner&) = delete;

  // Builds and (when render) draws one frame; the caller presents.
  void frame(App& app, const PointerFrame& pointer, double now, double dt, bool render);
  // Draws the last frame again (for a screenshot of a frame not drawn).
  void render();

  const Ui& ui() const { return ui_; }
  const Rotation& rotation() const { return rotation_; }
  const Metrics& metrics() const { return metrics_; }
  double last_frame_ms() const { return last_frame_ms_; }

 private:
  SDL_Renderer* renderer_;
  Rotation rotation_;
  Metrics metrics_;
  ImGuiContext* context_ = nullptr;
  Fonts fonts_;
  Ui ui_;
  bool fonts_uploaded_ = false;
  double last_frame_ms_ = 0;
};

}  // namespace kotak::kiosk
