// "Cek status pengaduan" on the real kiosk, headless (issue 15 item 5): from
// home, a code typed on the ticket keypad shows its status, the published
// answer and how old that is, from what kotak-sync left in the database -
// no server needed; an unknown code says so and points to the web page;
// three unknown codes in a row make the next wait. Screenshots at 800x480
// and on a portrait panel go to build/screenshots/ to be looked at.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/timestamp.hpp"
#include "tests/kiosk/e2e_support.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kMinute = 60'000;

// What kotak-sync leaves: two of this kiosk's tickets, last heard from the
// server checked_minutes ago (by the wall clock, which the headless kiosk
// shares).
void fill_tickets(const KioskFixture& k, std::int64_t checked_minutes = 125) {
  auto store = core::Store::open(k.database());
  const std::int64_t now = core::now().unix_ms;
  store.replace_board(
      {{"b1", "pendaftaran", "keluhan", "Antrean pendaftaran pagi hari terlalu panjang.",
        "Loket pendaftaran kedua dibuka pukul 07.00.", now - 600 * kMinute}},
      "c1.tx",
      std::vector<core::TicketStatus>{
          {"KMX-49C-TRW", "ditanggapi",
           "Sejak 1 Desember loket pendaftaran kedua dibuka pukul 07.00, dan antrean diumumkan dengan nomor.",
           now - 300 * kMinute},
          {"343-XYW-ACD", "baru", "", now - 200 * kMinute}});
  store.set_board_checked(now - checked_minutes * kMinute);
}

const nlohmann::json* target(const nlohmann::json& dump, const std::string& id) {
  for (const auto& t : dump["targets"])
    if (t["id"] == id) return &t;
  return nullptr;
}

void keep_shots(const KioskFixture& k, const std::string& size) {
  for (const auto& entry : fs::directory_iterator(k.dir()))
    if (entry.path().extension() == ".png")
      fs::copy_file(entry.path(), test::screenshot_dir(size) / entry.path().filename(),
                    fs::copy_options::overwrite_existing);
}

}  // namespace

TEST_CASE("a patient checks a ticket at the kiosk - status, published answer and its age - offline") {
  KioskFixture k;
  fill_tickets(k);
  auto run = k.run(R"(
tap home.check_ticket
expect ticket_code
shot {out}/ticket_code.png
dump {out}/ticket_code.json
type KMX49CTRW
dump {out}/ticket_typed.json
tap ticket.check
expect ticket_status
shot {out}/ticket_status.png
dump {out}/ticket_status.json
tap ticket_status.lang.en
dump {out}/ticket_status_en.json
tap ticket_status.lang.id
tap ticket_status.done
expect home
tap home.check_ticket
dump {out}/ticket_again.json
type 343xywacd
tap ticket.check
expect ticket_status
dump {out}/ticket_new.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  keep_shots(k, "800x480");
  auto home_typed = k.dump("ticket_typed.json");
  CHECK_MESSAGE(test::shows_text(home_typed, "KMX-49C-TRW"), "(typed without dashes, shown as printed)");
  auto status = k.dump("ticket_status.json");
  CHECK(test::shows_text(status, "KMX-49C-TRW"));
  CHECK(test::shows_text(status, "Sudah ditanggapi"));
  CHECK(test::shows_text(status, "loket pendaftaran kedua"));
  CHECK(test::shows_text(status, "Diperbarui 2 jam yang lalu"));
  CHECK(test::foreign_texts(status, "id").empty());
  CHECK(test::size_problems(status).empty());
  CHECK(test::size_problems(k.dump("ticket_code.json")).empty());
  auto english = k.dump("ticket_status_en.json");
  CHECK(test::shows_text(english, "Answered"));
  CHECK(test::shows_text(english, "Updated 2 hours ago"));
  CHECK(test::foreign_texts(english, "en").empty());
  // Home cleared the last code: the next patient does not see it.
  CHECK_FALSE(test::shows_text(k.dump("ticket_again.json"), "KMX-49C-TRW"));
  auto fresh = k.dump("ticket_new.json");
  CHECK(test::shows_text(fresh, "Diterima, belum dibaca petugas"));
  CHECK(test::shows_text(fresh, "Belum ada tanggapan yang diumumkan"));
  CHECK(k.submissions().empty());
}

TEST_CASE("news from the server 70 minutes old is an hour old, in words that fit one hour") {
  KioskFixture k;
  fill_tickets(k, 70);
  auto run = k.run(R"(
tap home.check_ticket
expect ticket_code
type KMX49CTRW
tap ticket.check
expect ticket_status
dump {out}/hour_id.json
tap ticket_status.lang.en
dump {out}/hour_en.json
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("hour_id.json"), "Diperbarui 1 jam yang lalu"));
  auto english = k.dump("hour_en.json");
  CHECK(test::shows_text(english, "Updated an hour ago"));
  CHECK_FALSE(test::shows_text(english, "1 hours"));
}

TEST_CASE("an unknown ticket code points to the web page - three in a row make the next wait") {
  KioskFixture k;
  fill_tickets(k);
  auto run = k.run(R"(
tap home.check_ticket
type 343XYWACE
tap ticket.check
expect ticket_status
shot {out}/ticket_unknown.png
dump {out}/ticket_unknown.json
tap ticket_status.back
expect ticket_code
tap ticket.check
tap ticket_status.back
tap ticket.check
tap ticket_status.back
expect ticket_code
shot {out}/ticket_wait.png
dump {out}/ticket_wait.json
advance 16
dump {out}/ticket_after_wait.json
tap ticket.check
expect ticket_status
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  keep_shots(k, "800x480");
  auto unknown = k.dump("ticket_unknown.json");
  CHECK(test::shows_text(unknown, "bukan pengaduan dari kios ini"));
  CHECK(test::shows_text(unknown, "kotak.klatenkab.go.id/t/343-XYW-ACE"));
  CHECK(test::size_problems(unknown).empty());
  auto wait = k.dump("ticket_wait.json");
  CHECK(test::shows_text(wait, "Terlalu banyak nomor yang tidak dikenal. Coba lagi dalam 1"));
  const auto* check = target(wait, "ticket.check");
  REQUIRE(check != nullptr);
  CHECK_MESSAGE((*check)["enabled"] == false, "(no try while the kiosk waits)");
  const auto after_wait = k.dump("ticket_after_wait.json");
  const auto* again = target(after_wait, "ticket.check");
  REQUIRE(again != nullptr);
  CHECK((*again)["enabled"] == true);
}

TEST_CASE("the ticket screens on a portrait panel and in Basa Jawa") {
  KioskOptions options;
  options.size = "1080x1920";
  options.languages = R"(["id", "en", "jv"])";
  KioskFixture k(options);
  fill_tickets(k);
  auto run = k.run(R"(
shot {out}/home_portrait_ticket.png
tap home.check_ticket
type KMX49CTRW
shot {out}/ticket_code_portrait.png
tap ticket.check
expect ticket_status
shot {out}/ticket_status_portrait.png
tap ticket_status.lang.jv
dump {out}/ticket_status_jv.json
shot {out}/ticket_status_jv.png
)");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  keep_shots(k, "1080x1920");
  auto jawa = k.dump("ticket_status_jv.json");
  CHECK(test::shows_text(jawa, "Sampun dipuntanggapi"));
  CHECK(test::foreign_texts(jawa, "jv").empty());
}
