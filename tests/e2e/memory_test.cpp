// Issue 12, item 2: a valid token cannot make the server take gigabytes.
// Four 8 MB batches of 2.8 million empty lists at once once raised the
// server's peak memory from 17 MB to 854 MB, because the whole JSON tree was
// built before the items were counted. Now the items are counted first and
// the body refused at the first item past the limit; the server's peak
// resident memory (VmHWM) must stay far below that. The bound here is
// generous on purpose (the figures themselves are measured by
// bench/server_memory_bench.sh). Label `load`.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "tests/e2e/harness.hpp"
#include "tests/e2e/raw_http.hpp"

using namespace kotak;
using namespace kotak::test;

namespace {

// VmHWM of a process, in kB.
long peak_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string token_header(const std::filesystem::path& token_file) {
  std::ifstream in(token_file);
  std::string token;
  in >> token;
  return "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n";
}

}  // namespace

TEST_CASE("four 8 MB batches of empty lists at once keep the server's peak memory bounded") {
  TempDir dir;
  ServerFixture server(dir / "server", "");
  server.start();
  long before = peak_kb(server.pid());
  REQUIRE(before > 0);

  std::string body = R"({"protocol":1,"submissions":[)";
  const std::size_t limit = 8 * 1024 * 1024;
  while (body.size() + 3 + 2 <= limit) body += "[],";
  body.back() = ']';
  body += "}";
  REQUIRE(body.size() <= limit);
  auto headers = token_header(server.token_file);

  std::vector<Reply> replies(4);
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i < replies.size(); ++i)
    senders.emplace_back([&, i] {
      replies[i] = raw(server.port(), request("POST", "/api/v1/submissions", headers, body), 20000);
    });
  for (auto& sender : senders) sender.join();
  long after = peak_kb(server.pid());
  MESSAGE("server peak resident memory: " << before / 1024 << " MB at start, " << after / 1024
                                          << " MB after four 8 MB batches of empty lists");
  for (const auto& reply : replies) {
    INFO(reply.head << reply.body.substr(0, 300));
    CHECK(reply.status == 400);
    CHECK(reply.error().find("more than 500 submissions") != std::string::npos);
    CHECK(reply.body.size() < 300);
  }
  // 854 MB before the fix; the four bodies themselves are 32 MB.
  CHECK(after < 160 * 1024);
  CHECK(server.running());
  server.stop();
}

TEST_CASE("a refusal quotes only a short prefix of what the client sent") {
  TempDir dir;
  ServerFixture server(dir / "server", "");
  server.start();
  auto headers = token_header(server.token_file);
  std::string huge(2 * 1024 * 1024, 'x');

  auto top = raw(server.port(), request("POST", "/api/v1/submissions", headers,
                                         R"({"protocol":1,"submissions":[],")" + huge + R"(":1})"));
  CHECK(top.status == 400);
  CHECK(top.error().find("unknown member 'xxxx") != std::string::npos);
  CHECK(top.body.size() < 300);

  std::string item = R"({"id":"a","created_at":"2026-01-01T00:00:00.000+07:00","kind":"rating",)"
                     R"("rating":3,"identity_mode":"anonim","language":"id",")" + huge + R"(":1})";
  auto in_item = raw(server.port(), request("POST", "/api/v1/submissions", headers,
                                             R"({"protocol":1,"submissions":[)" + item + "]}"));
  CHECK(in_item.status == 200);
  CHECK(in_item.body.find("unknown member") != std::string::npos);
  CHECK(in_item.body.size() < 400);

  auto broken = raw(server.port(), request("POST", "/api/v1/submissions", headers,
                                            R"({"protocol":1,"submissions":[")" + huge + "\\q\"]}"));
  CHECK(broken.status == 400);
  CHECK(broken.body.size() < 500);
  server.stop();
}
