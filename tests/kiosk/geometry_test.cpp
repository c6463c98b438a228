// Layout metrics, rectangles, rotation and the touch layer.
#include <doctest/doctest.h>

#include "kiosk/platform/rotation.hpp"
#include "kiosk/platform/touch.hpp"
#include "kiosk/ui/metrics.hpp"
#include "kiosk/ui/rect.hpp"

using namespace kotak::kiosk;

TEST_CASE("sizes follow the screen: about 6% headlines - 3.5% body - 64 px targets at 1080p") {
  auto big = Metrics::for_screen(1920, 1080);
  CHECK(big.title_px == doctest::Approx(1080 * 0.064).epsilon(0.02));
  CHECK(big.body_px == doctest::Approx(1080 * 0.038).epsilon(0.03));
  CHECK(big.target >= 64);
  CHECK(big.button_h >= 64);
  CHECK(big.bar_h >= 64);
  // Portrait: letters sized for the width, not the tall height.
  auto tall = Metrics::for_screen(1080, 1920);
  CHECK(tall.portrait);
  CHECK(tall.title_px < big.title_px);
  CHECK(tall.button_h >= 64.0f * 0.75f);
}

TEST_CASE("the millimetres decide on a 7-inch panel: 9 mm targets - 3.5 mm letters - either way round") {
  for (auto [w, h] : {std::pair{800.0f, 480.0f}, std::pair{480.0f, 800.0f}}) {
    CAPTURE(w);
    auto pi = Metrics::for_screen(w, h);
    CHECK(pi.px_per_mm == doctest::Approx(5.2));
    CHECK(pi.min_target == 47);  // 9 mm at 5.2 px/mm
    CHECK(pi.min_key == 42);     // 8 mm
    CHECK(pi.min_text == 18);    // 3.5 mm
    CHECK(pi.target >= 48);      // a little over, as the issue measured
    CHECK(pi.small_px >= pi.min_text);
    CHECK(pi.body_px > pi.small_px);
    CHECK(pi.title_px >= pi.body_px * 1.5f);  // the question much larger than the text
    CHECK(pi.button_h >= pi.target);
  }
  // The config's px_per_mm wins over the default: a denser panel gets more pixels.
  auto dense = Metrics::for_screen(800, 480, 8.0f);
  CHECK(dense.min_target == 72);
  CHECK(dense.small_px >= 28);
  // A+ scales everything for one patient.
  auto large = Metrics::for_screen(800, 480, 0, kLargeTextScale);
  CHECK(large.body_px > Metrics::for_screen(800, 480).body_px * 1.2f);
  CHECK(default_px_per_mm(1280, 800) == doctest::Approx(5.9));
  CHECK(default_px_per_mm(1024, 768) == doctest::Approx(4.0));
}

TEST_CASE("rects cut - shrink and split") {
  Rect r{0, 0, 100, 50};
  Rect top = r.cut_top(10);
  CHECK(top.h == 10);
  CHECK(r.y == 10);
  CHECK(r.h == 40);
  Rect left = r.cut_left(200);  // more than there is: all of it
  CHECK(left.w == 100);
  CHECK(r.w == 0);
  auto cols = columns({0, 0, 100, 10}, 4, 4);
  CHECK(cols.size() == 4);
  CHECK(cols[3].right() == doctest::Approx(100));
  CHECK(cols[1].x == doctest::Approx(cols[0].right() + 4));
  CHECK(Rect{0, 0, 10, 10}.centered(4, 4).x == 3);
  CHECK(Rect{0, 0, 10, 10}.intersect({5, 5, 10, 10}).w == 5);
}

TEST_CASE("rotation maps logical points to the panel and back") {
  for (int degrees : {0, 90, 180, 270}) {
    Rotation rot(degrees, 800, 480);
    CAPTURE(degrees);
    CHECK(rot.logical_w() == (degrees % 180 ? 480 : 800));
    for (Vec2 p : {Vec2{0, 0}, Vec2{10, 20}, Vec2{300, 400}}) {
      Vec2 back = rot.to_logical(rot.to_physical(p));
      CHECK(back.x == doctest::Approx(p.x));
      CHECK(back.y == doctest::Approx(p.y));
    }
  }
  // Turned 90° clockwise: the picture's top-left lands at the panel's top-right.
  Rotation r90(90, 800, 480);
  Vec2 corner = r90.to_physical({0, 0});
  CHECK(corner.x == 800);
  CHECK(corner.y == 0);
  Rect box = r90.to_physical_rect({0, 0, 100, 50});
  CHECK(box.x == 750);
  CHECK(box.w == 50);
  CHECK(box.h == 100);
}

TEST_CASE("touch: a tap shorter than a frame is kept - and the pointer leaves after it") {
  TouchInput touch;
  touch.push({PointerEvent::Type::down, {10, 20}});
  touch.push({PointerEvent::Type::up, {10, 20}});
  auto f1 = touch.next_frame();
  CHECK(f1.present);
  CHECK(f1.down);
  auto f2 = touch.next_frame();
  CHECK(f2.present);
  CHECK_FALSE(f2.down);
  CHECK(touch.pending());
  auto f3 = touch.next_frame();
  CHECK_FALSE(f3.present);  // no hover sticks after the finger has gone
  CHECK_FALSE(touch.pending());
}

TEST_CASE("touch: moves follow the finger - a mouse moving without a press is ignored") {
  TouchInput touch;
  touch.push({PointerEvent::Type::move, {1, 1}});
  CHECK_FALSE(touch.next_frame().present);
  touch.push({PointerEvent::Type::down, {5, 5}});
  touch.push({PointerEvent::Type::move, {6, 6}});
  touch.push({PointerEvent::Type::move, {40, 40}});
  auto f1 = touch.next_frame();
  CHECK(f1.pos.x == 5);  // the press gets its own frame
  auto f2 = touch.next_frame();
  CHECK(f2.down);
  CHECK(f2.pos.x == 40);
  touch.push({PointerEvent::Type::down, {90, 90}});  // a second finger: ignored
  auto f3 = touch.next_frame();
  CHECK(f3.pos.x == 40);
}
