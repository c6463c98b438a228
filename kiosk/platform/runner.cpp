// See runner.hpp.
#include "kiosk/platform/runner.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <time.h>
#include <algorithm>
#include <cfloat>

#include <chrono>

#include "kiosk/platform/corner_masks.hpp"
#include "kiosk/platform/draw_data.hpp"
#include "kiosk/platform/fonts.hpp"
#include "kiosk/platform/solids.hpp"
#include "kiosk/ui/theme.hpp"

namespace kotak::kiosk {

namespace {

bool is_software(SDL_Renderer* renderer) {
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer, &info);
  return (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

}  // namespace

FrameRunner::FrameRunner(SDL_Renderer* renderer, const Rotation& rotation, double px_per_mm,
                         std::function<SDL_Surface*()> target)
    : renderer_(renderer),
      rotation_(rotation),
      software_(is_software(renderer)),
      target_(software_ ? std::move(target) : nullptr),
      solids_(renderer, software_),
      corners_(renderer) {
  const auto w = static_cast<float>(rotation_.logical_w());
  const auto h = static_cast<float>(rotation_.logical_h());
  metrics_ = Metrics::for_screen(w, h, static_cast<float>(px_per_mm));
  large_metrics_ = Metrics::for_screen(w, h, static_cast<float>(px_per_mm), kLargeTextScale);
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  io.ConfigInputTextCursorBlink = false;
  // A finger wobbles more than a mouse: a tap may move this far.
  io.MouseDragThreshold = std::max(8.0f, metrics_.base * 0.02f);
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.ItemSpacing = ImVec2(0, 0);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
  // Shapes are drawn untextured (ui.cpp), so lines must not borrow their
  // anti-aliasing from the font atlas.
  style.AntiAliasedLinesUseTex = false;
  fonts_ = load_fonts(metrics_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  if (rotation_.degrees() != 0) {
    upright_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_TARGET,
                                 rotation_.logical_w(), rotation_.logical_h());
    if (upright_ && software_)
      turned_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING,
                                  rotation_.physical_w(), rotation_.physical_h());
    turn_vertices_ = upright_ == nullptr || (software_ && turned_ == nullptr);
  }
}

FrameRunner::~FrameRunner() {
  if (turned_) SDL_DestroyTexture(turned_);
  if (upright_) SDL_DestroyTexture(upright_);
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext(context_);
}

namespace {

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1000 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

void FrameRunner::frame(App& app, const PointerFrame& pointer, double now, double dt, bool render) {
  const auto started = std::chrono::steady_clock::now();
  const double cpu_started = thread_cpu_ms();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(metrics_.width, metrics_.height);
  io.DeltaTime = static_cast<float>(std::clamp(dt, 1e-4, 1.0));
  io.MousePos = pointer.present ? ImVec2(pointer.pos.x, pointer.pos.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = pointer.down;

  const bool large = app.large_text();
  if (large && !large_loaded_) load_large_fonts();
  ImGui_ImplSDLRenderer_NewFrame();  // uploads the font atlas the first time
  if (!fonts_uploaded_) {
    set_fallback_glyph(fonts_);
    if (large_loaded_) set_fallback_glyph(large_fonts_);
    // The texture holds the glyphs now; imgui's CPU copies are megabytes.
    io.Fonts->ClearTexData();
    fonts_uploaded_ = true;
  }
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
  solids_.begin_frame();
  corners_.begin_frame();
  if (!turn_vertices_) ui_.set_solid_hook(&Solids::add, &solids_);
  if (software_ && !turn_vertices_) ui_.set_corner_hook(&CornerMasks::corner, &corners_);
  ui_.begin_frame(large ? large_metrics_ : metrics_, large ? large_fonts_ : fonts_, app.catalog(),
                  now);
  app.frame(ui_);
  ui_.end_frame();
  ImGui::End();
  ImGui::Render();
  if (turn_vertices_) rotation_.apply(ImGui::GetDrawData());
  if (render) this->render();
  last_frame_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  last_frame_cpu_ms_ = thread_cpu_ms() - cpu_started;
}

void FrameRunner::load_large_fonts() {
  // The atlas is built again with both sizes and uploaded by the next
  // NewFrame: a moment's work on the first "A+", and the normal sizes'
  // memory until then (a kiosk's peak memory is with them alone).
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  fonts_ = load_fonts(metrics_);
  large_fonts_ = add_fonts(large_metrics_);
  large_loaded_ = true;
  fonts_uploaded_ = false;
}

void FrameRunner::draw_imgui() {
  if (software_)
    render_draw_data(renderer_, ImGui::GetDrawData(),
                     static_cast<SDL_Texture*>(ImGui::GetIO().Fonts->TexID));
  else
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void FrameRunner::render() {
  const std::uint32_t bg = theme::kBackground;
  // imgui's frame, on a target cleared where no opaque rectangle of it
  // will cover the background (solids.hpp).
  auto draw_frame = [&](int w, int h, SDL_Surface* direct) {
    solids_.clear(bg, w, h, direct);
    // Untextured shapes blend by the renderer's draw mode: edges and the
    // idle card's shade need alpha.
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
    draw_imgui();
  };
  if (!upright_ || turn_vertices_) {
    draw_frame(rotation_.physical_w(), rotation_.physical_h(), target_ ? target_() : nullptr);
    SDL_RenderFlush(renderer_);
    return;
  }
  SDL_SetRenderTarget(renderer_, upright_);
  draw_frame(rotation_.logical_w(), rotation_.logical_h(), nullptr);
  if (turned_) {
    turn_in_software();
    return;
  }
  SDL_SetRenderTarget(renderer_, nullptr);
  SDL_SetRenderDrawColor(renderer_, (bg >> 16) & 0xFF, (bg >> 8) & 0xFF, bg & 0xFF, 255);
  SDL_RenderClear(renderer_);
  // Turning about the centre: the upright picture's box is centred on the
  // panel, and after turning it covers the panel exactly.
  const int lw = rotation_.logical_w(), lh = rotation_.logical_h();
  SDL_Rect dst{(rotation_.physical_w() - lw) / 2, (rotation_.physical_h() - lh) / 2, lw, lh};
  SDL_RenderCopyEx(renderer_, upright_, nullptr, &dst, rotation_.degrees(), nullptr, SDL_FLIP_NONE);
  SDL_RenderFlush(renderer_);
}

void FrameRunner::turn_in_software() {
  const int lw = rotation_.logical_w(), lh = rotation_.logical_h();
  const int pw = rotation_.physical_w(), ph = rotation_.physical_h();
  pixels_.resize(static_cast<std::size_t>(lw) * static_cast<std::size_t>(lh));
  turned_pixels_.resize(static_cast<std::size_t>(pw) * static_cast<std::size_t>(ph));
  SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels_.data(), lw * 4);
  SDL_SetRenderTarget(renderer_, nullptr);
  // Each upright pixel (x, y) goes where Rotation::to_physical puts it.
  const int degrees = rotation_.degrees();
  for (int y = 0; y < lh; ++y) {
    const std::uint32_t* row =
        pixels_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(lw);
    for (int x = 0; x < lw; ++x) {
      int px = x, py = y;
      if (degrees == 90) {
        px = pw - 1 - y;
        py = x;
      } else if (degrees == 180) {
        px = pw - 1 - x;
        py = ph - 1 - y;
      } else if (degrees == 270) {
        px = y;
        py = ph - 1 - x;
      }
      turned_pixels_[static_cast<std::size_t>(py) * static_cast<std::size_t>(pw) +
                     static_cast<std::size_t>(px)] = row[x];
    }
  }
  SDL_UpdateTexture(turned_, nullptr, turned_pixels_.data(), pw * 4);
  SDL_RenderCopy(renderer_, turned_, nullptr, nullptr);
  SDL_RenderFlush(renderer_);
}

}  // namespace kotak::kiosk
