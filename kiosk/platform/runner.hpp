// One frame of the kiosk: the pointer handed to imgui, the app's screen
// drawn, the result rotated to the panel and rendered with SDL_Renderer.
// The same runner serves the real display (GLES or software renderer) and
// the headless driver (software renderer on an in-memory surface).
//
// A turned panel (config display.rotation) is drawn upright into a texture
// that is then shown turned: by the GPU, or pixel by pixel in software,
// where SDL's own ways of turning (triangles at a right angle, a rotated
// copy) drop thin glyph strokes.
//
// We do not use imgui's SDL2 platform backend: it reads the mouse with
// SDL_GetMouseState, ignores fingers and knows nothing of rotation or a
// virtual clock. Display size, time and the pointer are set here instead.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "kiosk/app.hpp"
#include "kiosk/platform/corner_masks.hpp"
#include "kiosk/platform/rotation.hpp"
#include "kiosk/platform/solids.hpp"
#include "kiosk/platform/touch.hpp"
#include "kiosk/ui/ui.hpp"

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;
struct ImGuiContext;

namespace kotak::kiosk {

class FrameRunner {
 public:
  // px_per_mm: the panel's, from the config (0: a default by its size).
  // target: for a software renderer, the surface it draws into (the
  // headless surface, a window's surface), which solids.hpp fills directly.
  FrameRunner(SDL_Renderer* renderer, const Rotation& rotation, double px_per_mm,
              std::function<SDL_Surface*()> target = {});
  ~FrameRunner();
  FrameRunner(const FrameRunner&) = delete;
  FrameRunner& operator=(const FrameRunner&) = delete;

  // Builds and (when render) draws one frame; the caller presents.
  void frame(App& app, const PointerFrame& pointer, double now, double dt, bool render);
  // Draws the last frame again (for a screenshot of a frame not drawn).
  void render();

  const Ui& ui() const { return ui_; }
  const Rotation& rotation() const { return rotation_; }
  // The sizes of the frame drawn last (normal, or large text).
  const Metrics& metrics() const { return ui_.m(); }
  // How long the last frame took: wall time, and CPU time of this thread
  // (the same unless other programs compete for the processor).
  double last_frame_ms() const { return last_frame_ms_; }
  double last_frame_cpu_ms() const { return last_frame_cpu_ms_; }

 private:
  void turn_in_software();
  // imgui's draw data onto the renderer's target: in software by
  // render_draw_data (draw_data.hpp), else by imgui's SDL backend.
  void draw_imgui();

  SDL_Renderer* renderer_;
  Rotation rotation_;
  // SDL's software renderer (draw_data.hpp, solids.hpp, corner_masks.hpp).
  // It also turns a texture by a right angle imprecisely (thin glyph
  // strokes vanish), so in software the pixels of a turned panel are turned
  // here (turned_).
  bool software_;
  std::function<SDL_Surface*()> target_;
  // Opaque rectangles (Ui::solid) and the clear.
  Solids solids_;
  // Rounded corners as tinted masks, in software.
  CornerMasks corners_;
  // Normal sizes and the "A+" large text, each with its fonts. The large
  // fonts are added to the atlas when a patient first asks for them: they
  // would take a third more memory for something most patients never use.
  void load_large_fonts();
  Metrics metrics_, large_metrics_;
  ImGuiContext* context_ = nullptr;
  Fonts fonts_, large_fonts_;
  bool large_loaded_ = false;
  Ui ui_;
  bool fonts_uploaded_ = false;
  // A turned panel: the frame is drawn upright into this texture, then
  // copied turned (exact for right angles, also in software). Without
  // render-target support the vertices are turned instead.
  SDL_Texture* upright_ = nullptr;
  bool turn_vertices_ = false;
  // In software, the turned pixels shown through this texture.
  SDL_Texture* turned_ = nullptr;
  std::vector<std::uint32_t> pixels_, turned_pixels_;
  double last_frame_ms_ = 0;
  double last_frame_cpu_ms_ = 0;
};

}  // namespace kotak::kiosk
