// kotak-sync over TLS: verification is always on; a private CA is trusted
// only through server.ca_file; a public-key pin must match. The server sits
// behind a TLS front on loopback (tests/tools/tls_proxy.cpp), as behind a
// reverse proxy in production.
#include <doctest/doctest.h>
#include <signal.h>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;

namespace {

std::string shell(const std::string& command) {
  auto result = run({"/bin/sh", "-c", command});
  REQUIRE(result.code == 0);
  while (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
  return result.out;
}

}  // namespace

TEST_CASE("TLS: verified by default, a CA file when given, and a public-key pin") {
  TempDir dir;
  auto cert = (dir / "cert.pem").string();
  auto key = (dir / "key.pem").string();
  shell(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " 2>/dev/null");
  auto pin = "sha256//" + shell("openssl x509 -in " + cert +
                                " -pubkey -noout | openssl pkey -pubin -outform der | "
                                "openssl dgst -sha256 -binary | base64");
  ServerFixture server(dir / "server");
  server.start();
  Process tls({KOTAK_TLS_PROXY_BIN, cert, key, std::to_string(server.port())});
  auto listening = tls.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  auto url = "https://localhost:" + listening->substr(listening->find(' ') + 1);

  KioskFixture unknown_ca(dir / "unknown-ca", url, server.token_file);
  unknown_ca.fill(5);
  CHECK(unknown_ca.sync_once().code == 1);
  CHECK(unknown_ca.status().result == "tls_error");
  CHECK(unknown_ca.counts().pending == 5);

  KioskFixture trusted(dir / "trusted", url, server.token_file, "");
  trusted.fill(5);
  auto config = read_file(trusted.config);
  write_file(trusted.config,
             config.replace(config.find("[storage]"), 9, "ca_file = \"" + cert + "\"\n[storage]"));
  auto run_trusted = trusted.sync_once();
  INFO(run_trusted.err);
  CHECK(run_trusted.code == 0);
  CHECK(trusted.counts().delivered == 5);

  KioskFixture pinned(dir / "pinned", url, server.token_file);
  pinned.fill(5);
  auto base = read_file(pinned.config);
  auto with = [&](const std::string& pin_value) {
    auto text = base;
    write_file(pinned.config, text.replace(text.find("[storage]"), 9,
                                           "ca_file = \"" + cert + "\"\npinned_public_key = \"" +
                                               pin_value + "\"\n[storage]"));
  };
  with("sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  CHECK(pinned.sync_once().code == 1);
  CHECK(pinned.status().result == "tls_error");
  CHECK(pinned.counts().pending == 5);
  with(pin);
  CHECK(pinned.sync_once().code == 0);
  CHECK(pinned.counts().delivered == 5);

  tls.signal(SIGTERM);
  tls.wait();
  server.stop();
}
