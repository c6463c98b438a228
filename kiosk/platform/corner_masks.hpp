// Rounded corners as small textures, for SDL's software renderer.
//
// A rounded card drawn as imgui geometry has a few dozen triangles in each
// corner (the arc and its anti-aliased fringe); SDL's software renderer
// pays for every triangle on its own, and a keyboard of 33 keys made ~9000
// of them per frame. A corner is instead one copy of a mask: a white disc
// (or ring, for an outline) whose alpha is how much of each pixel the shape
// covers, tinted to the shape's colour by SDL's colour modulation and
// blended onto the frame. One mask per radius and thickness serves every
// colour and all four corners (a quadrant of it each).
#pragma once

#include <SDL_rect.h>

#include <cstdint>
#include <deque>
#include <map>
#include <utility>

#include "kiosk/ui/ui.hpp"

struct ImDrawList;
struct SDL_Renderer;
struct SDL_Texture;

namespace kotak::kiosk {

class CornerMasks {
 public:
  explicit CornerMasks(SDL_Renderer* renderer) : renderer_(renderer) {}
  ~CornerMasks();
  CornerMasks(const CornerMasks&) = delete;
  CornerMasks& operator=(const CornerMasks&) = delete;

  // Forgets the corners queued for the last frame (see Ui::set_corner_hook).
  void begin_frame() { copies_.clear(); }
  // A Ui::CornerHook: queues the corner as an imgui draw callback.
  static bool corner(void* self, ImDrawList* list, const Ui::Corner& c);

  // Largest radius drawn from a mask: a mask's every pixel is blended, and
  // beyond this a big disc costs more so than as strips and arcs.
  static constexpr int kMaxRadius = 64;

 private:
  struct Copy {
    SDL_Renderer* renderer;
    SDL_Texture* mask;
    SDL_Rect from, to;
    std::uint32_t abgr;
  };
  static void draw(const ImDrawList* list, const struct ImDrawCmd* cmd);
  SDL_Texture* mask(int radius, int thickness);

  SDL_Renderer* renderer_;
  std::map<std::pair<int, int>, SDL_Texture*> masks_;
  // Kept until the next frame: a screenshot may draw the frame again.
  std::deque<Copy> copies_;
};

}  // namespace kotak::kiosk
