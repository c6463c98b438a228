// See runner.hpp.
#include "kiosk/platform/runner.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cfloat>
#include <chrono>

#include "kiosk/platform/fonts.hpp"
#include "kiosk/ui/theme.hpp"

namespace kotak::kiosk {

FrameRunner::FrameRunner(SDL_Renderer* renderer, const Rotation& rotation)
    : renderer_(renderer), rotation_(rotation) {
  metrics_ = Metrics::for_screen(static_cast<float>(rotation_.logical_w()),
                                 static_cast<float>(rotation_.logical_h()));
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
  fonts_ = load_fonts(metrics_);
  ImGui_ImplSDLRenderer_Init(renderer_);
}

FrameRunner::~FrameRunner() {
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext(context_);
}

void FrameRunner::frame(App& app, const PointerFrame& pointer, double now, double dt,
                        bool render) {
  const auto started = std::chrono::steady_clock::now();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(metrics_.width, metrics_.height);
  io.DeltaTime = static_cast<float>(std::clamp(dt, 1e-4, 1.0));
  io.MousePos = pointer.present ? ImVec2(pointer.pos.x, pointer.pos.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = pointer.down;

  ImGui_ImplSDLRenderer_NewFrame();  // uploads the font atlas the first time
  if (!fonts_uploaded_) {
    set_fallback_glyph(fonts_);
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
  ui_.begin_frame(metrics_, fonts_, app.catalog(), now);
  app.frame(ui_);
  ui_.end_frame();
  ImGui::End();
  ImGui::Render();
  rotation_.apply(ImGui::GetDrawData());
  if (render) this->render();
  last_frame_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void FrameRunner::render() {
  const std::uint32_t bg = theme::kBackground;
  SDL_SetRenderDrawColor(renderer_, (bg >> 16) & 0xFF, (bg >> 8) & 0xFF, bg & 0xFF, 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  SDL_RenderFlush(renderer_);
}

}  // namespace kotak::kiosk
