// Mail notices of urgent complaints, end to end: a complaint written at the
// kiosk, delivered by real kotak-sync to a real kotak-server configured with
// an SMTP server, which is kotak-smtp-sink on loopback. The notice names the
// case and links to it, and holds neither the complaint text nor the
// contact details.
#include <doctest/doctest.h>

#include <signal.h>

#include <thread>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

TEST_CASE("an urgent complaint is mailed to the facility's addresses, without its text") {
  TempDir dir;
  fs::create_directories(dir / "mail");
  Process sink({KOTAK_SMTP_SINK_BIN, (dir / "mail").string()});
  auto line = sink.read_line(std::chrono::seconds(10));
  REQUIRE(line);
  auto port = line->substr(line->rfind(' ') + 1);

  ServerFixture server(dir / "server", "[mail]\nsmtp_url = \"smtp://127.0.0.1:" + port +
                                           "\"\nfrom = \"kotak@pkm-test.example.go.id\"\n"
                                           "require_tls = false\npoll_s = 1\n"
                                           "[[mail.recipients]]\nfacility = \"pkm-test\"\n"
                                           "to = [\"mutu@pkm-test.example.go.id\"]\n"
                                           "[[mail.recipients]]\nfacility = \"pkm-other\"\n"
                                           "to = [\"someone.else@example.go.id\"]\n");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  auto quiet = run_command({KOTAK_WRITER_BIN, kiosk.database.string(), "pkm-test", "kiosk-1",
                            "Obat habis, anak saya demam tinggi", "face=3"},
                           dir.path());
  REQUIRE(quiet.code == 0);
  auto urgent = run_command({KOTAK_WRITER_BIN, kiosk.database.string(), "pkm-test", "kiosk-1",
                             "Petugas loket membentak ibu hamil", "urgent", "named"},
                            dir.path());
  REQUIRE(urgent.code == 0);
  REQUIRE(kiosk.sync_once().code == 0);

  // The server polls every second; give it a few.
  std::vector<fs::path> mails;
  for (int i = 0; i < 100 && mails.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (const auto& entry : fs::directory_iterator(dir / "mail"))
      if (entry.path().extension() == ".eml") mails.push_back(entry.path());
  }
  REQUIRE(mails.size() == 1);
  auto mail = read_file(mails[0]);
  INFO(mail);
  CHECK(mail.find("X-Envelope-To: <mutu@pkm-test.example.go.id>") != std::string::npos);
  CHECK(mail.find("someone.else") == std::string::npos);
  CHECK(mail.find("From: Kotak <kotak@pkm-test.example.go.id>") != std::string::npos);
  CHECK(mail.find("Subject: =?UTF-8?B?") != std::string::npos);
  CHECK(mail.find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
  CHECK(mail.find("0002/") != std::string::npos);  // the register number of the second case
  CHECK(mail.find("Puskesmas Uji") != std::string::npos);
  CHECK(mail.find("membentak") == std::string::npos);  // never the text
  CHECK(mail.find("Sari") == std::string::npos);       // never the contact details
  CHECK(mail.find("0812") == std::string::npos);

  // Mailed once: a later round sends nothing again.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir / "mail")) count += entry.path().extension() == ".eml";
  CHECK(count == 1);
  CHECK(server.count("SELECT count(*) FROM cases WHERE mailed_ms IS NOT NULL") == 1);
  server.stop();
  sink.signal(SIGKILL);
  sink.wait();
}
