// See draw_data.hpp.
#include "kiosk/platform/draw_data.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace kotak::kiosk {

namespace {

// How SDL's software renderer draws an untextured triangle cheapest with
// the same result (see draw_data.hpp).
enum class Kind { opaque, fading, shade };

Kind kind_of(const ImDrawVert* v, const ImDrawIdx* i) {
  const ImU32 a = v[i[0]].col, b = v[i[1]].col, c = v[i[2]].col;
  constexpr ImU32 kAlpha = IM_COL32_A_MASK;
  if ((a & b & c & kAlpha) == kAlpha) return Kind::opaque;
  return a == b && b == c ? Kind::shade : Kind::fading;
}

struct Geometry {
  SDL_Renderer* renderer;
  const ImDrawList* list;
  const ImDrawCmd* cmd;
  std::vector<ImDrawIdx>& scratch;

  // Triangles [first, first + count) of the command's indices. SDL checks
  // the texture coordinates of every vertex it is handed, so a run gets
  // only the vertices its triangles use.
  void draw(SDL_Texture* texture, unsigned first, unsigned count) const {
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd->IdxOffset + first;
    const auto [low, high] = std::minmax_element(idx, idx + count);
    scratch.resize(count);
    for (unsigned i = 0; i < count; ++i) scratch[i] = static_cast<ImDrawIdx>(idx[i] - *low);
    const ImDrawVert* v = list->VtxBuffer.Data + cmd->VtxOffset + *low;
    const auto* bytes = reinterpret_cast<const char*>(v);
    SDL_RenderGeometryRaw(
        renderer, texture, reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, pos)),
        sizeof(ImDrawVert), reinterpret_cast<const SDL_Color*>(bytes + offsetof(ImDrawVert, col)),
        sizeof(ImDrawVert), reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, uv)),
        sizeof(ImDrawVert), *high - *low + 1, scratch.data(), static_cast<int>(count),
        sizeof(ImDrawIdx));
  }

  // An untextured command in runs of triangles of one kind, each run
  // drawn the way that suits it.
  void draw_shapes(SDL_Texture* white) const {
    const ImDrawVert* v = list->VtxBuffer.Data + cmd->VtxOffset;
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd->IdxOffset;
    unsigned start = 0;
    while (start + 3 <= cmd->ElemCount) {
      const Kind kind = kind_of(v, idx + start);
      unsigned end = start + 3;
      while (end + 3 <= cmd->ElemCount && kind_of(v, idx + end) == kind) end += 3;
      switch (kind) {
        case Kind::opaque:
          SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
          draw(nullptr, start, end - start);
          break;
        case Kind::fading:
          draw(white, start, end - start);
          break;
        case Kind::shade:
          SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
          draw(nullptr, start, end - start);
          break;
      }
      start = end;
    }
  }
};

}  // namespace

void set_clip(SDL_Renderer* renderer, const ImDrawCmd& cmd) {
  const SDL_Rect clip{static_cast<int>(cmd.ClipRect.x), static_cast<int>(cmd.ClipRect.y),
                      static_cast<int>(cmd.ClipRect.z - cmd.ClipRect.x),
                      static_cast<int>(cmd.ClipRect.w - cmd.ClipRect.y)};
  SDL_RenderSetClipRect(renderer, &clip);
}

void render_draw_data(SDL_Renderer* renderer, const ImDrawData* data, SDL_Texture* white) {
  const int fb_w = static_cast<int>(data->DisplaySize.x);
  const int fb_h = static_cast<int>(data->DisplaySize.y);
  if (fb_w <= 0 || fb_h <= 0) return;
  SDL_RenderSetViewport(renderer, nullptr);
  SDL_RenderSetClipRect(renderer, nullptr);
  const ImVec2 off = data->DisplayPos;
  std::vector<ImDrawIdx> scratch;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = std::max(cmd.ClipRect.x - off.x, 0.0f);
      const float y0 = std::max(cmd.ClipRect.y - off.y, 0.0f);
      const float x1 = std::min(cmd.ClipRect.z - off.x, static_cast<float>(fb_w));
      const float y1 = std::min(cmd.ClipRect.w - off.y, static_cast<float>(fb_h));
      if (x1 <= x0 || y1 <= y0) continue;
      const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                          static_cast<int>(y1 - y0)};
      SDL_RenderSetClipRect(renderer, &clip);
      const Geometry geometry{renderer, list, &cmd, scratch};
      if (auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID()))
        geometry.draw(texture, 0, cmd.ElemCount);
      else
        geometry.draw_shapes(white);
    }
  }
  SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
  SDL_RenderSetClipRect(renderer, nullptr);
}

}  // namespace kotak::kiosk
