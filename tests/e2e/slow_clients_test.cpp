// Issue 12, item 1: slow and idle clients cannot stop the server. Hundreds
// of connections that dribble a request a byte a second are open for 30 s
// while health probes must answer within a second and a kiosk delivers
// 1,000 answers; each dribbler is dropped at the request-head deadline,
// however steadily it sends. Then the caps: connections per address and in
// all, and a body that dribbles past the whole-request deadline.
//
// The dribblers connect from other loopback addresses (127.0.1.x) than the
// probes and kotak-sync (127.0.0.1), ten per address, under the per-address
// cap, so what is tested is the server's capacity, not the cap. Label
// `load` (about 45 s).
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "tests/e2e/harness.hpp"
#include "tests/e2e/raw_http.hpp"

using namespace kotak;
using namespace kotak::test;
using Clock = std::chrono::steady_clock;

namespace {

// Connections that send a request head one byte a second and never finish
// it. One dropped by the server is opened again, so that `count` stay open.
class Dribblers {
 public:
  Dribblers(int port, int count) : port_(port), sockets_(static_cast<std::size_t>(count), -1),
                                    opened_(static_cast<std::size_t>(count)) {}
  ~Dribblers() {
    stop();
    for (int fd : sockets_)
      if (fd >= 0) ::close(fd);
  }

  void start(std::chrono::seconds length) {
    thread_ = std::thread([this, length] { loop(Clock::now() + length); });
  }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

  int most_open() const { return most_open_; }
  int dropped() const { return dropped_; }
  int failed_connects() const { return failed_connects_; }
  // The longest a dropped dribbler lived.
  double longest_life_s() const { return longest_life_s_; }

 private:
  static constexpr const char* kHead =
      "GET /api/v1/health HTTP/1.1\r\nHost: kotak\r\nX-Dribble: "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  void open(std::size_t i) {
    std::string source = "127.0.1." + std::to_string(1 + i / 10);
    sockets_[i] = connect_from(source, port_);
    if (sockets_[i] < 0) ++failed_connects_;
    opened_[i] = Clock::now();
  }

  void loop(Clock::time_point end) {
    for (std::size_t i = 0; i < sockets_.size(); ++i) open(i);
    std::size_t step = 0;
    while (!stopping_ && Clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      ++step;
      int open_now = 0;
      for (std::size_t i = 0; i < sockets_.size(); ++i) {
        int fd = sockets_[i];
        bool alive = fd >= 0;
        if (alive) {
          pollfd p{fd, POLLIN, 0};
          // Anything to read means the server answered or closed: dropped.
          if (::poll(&p, 1, 0) > 0) alive = false;
        }
        if (alive) {
          char byte = kHead[step % std::char_traits<char>::length(kHead)];
          alive = ::send(fd, &byte, 1, MSG_NOSIGNAL) == 1;
        }
        if (!alive) {
          if (fd >= 0) {
            ++dropped_;
            double life = std::chrono::duration<double>(Clock::now() - opened_[i]).count();
            longest_life_s_ = std::max(longest_life_s_.load(), life);
            ::close(fd);
          }
          open(i);
        }
        if (sockets_[i] >= 0) ++open_now;
      }
      most_open_ = std::max(most_open_.load(), open_now);
    }
  }

  int port_;
  std::vector<int> sockets_;
  std::vector<Clock::time_point> opened_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> most_open_{0};
  std::atomic<int> dropped_{0};
  std::atomic<int> failed_connects_{0};
  std::atomic<double> longest_life_s_{0};
};

}  // namespace

