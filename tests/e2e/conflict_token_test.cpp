// Issue 4, tests 4 and 5: a conflict is recorded and quarantined while the
// rest goes on; a revoked token stops delivery with a clear status and
// loses nothing, and a new token resumes it.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "core/store.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("same id with different content: recorded as a conflict, quarantined, rest delivered") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture first(dir / "first", server.url(), server.token_file);
  first.fill(30);
  REQUIRE(first.sync_once().code == 0);
  auto original_id = first.ids().front();  // a written complaint
  auto original_text = server.text("SELECT text FROM submissions WHERE id = '" + original_id + "'");
  REQUIRE(!original_text.empty());

  // A second database (a kiosk restored from an old backup and then edited,
  // say) holds the same id with other content, among new submissions.
  KioskFixture second(dir / "second", server.url(), server.token_file);
  second.fill(10);
  {
    auto store = core::Store::open(second.database);
    auto changed = sample_written("Teks yang berbeda untuk id yang sama.");
    changed.id = original_id;
    changed.facility_id = "pkm-test";
    changed.device_id = "kiosk-1";
    changed.identity_mode = core::IdentityMode::named;
    changed.identity = {"Pak Budi", "0813", ""};
    store.add(changed);
  }
  second.fill(10);

  auto run = second.sync_once();
  INFO(run.err);
  CHECK(run.code == 0);  // a conflict is not a failed run: the queue went on
  auto counts = second.counts();
  CHECK(counts.pending == 0);
  CHECK(counts.delivered == 20);
  CHECK(counts.quarantined == 1);
  auto quarantined = core::Store::open(second.database).quarantined(10);
  REQUIRE(quarantined.size() == 1);
  CHECK(quarantined[0].submission.id == original_id);
  CHECK(quarantined[0].reason.rfind("conflict: ", 0) == 0);
  CHECK(second.status().quarantined == 1);

  CHECK(server.count("SELECT count(*) FROM submissions") == 50);
  CHECK(server.text("SELECT text FROM submissions WHERE id = '" + original_id + "'") ==
        original_text);  // never overwritten
  CHECK(server.count("SELECT count(*) FROM conflicts WHERE submission_id = '" + original_id +
                     "'") == 1);
  // The refused version is kept for staff, its contact details apart.
  CHECK(server.text("SELECT content FROM conflicts").find("Teks yang berbeda") !=
        std::string::npos);
  CHECK(server.text("SELECT content FROM conflicts").find("Pak Budi") == std::string::npos);
  CHECK(server.text("SELECT name FROM conflict_identities") == "Pak Budi");
  auto listed = server.admin({"conflicts"});
  CHECK(listed.out.find(original_id) != std::string::npos);

  // Sending the conflicting version again records nothing new.
  {
    auto store = core::Store::open(second.database);
    store.database().exec("UPDATE submissions SET state = 'pending' WHERE id = '" + original_id +
                          "'");
  }
  CHECK(second.sync_once().code == 0);
  CHECK(server.count("SELECT count(*) FROM conflicts") == 1);
  server.stop();
}

TEST_CASE("a revoked token: a clear status, nothing deleted, and a new token resumes delivery") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(100);
  REQUIRE(kiosk.sync_once().code == 0);
  kiosk.fill(50);

  auto revoke = server.admin({"device", "revoke", "--facility", "pkm-test", "--name", "kiosk-1"});
  REQUIRE(revoke.code == 0);
  auto refused = kiosk.sync_once();
  CHECK(refused.code == 1);
  CHECK(refused.err.find("token") != std::string::npos);
  auto status = kiosk.status();
  CHECK(status.result == "token_rejected");
  CHECK(status.detail.find("kotak-server device token") != std::string::npos);
  CHECK(status.succeeded_ms.has_value());  // the last success is still shown
  auto counts = kiosk.counts();
  CHECK(counts.pending == 50);
  CHECK(counts.delivered == 100);
  CHECK(counts.quarantined == 0);
  auto shown = kiosk.sync({"status", "--language", "en"});
  CHECK(shown.out.find("refused the device token") != std::string::npos);
  CHECK(server.count("SELECT count(*) FROM submissions") == 100);

  auto renewed = server.admin({"device", "token", "--facility", "pkm-test", "--name", "kiosk-1",
                               "--token-file", server.token_file.string()});
  REQUIRE(renewed.code == 0);
  auto resumed = kiosk.sync_once();
  INFO(resumed.err);
  CHECK(resumed.code == 0);
  CHECK(kiosk.status().result == "ok");
  CHECK(kiosk.counts().pending == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 150);
  server.stop();
}

TEST_CASE("a token file others can read is refused with the command that fixes it") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(5);
  ::chmod(server.token_file.c_str(), 0644);
  auto run = kiosk.sync_once();
  CHECK(run.code == 1);
  CHECK(kiosk.status().result == "token_file");
  CHECK(kiosk.status().detail.find("chmod 600") != std::string::npos);
  CHECK(kiosk.counts().pending == 5);
  ::chmod(server.token_file.c_str(), 0600);
  CHECK(kiosk.sync_once().code == 0);
  server.stop();
}

TEST_CASE("an unreachable server and a captive portal get their own status and keep the queue") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(5);
  auto port = server.port();
  server.stop();
  auto down = kiosk.sync_once();
  CHECK(down.code == 1);
  CHECK(kiosk.status().result == "unreachable");
  CHECK(kiosk.counts().pending == 5);

  server.start(port);
  // A Wi-Fi login page that answers 200 (or redirects) to every request.
  Process portal({Binaries::proxy(), std::to_string(port), "100", "1", "0", "portal,redirect"});
  auto listening = portal.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  kiosk.set_url("http://127.0.0.1:" + listening->substr(listening->find(' ') + 1));
  CHECK(kiosk.sync_once().code == 1);
  CHECK(kiosk.status().result == "not_kotak_server");
  CHECK(kiosk.counts().delivered == 0);  // a page that is not the server delivers nothing
  CHECK(kiosk.counts().pending == 5);
  kiosk.set_url(server.url());
  CHECK(kiosk.sync_once().code == 0);
  CHECK(kiosk.counts().delivered == 5);
  server.stop();
}
