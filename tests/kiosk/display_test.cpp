// Which renderer the kiosk picks before it opens a window: the GPU when a
// render node can be opened, software (no GL driver at all) when none
// exists, and whatever the operator set in SDL_RENDER_DRIVER. A real GPU
// cannot exist here, so the render nodes are files in a directory that
// stands for /dev/dri; the window itself is tested in display_e2e_test.cpp.
#include <doctest/doctest.h>

#include "kiosk/platform/display.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using kiosk::plan_renderer;

TEST_CASE("renderer: no render node means software - a KMS-only card (simpledrm) is not a GPU") {
  test::TempDir dri;
  auto plan = plan_renderer(nullptr, dri.path());
  CHECK(plan.software);
  CHECK(plan.reason.find("no GPU render node in " + dri.path().string()) != std::string::npos);

  test::write_file(dri / "card0", "");
  plan = plan_renderer(nullptr, dri.path());
  CHECK(plan.software);

  plan = plan_renderer(nullptr, dri / "missing");
  CHECK(plan.software);
}

TEST_CASE("renderer: a render node that opens means the GPU, named in the reason") {
  test::TempDir dri;
  test::write_file(dri / "card1", "");
  test::write_file(dri / "renderD128", "");
  const auto plan = plan_renderer(nullptr, dri.path());
  CHECK_FALSE(plan.software);
  CHECK(plan.reason == "GPU render node " + (dri / "renderD128").string());
}

TEST_CASE("renderer: SDL_RENDER_DRIVER from the environment wins over what /dev/dri holds") {
  test::TempDir dri;
  test::write_file(dri / "renderD128", "");
  auto plan = plan_renderer("software", dri.path());
  CHECK(plan.software);
  CHECK(plan.reason == "SDL_RENDER_DRIVER=software from the environment");

  test::TempDir empty;
  plan = plan_renderer("opengles2", empty.path());
  CHECK_FALSE(plan.software);
  CHECK(plan.reason == "SDL_RENDER_DRIVER=opengles2 from the environment");

  // Set but empty is not a choice.
  CHECK(plan_renderer("", empty.path()).software);
  CHECK_FALSE(plan_renderer("", dri.path()).software);
}
