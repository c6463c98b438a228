// Issue 14, item 8: a stolen kiosk leaks nothing. A named complaint typed
// on the real kotak-kiosk (headless) is sealed to the server's key before
// it is written: no byte of the name or phone is in the kiosk's database
// files (the main file, its -wal and -shm, before and after a checkpoint)
// nor in a USB bundle; the server opens it, and the petugas sees the
// identity after a network sync and after a USB import.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/seal.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kName = "Rina Marlina";
const std::string kPhone = "081255551234";
// Pieces a reader of the raw bytes would search for.
const std::vector<std::string> kSecrets = {kName, "Marlina", kPhone, "55551234",
                                           "Jl. Kenanga 7"};

const std::string kComplaint = R"(
tap home.write
tap unit.skip
tap write_type.keluhan
type Obat di apotek habis tiga kali berturut-turut.
tap write_text.next
tap identity.named
expect contact_name
type Rina Marlina
tap contact_name.next
expect contact_phone
type 081255551234
tap contact_phone.next
expect contact_address
type Jl. Kenanga 7, Klaten
tap contact_address.next
tap confidential.no
tap urgent.no
expect review
tap review.send
expect thanks
)";

// Which secrets occur in the bytes of file ("" when none).
std::string leaks_in(const fs::path& file) {
  if (!fs::exists(file)) return "";
  auto bytes = read_file(file);
  std::string found;
  for (const auto& secret : kSecrets)
    if (bytes.find(secret) != std::string::npos) found += "'" + secret + "' ";
  return found;
}

void check_no_leak(const fs::path& dir_or_file) {
  std::vector<fs::path> files;
  if (fs::is_directory(dir_or_file)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir_or_file))
      if (entry.is_regular_file()) files.push_back(entry.path());
  } else {
    files.push_back(dir_or_file);
  }
  for (const auto& file : files) CHECK_MESSAGE(leaks_in(file).empty(), file << ": " << leaks_in(file));
}

// The identity of the facility's only written case, as a petugas opens it
// on the dashboard.
json identity_as_petugas(ServerFixture& server) {
  add_staff(server, "sari", "petugas", "kotak-petugas-1");
  httplib::Client http("127.0.0.1", server.port());
  auto login = http.Post("/api/staff/login",
                         json{{"username", "sari"}, {"password", "kotak-petugas-1"}}.dump(),
                         "application/json");
  REQUIRE(login);
  REQUIRE_MESSAGE(login->status == 200, login->body);
  auto cookie = login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto csrf = json::parse(login->body).at("csrf").get<std::string>();
  auto cases = http.Get("/api/staff/cases", {{"Cookie", cookie}});
  REQUIRE(cases);
  REQUIRE_MESSAGE(cases->status == 200, cases->body);
  auto list = json::parse(cases->body).at("cases");
  REQUIRE(list.size() == 1);
  auto id = list.at(0).at("id").get<std::int64_t>();
  auto opened = http.Post(("/api/staff/cases/" + std::to_string(id) + "/identity").c_str(),
                          {{"Cookie", cookie}, {"X-Kotak-CSRF", csrf}}, "{}", "application/json");
  REQUIRE(opened);
  REQUIRE_MESSAGE(opened->status == 200, opened->body);
  return json::parse(opened->body);
}

fs::path only_bundle(const fs::path& stick) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(stick))
    if (entry.is_directory()) found.push_back(entry.path());
  REQUIRE(found.size() == 1);
  return found.front();
}

}  // namespace

