// The real frame loop (not the headless driver), on SDL's dummy video
// driver: it tells systemd it is ready once the first frame is drawn,
// pings the watchdog, and stops cleanly on SIGTERM.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/kiosk/e2e_support.hpp"
#include "tests/support/process.hpp"

using namespace kotak;

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
