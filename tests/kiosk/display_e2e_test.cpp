// The real frame loop (not the headless driver). On SDL's dummy video
// driver: it tells systemd it is ready once the first frame is drawn,
// pings the watchdog, and stops cleanly on SIGTERM. In a real X window
// (Xvfb) on a machine without a GPU: it draws in software and loads no GL
// driver at all.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "tests/kiosk/e2e_support.hpp"
#include "tests/support/process.hpp"

using namespace kotak;

namespace {

struct WindowRun {
  std::string log;   // the kiosk's standard error
  std::string maps;  // /proc/PID/maps once the first frame was drawn
  int code = -1;
};

// Runs the real kiosk in an 800x480 window on X display `display` until its
// first frame, looks at what it has mapped, and stops it.
WindowRun run_in_window(const test::KioskFixture& k, const std::string& display,
                        const std::string& render_driver) {
  const auto err = k.dir() / ("window-" + (render_driver.empty() ? "chosen" : render_driver) + ".err");
  std::vector<std::string> argv = {"/usr/bin/env", "-u", "SDL_RENDER_DRIVER",
                                   "-u", "SDL_FRAMEBUFFER_ACCELERATION",
                                   "DISPLAY=" + display, "SDL_VIDEODRIVER=x11"};
  if (!render_driver.empty()) argv.push_back("SDL_RENDER_DRIVER=" + render_driver);
  for (const std::string& a : {std::string(KOTAK_KIOSK_BIN), std::string("--config"),
                               k.config().string(), std::string("--windowed"),
                               std::string("--size"), std::string("800x480")})
    argv.push_back(a);
  test::Process kiosk(argv, {}, err.string());
  WindowRun run;
  // Loading a GL driver under qemu-user (the arm64 tests) takes a while.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline &&
         (!std::filesystem::exists(err) ||
          test::read_file(err).find("first frame on screen") == std::string::npos))
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::ifstream maps("/proc/" + std::to_string(kiosk.pid()) + "/maps");
  run.maps.assign(std::istreambuf_iterator<char>(maps), std::istreambuf_iterator<char>());
  kiosk.signal(SIGTERM);
  run.code = kiosk.wait();
  run.log = test::read_file(err);
  return run;
}

// True on a machine with a GPU the kiosk would use (see plan_renderer).
bool gpu_render_node() {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", error)) {
    if (entry.path().filename().string().rfind("renderD", 0) != 0) continue;
    const int fd = open(entry.path().c_str(), O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
      close(fd);
      return true;
    }
  }
  return false;
}

// A GL driver in memory: libglvnd's front ends, Mesa's DRI drivers, libLLVM.
const std::regex kGlLibrary(R"(/lib(GL|GLX|EGL|GLESv2|gallium|LLVM)[-_.a-zA-Z0-9]*\.so|_dri\.so)");

}  // namespace

TEST_CASE("under systemd: READY after the first frame - watchdog pings - a clean stop on SIGTERM") {
  test::KioskFixture k;
  const auto socket_path = k.dir() / "notify";
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  timeval timeout{0, 200000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

  test::Process kiosk(
      {"/usr/bin/env", "SDL_VIDEODRIVER=dummy", "SDL_RENDER_DRIVER=software",
       "NOTIFY_SOCKET=" + socket_path.string(), "WATCHDOG_USEC=400000", KOTAK_KIOSK_BIN, "--config",
       k.config().string(), "--windowed", "--size", "800x480"},
      {}, (k.dir() / "err").string());
  std::string messages;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline &&
         (messages.find("READY=1") == std::string::npos ||
          messages.find("WATCHDOG=1") == std::string::npos)) {
    char buffer[512];
    ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) messages += std::string(buffer, static_cast<std::size_t>(n)) + "\n";
  }
  kiosk.signal(SIGTERM);
  const int code = kiosk.wait();
  char buffer[512];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;)
    messages += std::string(buffer, static_cast<std::size_t>(n)) + "\n";
  close(fd);
  CAPTURE(messages);
  CAPTURE(test::read_file(k.dir() / "err"));
  CHECK(messages.find("READY=1") != std::string::npos);
  CHECK(messages.find("WATCHDOG=1") != std::string::npos);
  CHECK(messages.find("STOPPING=1") != std::string::npos);
  CHECK(code == 0);
  CHECK(test::read_file(k.dir() / "err").find("first frame on screen") != std::string::npos);
}

TEST_CASE("a real X window without a GPU: drawn in software - no GL driver loaded - the log says why") {
  if (gpu_render_node()) {
    MESSAGE("this machine has a GPU render node; this test is for machines without one");
    return;
  }
  // Xvfb picks a free display number and prints it (-displayfd 1).
  test::Process xvfb({"/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1024x600x24",
                      "-nolisten", "tcp"},
                     {}, "/dev/null");
  const auto number = xvfb.read_line(std::chrono::seconds(30));
  REQUIRE(number);
  const std::string display = ":" + *number;
  test::KioskFixture k;

  const WindowRun chosen = run_in_window(k, display, "");
  CAPTURE(chosen.log);
  CHECK(chosen.code == 0);
  REQUIRE(chosen.log.find("first frame on screen") != std::string::npos);
  CHECK(chosen.log.find("video driver x11, renderer software (no GPU render node in /dev/dri") !=
        std::string::npos);
  REQUIRE(chosen.maps.find("libSDL2") != std::string::npos);  // the maps were read
  std::smatch gl;
  CHECK_MESSAGE(!std::regex_search(chosen.maps, gl, kGlLibrary), "loaded: " << gl.str());

  // What the check above guards against: OpenGL on the same display loads
  // Mesa (llvmpipe without a GPU), and the check sees it.
  const WindowRun opengl = run_in_window(k, display, "opengl");
  CAPTURE(opengl.log);
  CHECK(opengl.code == 0);
  CHECK(opengl.log.find("renderer opengl (SDL_RENDER_DRIVER=opengl from the environment)") !=
        std::string::npos);
  CHECK(std::regex_search(opengl.maps, kGlLibrary));
  xvfb.signal(SIGTERM);
  xvfb.wait();
}
