// See solids.hpp.
#include "kiosk/platform/solids.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace kotak::kiosk {

namespace {

// Smaller rectangles (a QR code's modules, a corner's strips) hide too
// little to be worth cutting others around them.
constexpr int kMinCover = 64 * 64;

SDL_Rect clip_of(const ImVec4& c) {
  return {static_cast<int>(c.x), static_cast<int>(c.y), static_cast<int>(c.z - c.x),
          static_cast<int>(c.w - c.y)};
}

SDL_Rect intersection(const SDL_Rect& a, const SDL_Rect& b) {
  SDL_Rect out{0, 0, 0, 0};
  if (!SDL_IntersectRect(&a, &b, &out)) return {0, 0, 0, 0};
  return out;
}

}  // namespace

std::vector<SDL_Rect> uncovered(const SDL_Rect& area, std::span<const SDL_Rect> covers) {
  std::vector<SDL_Rect> cut;
  std::vector<int> ys{area.y, area.y + area.h};
  for (const SDL_Rect& c : covers) {
    const SDL_Rect r = intersection(c, area);
    if (r.w <= 0 || r.h <= 0) continue;
    cut.push_back(r);
    ys.push_back(r.y);
    ys.push_back(r.y + r.h);
  }
  std::sort(ys.begin(), ys.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  std::vector<SDL_Rect> out;
  std::vector<std::pair<int, int>> spans;
  // Pieces of the band above, which a piece of the same columns extends.
  std::vector<std::size_t> open, next;
  for (std::size_t i = 0; i + 1 < ys.size(); ++i) {
    const int y0 = ys[i], y1 = ys[i + 1];
    spans.clear();
    for (const SDL_Rect& r : cut)
      if (r.y <= y0 && r.y + r.h >= y1) spans.emplace_back(r.x, r.x + r.w);
    std::sort(spans.begin(), spans.end());
    next.clear();
    auto emit = [&](int x0, int x1) {
      for (std::size_t k : open)
        if (out[k].x == x0 && out[k].w == x1 - x0) {
          out[k].h += y1 - y0;
          next.push_back(k);
          return;
        }
      out.push_back({x0, y0, x1 - x0, y1 - y0});
      next.push_back(out.size() - 1);
    };
    int x = area.x;
    for (const auto& [s0, s1] : spans) {
      if (s0 > x) emit(x, s0);
      x = std::max(x, s1);
    }
    if (x < area.x + area.w) emit(x, area.x + area.w);
    open.swap(next);
  }
  return out;
}

void Solids::begin_frame() {
  rects_.clear();
  batches_.clear();
}

void Solids::add(void* self, ImDrawList* list, const Rect& r, std::uint32_t abgr) {
  auto* solids = static_cast<Solids*>(self);
  const int x0 = static_cast<int>(std::lround(r.x)), y0 = static_cast<int>(std::lround(r.y));
  const int x1 = static_cast<int>(std::lround(r.right())),
            y1 = static_cast<int>(std::lround(r.bottom()));
  if (x1 <= x0 || y1 <= y0) return;
  auto& rects = solids->rects_;
  rects.push_back({x0, y0, x1 - x0, y1 - y0});
  // Nothing drawn since the last solid callback (imgui opened a new, empty
  // command after it), and the same colour and clip: the rectangle joins it.
  const ImVector<ImDrawCmd>& cmds = list->CmdBuffer;
  const SDL_Rect clip = clip_of(list->_CmdHeader.ClipRect);
  if (cmds.Size >= 2 && cmds.back().ElemCount == 0) {
    const ImDrawCmd& last = cmds[cmds.Size - 2];
    if (last.UserCallback == &Solids::draw) {
      auto* batch = static_cast<Batch*>(last.UserCallbackData);
      if (batch->abgr == abgr && SDL_RectEquals(&batch->clip, &clip) &&
          batch->first + batch->count + 1 == rects.size()) {
        ++batch->count;
        return;
      }
    }
  }
  solids->batches_.push_back({solids, rects.size() - 1, 1, abgr, clip});
  list->AddCallback(&Solids::draw, &solids->batches_.back());
}

void Solids::fill(const SDL_Rect* rects, std::size_t count, const SDL_Rect& clip, std::uint8_t r,
                  std::uint8_t g, std::uint8_t b) const {
  if (count == 0) return;
  if (!direct_) {
    SDL_RenderSetClipRect(renderer_, &clip);
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer_, r, g, b, 255);
    SDL_RenderFillRects(renderer_, rects, static_cast<int>(count));
    // Geometry without a texture blends by this mode: edges need it.
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
    return;
  }
  // What SDL queued before these rectangles goes first.
  SDL_RenderFlush(renderer_);
  SDL_Surface* s = direct_;
  const SDL_Rect bounds = intersection(clip, SDL_Rect{0, 0, s->w, s->h});
  const std::uint32_t pixel = SDL_MapRGBA(s->format, r, g, b, 255);
  if (SDL_MUSTLOCK(s) && SDL_LockSurface(s) != 0) return;
  for (std::size_t i = 0; i < count; ++i) {
    const SDL_Rect at = intersection(rects[i], bounds);
    for (int y = at.y; y < at.y + at.h; ++y) {
      auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) +
                                                   static_cast<std::ptrdiff_t>(y) * s->pitch);
      std::fill_n(row + at.x, at.w, pixel);
    }
  }
  if (SDL_MUSTLOCK(s)) SDL_UnlockSurface(s);
}

