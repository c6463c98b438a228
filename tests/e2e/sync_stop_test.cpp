// Issue 12, item 6: kotak-sync stopped by SIGTERM in the middle of a run
// (the kiosk shutting down, the timer stopped) records "stopped", not
// "unreachable": the network was fine, and "check the internet connection"
// would send the technician the wrong way.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("kotak-sync stopped by SIGTERM while sending records stopped, not unreachable") {
  TempDir dir;
  ServerFixture server(dir / "server");  // only for a real token file
  // Something that accepts the connection and never answers: the run is
  // waiting for the server's answer when it is stopped.
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 8) == 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  KioskFixture kiosk(dir / "kiosk", url, server.token_file);
  kiosk.fill(5);
  int code = 0;
  {
    Process sync({Binaries::sync(), "once", "--config", kiosk.config.string()}, {},
                 (dir / "sync.err").string());
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sync.signal(SIGTERM);
    code = sync.wait();
  }
  ::close(listener);
  CHECK(code == 1);
  auto status = kiosk.status();
  CHECK(status.result == "stopped");
  CHECK(kiosk.counts().pending == 5);
}
