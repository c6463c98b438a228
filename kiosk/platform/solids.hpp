// Opaque upright rectangles (Ui::solid) drawn with SDL_RenderFillRects from
// imgui draw callbacks, in order with the geometry around them, and the
// frame's clear.
//
// In software every filled pixel is a store to memory, and a screen paints
// most of itself more than once: the clear, then a bar, a keyboard's panel,
// the keys on the panel, a card, a box. An opaque rectangle hides whatever
// was drawn under it before, so the part of an earlier rectangle, or of the
// clear, that a later opaque rectangle covers never shows: with
// hide_covered, those parts are not drawn (the same pixels, about half the
// stores on the keyboard screen).
//
// SDL 2.26 fills with SSE streaming stores, which go around the cache: on a
// 1080p frame that is then blended onto (text, corners), its fills took
// about half the frame. When the renderer draws into a surface the caller
// can reach (the headless surface, a software window's surface), the
// rectangles are written into it directly, with ordinary stores, after
// SDL_RenderFlush has drawn everything queued before them.
#pragma once

#include <SDL_rect.h>

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "kiosk/ui/rect.hpp"

struct ImDrawCmd;
struct ImDrawList;
struct SDL_Renderer;
struct SDL_Surface;

namespace kotak::kiosk {

// What of `area` none of `covers` covers, as rectangles.
std::vector<SDL_Rect> uncovered(const SDL_Rect& area, std::span<const SDL_Rect> covers);

class Solids {
 public:
  Solids(SDL_Renderer* renderer, bool hide_covered)
      : renderer_(renderer), hide_covered_(hide_covered) {}

  // Forgets the rectangles of the last frame.
  void begin_frame();
  // A Ui::SolidHook: queues the rectangle as a draw callback. Rectangles
  // drawn one after another in one colour and clip (a card's strips, a QR
  // code's modules) share one callback: SDL spends more on each call than
  // on filling a small rectangle.
  static void add(void* self, ImDrawList* list, const Rect& r, std::uint32_t abgr);
  // Clears the renderer's target (w x h) to rgb (0xRRGGBB) and works out
  // what of each rectangle will show; call before drawing the frame.
  // direct: the surface the renderer draws into, to fill directly (32-bit
  // pixels), or null.
  void clear(std::uint32_t rgb, int w, int h, SDL_Surface* direct);

 private:
  struct Batch {
    Solids* owner;
    std::size_t first, count;  // in rects_
    std::uint32_t abgr;
    SDL_Rect clip;
    std::size_t shown_first = 0, shown_count = 0;  // in shown_
  };
  static void draw(const ImDrawList* list, const ImDrawCmd* cmd);
  // Fills rects (clipped to clip) with the colour, through SDL or directly.
  void fill(const SDL_Rect* rects, std::size_t count, const SDL_Rect& clip, std::uint8_t r,
            std::uint8_t g, std::uint8_t b) const;

  SDL_Renderer* renderer_;
  bool hide_covered_;
  SDL_Surface* direct_ = nullptr;
  std::vector<SDL_Rect> rects_;
  std::vector<SDL_Rect> shown_;
  // Kept until the next frame: a screenshot may draw the frame again.
  std::deque<Batch> batches_;
};

}  // namespace kotak::kiosk
