// imgui's draw data drawn with SDL_Renderer, in place of the backend's
// ImGui_ImplSDLRenderer_RenderDrawData, for the sake of SDL's software
// renderer (SDL 2.26, render/software/SDL_triangle.c).
//
// That renderer fills an untextured triangle drawn with blending through a
// scratch surface of its own: it allocates a surface as big as the
// triangle's bounds, fills it, works out a blitter for it, blends it onto
// the frame and frees it, once for every triangle. The anti-aliased edges
// of imgui's shapes are thousands of triangles a pixel wide, so at 1080p
// that fixed cost, not the pixels, was most of a frame (5 to 6 ms of ~11).
// Drawn otherwise, each triangle looks the same and skips the scratch:
// - a triangle whose three corners are opaque blends to its own colour, so
//   it is drawn without blending, straight into the frame (same pixels);
// - a triangle that fades (the edge fringe: opaque inside, clear outside)
//   is drawn with imgui's white pixel of the font atlas as its texture, the
//   vertex colours tinting it; SDL blends a textured triangle pixel by
//   pixel straight into the frame (the same blend, rounded to within one
//   step of 255);
// - a translucent triangle of one colour (a shade over the screen) stays as
//   it was: SDL fills such rectangles fast, and they are few.
// Textured triangles (text) and draw callbacks are drawn as the backend
// draws them, in imgui's order.
#pragma once

struct ImDrawCmd;
struct ImDrawData;
struct SDL_Renderer;
struct SDL_Texture;

namespace kotak::kiosk {

// white: the font atlas texture (its white pixel is where imgui's shapes
// point their texture coordinates). Leaves the renderer's blend mode at
// SDL_BLENDMODE_BLEND and its clip rectangle off.
void render_draw_data(SDL_Renderer* renderer, const ImDrawData* data, SDL_Texture* white);

// A draw callback's clip rectangle set on the renderer.
void set_clip(SDL_Renderer* renderer, const ImDrawCmd& cmd);

}  // namespace kotak::kiosk