TEST_CASE("a named complaint leaves no name or phone on the kiosk or a stick, and staff still see it") {
  TempDir dir;
  ServerFixture server{dir / "server"};
  server.start();  // makes the seal key at its first start
  auto printed = server.admin({"seal-key"});
  REQUIRE_MESSAGE(printed.code == 0, printed.err);
  KioskFixture kiosk{dir / "kiosk", server.url(), server.token_file};
  write_kiosk_config(kiosk);

  // Before the first sync the kiosk has no key, and its admin screen says so.
  auto before = run_kiosk(kiosk, "before.txt",
                          std::string(kAdminPinScript) + "dump " +
                              (kiosk.dir / "before.json").string() + "\nshot " +
                              (kiosk.dir / "admin-unsealed.png").string() + "\n");
  REQUIRE_MESSAGE(before.code == 0, before.err);
  CHECK(read_file(kiosk.dir / "before.json").find("Belum disegel") != std::string::npos);

  // The first sync brings the server's public key with the settings.
  REQUIRE(kiosk.sync_once().code == 0);
  auto key = core::Store::open(kiosk.database).seal_key();
  REQUIRE(core::seal::is_public_key(key));
  CHECK(printed.out.find(key) != std::string::npos);

  // A named complaint, then the plug is pulled: the WAL is left as it was.
  auto typed = run_kiosk(kiosk, "complaint.txt", kComplaint + "power-cut\n");
  CHECK(typed.code == 128 + 9);
  CHECK(fs::exists(kiosk.database.string() + "-wal"));
  for (const char* suffix : {"", "-wal", "-shm"}) check_no_leak(kiosk.database.string() + suffix);
  std::string box;
  {
    auto store = core::Store::open(kiosk.database);
    REQUIRE(store.counts().pending == 1);
    auto stored = store.pending(10).at(0).submission;
    box = stored.sealed_identity;
    CHECK(stored.identity.empty());  // the kiosk itself cannot read it back
    CHECK_FALSE(stored.sealed_identity.empty());
    CHECK(stored.identity_mode == core::IdentityMode::named);
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) check_no_leak(kiosk.database.string() + suffix);

  // The admin screen says the kiosk seals, for the technician to see.
  auto admin = run_kiosk(kiosk, "admin.txt", std::string(kAdminPinScript) + "dump " +
                                                 (kiosk.dir / "admin.json").string() + "\nshot " +
                                                 (kiosk.dir / "admin-sealed.png").string() + "\n");
  REQUIRE_MESSAGE(admin.code == 0, admin.err);
  CHECK(read_file(kiosk.dir / "admin.json").find("Disegel (kunci " + core::seal::key_id(key).substr(0, 8)) !=
        std::string::npos);
  const auto shots = fs::path(KOTAK_SCREENSHOTS) / "seal";
  fs::create_directories(shots);
  for (const char* shot : {"admin-unsealed.png", "admin-sealed.png"})
    fs::copy_file(kiosk.dir / shot, shots / shot, fs::copy_options::overwrite_existing);

  // The stick carries only the sealed box.
  fs::create_directories(dir / "stick");
  auto exported = kiosk.sync({"export", (dir / "stick").string()});
  REQUIRE_MESSAGE(exported.code == 0, exported.err);
  auto bundle = only_bundle(dir / "stick");
  check_no_leak(bundle);
  CHECK(read_file(bundle / "submissions.jsonl").find("identity_sealed") != std::string::npos);

  // Network sync: the server opens it, and the petugas sees who wrote.
  REQUIRE(kiosk.sync_once().code == 0);
  CHECK(kiosk.counts().delivered == 1);
  // Delivered, the box leaves the kiosk's file and (at the run's end) its WAL.
  REQUIRE(box.size() > 40);
  for (const char* suffix : {"", "-wal"}) {
    auto file = kiosk.database.string() + suffix;
    CHECK_MESSAGE((!fs::exists(file) || read_file(file).find(box.substr(0, 40)) == std::string::npos),
                  file);
  }
  auto seen = identity_as_petugas(server);
  CHECK(seen.at("name") == kName);
  CHECK(seen.at("phone") == kPhone);

  // USB import on another server that holds the same seal keys (a server
  // moved to new hardware): the identity opens there too.
  ServerFixture by_usb{dir / "server-usb"};
  fs::copy(server.dir / "seal-keys", by_usb.dir / "seal-keys", fs::copy_options::recursive);
  auto bundle_key = kiosk.sync({"key"});
  REQUIRE(bundle_key.code == 0);
  REQUIRE(by_usb.admin({"device", "key", "set", "--facility", "pkm-test", "--name", "kiosk-1",
                        "--key", bundle_key.out.substr(0, bundle_key.out.find('\n'))})
              .code == 0);
  auto imported = by_usb.admin({"import", bundle.string()});
  INFO(imported.out << imported.err);
  REQUIRE(imported.code == 0);
  CHECK(imported.out.find("1 new, 0 already here, 0 conflicts (recorded for staff), 0 invalid") !=
        std::string::npos);
  by_usb.start();
  auto imported_seen = identity_as_petugas(by_usb);
  CHECK(imported_seen.at("name") == kName);
  CHECK(imported_seen.at("phone") == kPhone);
}

TEST_CASE("a box the server cannot open is quarantined on the kiosk with the reason") {
  TempDir dir;
  ServerFixture server{dir / "server"};
  server.start();
  KioskFixture kiosk{dir / "kiosk", server.url(), server.token_file};
  {
    // A kiosk told another server's key (set up against a test server,
    // say): what it seals, this server cannot open.
    auto store = core::Store::open(kiosk.database);
    store.set_seal_key(core::seal::generate().public_key);
    auto s = sample_written();
    s.device_id = "kiosk-1";
    s.facility_id = "pkm-test";
    s.identity_mode = core::IdentityMode::named;
    s.identity = {kName, kPhone, ""};
    store.add(s);
    for (int face : {1, 4, 2}) {
      auto rating = sample_rating(face);
      rating.device_id = "kiosk-1";
      rating.facility_id = "pkm-test";
      store.add(rating);
    }
  }
  auto run = kiosk.sync_once();
  INFO(run.err);
  auto counts = kiosk.counts();
  CHECK(counts.quarantined == 1);
  CHECK(counts.delivered == 3);
  auto quarantined = core::Store::open(kiosk.database).quarantined(10);
  REQUIRE(quarantined.size() == 1);
  CHECK(quarantined[0].reason.find("does not open with any of this server's") != std::string::npos);
  auto status = kiosk.sync({"status"});
  CHECK(status.out.find("does not open") != std::string::npos);
}
