// Issue 12, item 3, through real HTTP: behind a trusted reverse proxy the
// log-in limit counts the client's address from X-Forwarded-For, so one
// client's guesses do not lock out the others who all come through the same
// proxy; the counts survive a restart; and a client that is not a trusted
// proxy cannot choose its address with that header.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/harness.hpp"
#include "tests/e2e/raw_http.hpp"

using namespace kotak;
using namespace kotak::test;

namespace {

int log_in(int port, const std::string& password, const std::string& forwarded_for,
           const std::string& source = "127.0.0.1") {
  auto body = nlohmann::json{{"username", "sari"}, {"password", password}}.dump();
  std::string headers = "Content-Type: application/json\r\n";
  if (!forwarded_for.empty()) headers += "X-Forwarded-For: " + forwarded_for + "\r\n";
  return raw(port, request("POST", "/api/staff/login", headers, body), 5000, source).status;
}

void add_user(ServerFixture& server, const TempDir& dir) {
  write_file(dir / "password", "kotak-uji-2026\n");
  REQUIRE(server.admin({"user", "add", "--username", "sari", "--name", "Sari", "--facility",
                        "pkm-test", "--role", "petugas", "--password-file",
                        (dir / "password").string()})
              .code == 0);
}

}  // namespace

TEST_CASE("behind a trusted proxy each client is limited alone, and the count survives a restart") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.set_server_option("trusted_proxies", R"(["127.0.0.1"])");
  add_user(server, dir);
  server.start();
  for (int i = 0; i < 5; ++i) CHECK(log_in(server.port(), "salah", "203.0.113.5") == 401);
  CHECK(log_in(server.port(), "kotak-uji-2026", "203.0.113.5") == 429);
  // Another client through the same proxy is not held up.
  CHECK(log_in(server.port(), "kotak-uji-2026", "203.0.113.6") == 200);
  server.stop();
  server.start();
  CHECK(log_in(server.port(), "kotak-uji-2026", "203.0.113.5") == 429);
  server.stop();
}

TEST_CASE("X-Forwarded-For from a peer that is not a trusted proxy is ignored") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.set_server_option("trusted_proxies", R"(["127.0.0.1"])");
  add_user(server, dir);
  server.start();
  // A new made-up address on every try changes nothing: the peer counts.
  for (int i = 0; i < 5; ++i)
    CHECK(log_in(server.port(), "salah", "198.51.100." + std::to_string(i), "127.0.3.1") == 401);
  CHECK(log_in(server.port(), "kotak-uji-2026", "198.51.100.99", "127.0.3.1") == 429);
  CHECK(log_in(server.port(), "kotak-uji-2026", "", "127.0.3.2") == 200);
  server.stop();
}