TEST_CASE("200 dribbling connections for 30 s: health answers within a second and 1,000 answers are delivered") {
  TempDir dir;
  ServerFixture server(dir / "server", "");  // 4 worker threads, the fixture's default
  // A head deadline of 5 s, so that every dribbler is seen dropped within the 30 s.
  server.set_server_option("head_timeout_s", "5");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(1000);

  Dribblers dribblers(server.port(), 200);
  dribblers.start(std::chrono::seconds(30));
  std::this_thread::sleep_for(std::chrono::seconds(2));  // let them all connect

  std::thread courier_thread;
  Outcome delivery;
  courier_thread = std::thread([&] { delivery = kiosk.sync_once(); });
  double slowest_probe_s = 0;
  int probes = 0, healthy = 0;
  auto end = Clock::now() + std::chrono::seconds(26);
  while (Clock::now() < end) {
    auto asked = Clock::now();
    auto reply = raw(server.port(), request("GET", "/api/v1/health"), 3000);
    double took = std::chrono::duration<double>(Clock::now() - asked).count();
    slowest_probe_s = std::max(slowest_probe_s, took);
    ++probes;
    if (reply.status == 200 && reply.kotak()) ++healthy;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  courier_thread.join();
  dribblers.stop();

  INFO("probes " << probes << ", healthy " << healthy << ", slowest " << slowest_probe_s
                 << " s; dribblers open at most " << dribblers.most_open() << ", dropped "
                 << dribblers.dropped() << ", longest life " << dribblers.longest_life_s()
                 << " s; sync: " << delivery.out << delivery.err);
  CHECK(dribblers.failed_connects() == 0);
  CHECK(dribblers.most_open() == 200);
  CHECK(probes >= 20);
  CHECK(healthy == probes);
  CHECK(slowest_probe_s < 1.0);
  CHECK(delivery.code == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 1000);
  // Dropped at the deadline although they never stopped sending: every
  // dribbler at least once, none much later than 5 s.
  CHECK(dribblers.dropped() >= 200);
  CHECK(dribblers.longest_life_s() < 5.0 + 2.5);
  CHECK(server.running());
  server.stop();
}

TEST_CASE("connections past the per-address cap and the total cap are refused at once, others still served") {
  TempDir dir;
  ServerFixture server(dir / "server", "");
  server.set_server_option("max_connections_per_address", "5");
  server.set_server_option("max_connections", "12");
  server.start();
  std::vector<int> held;
  for (int i = 0; i < 5; ++i) {
    held.push_back(connect_from("127.0.2.1", server.port()));
    REQUIRE(held.back() >= 0);
  }
  // The sixth from the same address: 503 with a reason, at once.
  auto capped = raw(server.port(), request("GET", "/api/v1/health"), 2000, "127.0.2.1");
  CHECK(capped.status == 503);
  CHECK(capped.kotak());
  CHECK(capped.error().find("too many connections") != std::string::npos);
  CHECK(raw(server.port(), request("GET", "/api/v1/health"), 2000, "127.0.2.2").status == 200);
  // Up to the total cap of 12 from other addresses; then everyone waits.
  for (int i = 0; i < 7; ++i) {
    held.push_back(connect_from("127.0.2." + std::to_string(10 + i), server.port()));
    REQUIRE(held.back() >= 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(raw(server.port(), request("GET", "/api/v1/health"), 2000, "127.0.2.3").status == 503);
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto after = raw(server.port(), request("GET", "/api/v1/health"), 2000, "127.0.2.1");
  CHECK(after.status == 200);
  server.stop();
}

TEST_CASE("a body that dribbles is cut at the whole-request deadline, not kept alive by each byte") {
  TempDir dir;
  ServerFixture server(dir / "server", "");
  server.set_server_option("head_timeout_s", "2");
  server.set_server_option("request_timeout_s", "4");
  server.start();
  int fd = connect_from("127.0.0.1", server.port());
  REQUIRE(fd >= 0);
  std::string head = "POST /api/v1/submissions HTTP/1.1\r\nHost: k\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100000\r\n\r\n";
  REQUIRE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size()));
  auto started = Clock::now();
  std::string answer;
  // One body byte every 200 ms, far more often than any idle timeout.
  while (Clock::now() - started < std::chrono::seconds(15)) {
    if (::send(fd, "[", 1, MSG_NOSIGNAL) != 1) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) > 0) {
      char chunk[4096];
      auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      answer.append(chunk, static_cast<std::size_t>(n));
      if (answer.find("\r\n\r\n") != std::string::npos) break;
    }
  }
  double lived = std::chrono::duration<double>(Clock::now() - started).count();
  ::close(fd);
  INFO("answer after " << lived << " s: " << answer);
  CHECK(answer.rfind("HTTP/1.1 408", 0) == 0);
  CHECK(answer.find("X-Kotak-Protocol: 1") != std::string::npos);
  CHECK(lived > 3.0);
  CHECK(lived < 6.5);
  server.stop();
}

TEST_CASE("bodies being read at once are held to limits.body_memory_bytes, health still answers") {
  TempDir dir;
  ServerFixture server(dir / "server",
                       "[limits]\nmax_body_bytes = 1048576\nbody_memory_bytes = 1048576\n");
  server.start();
  // One body of 1 MB announced and half sent, then held: it has the budget.
  int holder = connect_from("127.0.4.1", server.port());
  REQUIRE(holder >= 0);
  std::string head = "POST /api/v1/submissions HTTP/1.1\r\nHost: k\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000000\r\n\r\n" + std::string(500000, ' ');
  REQUIRE(::send(holder, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Another body that would take the total past 1 MiB must wait: told so at
  // once, with Retry-After.
  auto busy = raw(server.port(),
                  request("POST", "/api/v1/submissions", "Content-Type: application/json\r\n",
                          std::string(100000, ' ')),
                  3000, "127.0.4.2");
  CHECK(busy.status == 503);
  CHECK(busy.kotak());
  CHECK(busy.head.find("Retry-After: 5") != std::string::npos);
  // A request without a body needs no budget.
  CHECK(raw(server.port(), request("GET", "/api/v1/health"), 3000, "127.0.4.3").status == 200);
  ::close(holder);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto after = raw(server.port(),
                   request("POST", "/api/v1/submissions", "Content-Type: application/json\r\n",
                           std::string(1000, ' ')),
                   3000, "127.0.4.2");
  CHECK(after.status == 401);  // read and answered: no token
  server.stop();
}
