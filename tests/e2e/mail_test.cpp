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

namespace {

// The port kotak-smtp-sink says it listens on.
std::string sink_port(Process& sink) {
  auto line = sink.read_line(std::chrono::seconds(10));
  REQUIRE(line);
  return line->substr(line->rfind(' ') + 1);
}

std::vector<fs::path> mails_in(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".eml") out.push_back(entry.path());
  return out;
}

// The first mails to arrive; the server polls every second, give it a few.
std::vector<fs::path> wait_for_mail(const fs::path& folder) {
  std::vector<fs::path> mails;
  for (int i = 0; i < 100 && mails.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    mails = mails_in(folder);
  }
  return mails;
}

}  // namespace

TEST_CASE("an urgent complaint is mailed to the facility's addresses, without its text") {
  TempDir dir;
  fs::create_directories(dir / "mail");
  Process sink({KOTAK_SMTP_SINK_BIN, (dir / "mail").string()});
  auto port = sink_port(sink);

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

  auto mails = wait_for_mail(dir / "mail");
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
  CHECK(mails_in(dir / "mail").size() == 1);
  CHECK(server.count("SELECT count(*) FROM cases WHERE mailed_ms IS NOT NULL") == 1);
  server.stop();
  sink.signal(SIGKILL);
  sink.wait();
}

// Reminders before it is late (issue 15 item 3), end to end: a complaint
// that arrived a day ago and is still baru gets one "belum dibaca" mail to
// the facility's petugas (no owner), and only one, from the real server.
// Under `make test-moved-clock` the kiosk and the server share the moved
// clock, so the day counts the same.
TEST_CASE("a complaint not read for 1x24 h is mailed once to the petugas, without its text") {
  TempDir dir;
  fs::create_directories(dir / "mail");
  Process sink({KOTAK_SMTP_SINK_BIN, (dir / "mail").string()});
  auto port = sink_port(sink);
  ServerFixture server(dir / "server", "[mail]\nsmtp_url = \"smtp://127.0.0.1:" + port +
                                           "\"\nfrom = \"kotak@pkm-test.example.go.id\"\npoll_s = 1\n");
  auto password = dir / "password";
  write_file(password, "kotak-uji-2026\n");
  for (auto [name, email] : {std::pair{"sari", "sari@pkm-test.example.go.id"}, std::pair{"tono", ""}}) {
    auto added = server.admin({"user", "add", "--username", name, "--facility", "pkm-test", "--role", "petugas",
                               "--email", email, "--password-file", password.string()});
    REQUIRE_MESSAGE(added.code == 0, added.err);
  }
  auto bad = server.admin({"user", "email", "tono", "tono at puskesmas"});
  CHECK(bad.code != 0);
  CHECK(bad.err.find("does not look like a mail address") != std::string::npos);
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  REQUIRE(run_command({KOTAK_WRITER_BIN, kiosk.database.string(), "pkm-test", "kiosk-1",
                       "Kemarin antrean lama, hubungi 0812 9999 1111", "behind=1", "named"},
                      dir.path())
              .code == 0);
  REQUIRE(kiosk.sync_once().code == 0);

  auto mails = wait_for_mail(dir / "mail");
  REQUIRE(mails.size() == 1);
  auto mail = read_file(mails[0]);
  INFO(mail);
  CHECK(mail.find("X-Envelope-To: <sari@pkm-test.example.go.id>") != std::string::npos);
  CHECK(mail.find("Masukan ini sudah 1×24 jam masuk dan belum dibaca") != std::string::npos);
  CHECK(mail.find("--- English ---") != std::string::npos);
  CHECK(mail.find("0001/") != std::string::npos);
  CHECK(mail.find("antrean") == std::string::npos);  // never the text
  CHECK(mail.find("0812") == std::string::npos);     // never the contact details

  // Once: later rounds send nothing again.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(mails_in(dir / "mail").size() == 1);
  CHECK(server.count("SELECT count(*) FROM case_reminders WHERE kind = 'unread'") == 1);
  server.stop();
  sink.signal(SIGKILL);
  sink.wait();
}