void Solids::clear(std::uint32_t rgb, int w, int h, SDL_Surface* direct) {
  direct_ = direct && direct->format->BytesPerPixel == 4 ? direct : nullptr;
  const SDL_Rect target{0, 0, w, h};
  const auto r = static_cast<std::uint8_t>(rgb >> 16), g = static_cast<std::uint8_t>(rgb >> 8),
             b = static_cast<std::uint8_t>(rgb);
  shown_.clear();
  if (!hide_covered_) {
    SDL_SetRenderDrawColor(renderer_, r, g, b, 255);
    SDL_RenderClear(renderer_);
    for (Batch& batch : batches_) {
      batch.shown_first = shown_.size();
      for (std::size_t i = 0; i < batch.count; ++i) shown_.push_back(rects_[batch.first + i]);
      batch.shown_count = batch.count;
    }
    return;
  }
  // The big rectangles in the order they are drawn, each with its batch.
  std::vector<SDL_Rect> covers;
  std::vector<std::size_t> cover_batch;
  for (std::size_t n = 0; n < batches_.size(); ++n) {
    const Batch& batch = batches_[n];
    for (std::size_t i = 0; i < batch.count; ++i) {
      const SDL_Rect c = intersection(rects_[batch.first + i], batch.clip);
      if (c.w * c.h < kMinCover) continue;
      covers.push_back(c);
      cover_batch.push_back(n);
    }
  }
  const auto background = uncovered(target, covers);
  fill(background.data(), background.size(), target, r, g, b);
  // What of each rectangle no later big one covers.
  std::vector<SDL_Rect> over;
  for (std::size_t n = 0; n < batches_.size(); ++n) {
    Batch& batch = batches_[n];
    batch.shown_first = shown_.size();
    const auto later = static_cast<std::size_t>(
        std::upper_bound(cover_batch.begin(), cover_batch.end(), n) - cover_batch.begin());
    const std::span<const SDL_Rect> after(covers.data() + later, covers.size() - later);
    for (std::size_t i = 0; i < batch.count; ++i) {
      const SDL_Rect c = intersection(rects_[batch.first + i], batch.clip);
      if (c.w <= 0 || c.h <= 0) continue;
      over.clear();
      for (const SDL_Rect& a : after)
        if (SDL_HasIntersection(&c, &a)) over.push_back(a);
      if (over.empty()) {
        shown_.push_back(c);
        continue;
      }
      for (const SDL_Rect& piece : uncovered(c, over)) shown_.push_back(piece);
    }
    batch.shown_count = shown_.size() - batch.shown_first;
  }
}

void Solids::draw(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* b = static_cast<const Batch*>(cmd->UserCallbackData);
  b->owner->fill(b->owner->shown_.data() + b->shown_first, b->shown_count, clip_of(cmd->ClipRect),
                 b->abgr & 0xFF, (b->abgr >> 8) & 0xFF, (b->abgr >> 16) & 0xFF);
}

}  // namespace kotak::kiosk
