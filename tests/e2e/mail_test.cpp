// Mail notices of urgent complaints, end to end: a complaint written at the
// kiosk, delivered by real kotak-sync to a real kotak-server configured with
// an SMTP server, which is kotak-smtp-sink on loopback. The notice names the
// case and links to it, and holds neither the complaint text nor the
// contact details.
#include <doctest/doctest.h>

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <tuple>

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

namespace {

std::vector<std::string> texts_of(const std::vector<fs::path>& mails) {
  std::vector<std::string> out;
  for (const auto& m : mails) out.push_back(read_file(m));
  return out;
}

}  // namespace

TEST_CASE("with the server's clock moved: 2x24 h unanswered, one reminder to the petugas - 3x24 h, the head's digest and the kiosk silent a day") {
  TempDir dir;
  fs::create_directories(dir / "mail");
  Process sink({KOTAK_SMTP_SINK_BIN, (dir / "mail").string()});
  auto port = sink_port(sink);
  // digest_hour 0: the digest is due at any hour of the facility's day.
  ServerFixture server(dir / "server", "[mail]\nsmtp_url = \"smtp://127.0.0.1:" + port +
                                           "\"\nfrom = \"kotak@pkm-test.example.go.id\"\npoll_s = 1\ndigest_hour = 0\n");
  auto password = dir / "password";
  write_file(password, "kotak-uji-2026\n");
  for (auto [name, role, email] : {std::tuple{"sari", "petugas", "sari@pkm-test.example.go.id"},
                                   std::tuple{"kartini", "kepala", "kartini@pkm-test.example.go.id"}}) {
    auto added = server.admin({"user", "add", "--username", name, "--facility", "pkm-test", "--role", role, "--email",
                               email, "--password-file", password.string()});
    REQUIRE_MESSAGE(added.code == 0, added.err);
  }
  // The server 49 hours on: the complaint written now is 2x24 h old there.
  server.start(0, clock_moved_hours(49));
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  REQUIRE(run_command({KOTAK_WRITER_BIN, kiosk.database.string(), "pkm-test", "kiosk-1",
                       "Obat untuk anak saya kosong, hubungi 0812 7777 2222", "named"},
                      dir.path())
              .code == 0);
  REQUIRE(kiosk.sync_once().code == 0);
  auto mails = wait_for_mail(dir / "mail");
  REQUIRE(mails.size() == 1);
  auto reminder = read_file(mails[0]);
  INFO(reminder);
  CHECK(reminder.find("X-Envelope-To: <sari@pkm-test.example.go.id>") != std::string::npos);
  CHECK(reminder.find("2×24 jam dari batas 3×24 jam sudah lewat") != std::string::npos);
  CHECK(reminder.find("0812") == std::string::npos);
  CHECK(reminder.find("Obat untuk anak") == std::string::npos);
  // The 1x24 h reminder's moment is a day past: never sent late.
  CHECK(server.count("SELECT count(*) FROM case_reminders WHERE kind = 'unread'") == 0);
  server.stop();

  // Restarted 73 hours on: overdue, so the head's digest lists it, once;
  // the reminder is not sent again. The kiosk has not synced for a day by
  // the server's clock, so the petugas hear of that too (kiosk health).
  auto count = [](const std::vector<std::string>& texts, const std::string& part) {
    return std::count_if(texts.begin(), texts.end(), [&](const std::string& t) { return t.find(part) != std::string::npos; });
  };
  server.start(0, clock_moved_hours(73));
  std::vector<std::string> texts;
  for (int i = 0; i < 100 && texts.size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    texts = texts_of(mails_in(dir / "mail"));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // a few more rounds
  texts = texts_of(mails_in(dir / "mail"));
  CHECK(texts.size() == 3u);
  CHECK(count(texts, "2×24 jam dari batas 3×24 jam sudah lewat") == 1);
  CHECK(count(texts, "belum sinkron dengan server selama lebih dari 1×24 jam") == 1);
  REQUIRE(count(texts, "X-Envelope-To: <kartini@") == 1);
  std::string digest;
  for (const auto& text : texts)
    if (text.find("X-Envelope-To: <kartini@") != std::string::npos) digest = text;
  INFO(digest);
  CHECK(digest.find("X-Envelope-To: <kartini@pkm-test.example.go.id>") != std::string::npos);
  CHECK(digest.find("yang sudah melewati batas waktu") != std::string::npos);
  CHECK(digest.find("0001/") != std::string::npos);
  CHECK(digest.find("Obat untuk anak") == std::string::npos);
  CHECK(digest.find("0812") == std::string::npos);
  server.stop();
  sink.signal(SIGKILL);
  sink.wait();
}
