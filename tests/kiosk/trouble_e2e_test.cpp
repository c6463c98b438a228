// When things go wrong the kiosk says so on screen and never crashes or
// goes black: a config error, a database it cannot open, a full disk. And
// the technician's side: the hidden PIN pad with its lock, the admin
// screen, sync and USB export through kotak-sync.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "tests/kiosk/e2e_support.hpp"
#include "tests/support/process.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace fs = std::filesystem;

namespace {

void keep_shot(const KioskFixture& k, const std::string& png, const std::string& as) {
  fs::copy_file(k.dir() / png, test::screenshot_dir("800x480") / as,
                fs::copy_options::overwrite_existing);
}

class Tmpfs {
 public:
  Tmpfs(const fs::path& where, const char* options) : where_(where) {
    fs::create_directories(where);
    mounted_ = mount("tmpfs", where.c_str(), "tmpfs", 0, options) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_) umount2(where_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  fs::path where_;
  bool mounted_ = false;
  std::string error_;
};

const char* kPinScript = test::kAdminPinScript;

}  // namespace

TEST_CASE("a config error is shown on screen with the file - line and key") {
  KioskFixture k;
  test::write_file(k.config(),
                   "[facility]\nid = \"pkm\"\nname = \"P\"\n[device]\nid = "
                   "\"k1\"\n[kiosk]\nidle_timeout_s = 5\n");
  auto run = k.run("expect unavailable\ndump {out}/u.json\nshot {out}/u.png\ntap home.face.1\n");
  CHECK(run.code == 1);  // the tap fails: there is no home
  auto dump = k.dump("u.json");
  CHECK(test::shows_text(dump, "Kiosk belum dapat digunakan"));
  CHECK(test::shows_text(
      dump, "kiosk.toml:7: kiosk.idle_timeout_s: expected a whole number from 15 to 600"));
  CHECK(test::target_ids(dump).empty());  // no admin without a config
  keep_shot(k, "u.png", "unavailable_config.png");
}

TEST_CASE(
    "a database that is not Kotak's - too new - damaged or in a missing folder: a message - not a "
    "crash") {
  SUBCASE("not a database") {
    KioskFixture k;
    test::write_file(k.database(), std::string(8192, 'x'));
    auto run = k.run("expect unavailable\ndump {out}/u.json\nshot {out}/u.png\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    auto dump = k.dump("u.json");
    CHECK(test::shows_text(dump, "is not an SQLite database"));
    // The technician reads what it means in the screen's language too.
    CHECK(test::shows_text(dump, "bukan database kiosk Kotak"));
    CHECK(test::read_file(k.database()) == std::string(8192, 'x'));  // left untouched
    keep_shot(k, "u.png", "unavailable_database.png");
  }
  SUBCASE("written by a newer Kotak") {
    KioskFixture k;
    core::Store::open(k.database());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(k.database().c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    auto run = k.run("expect unavailable\ndump {out}/u.json\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(test::shows_text(k.dump("u.json"), "newer"));
  }
  SUBCASE("damaged") {
    KioskFixture k;
    {
      auto store = core::Store::open(k.database());
      for (int i = 0; i < 200; ++i) {
        auto s = test::sample_rating(3);
        store.add(s);
      }
    }
    {
      std::fstream f(k.database(), std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(4096 * 3);
      std::string junk(4096 * 4, '\x5a');
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    auto run = k.run("expect unavailable\ndump {out}/u.json\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    auto dump = k.dump("u.json");
    CHECK(test::shows_text(dump, "Untuk teknisi"));
  }
  SUBCASE("in a folder that does not exist") {
    KioskOptions options;
    options.database = "no/such/folder/kiosk.db";
    KioskFixture k(options);
    auto run = k.run("expect unavailable\ndump {out}/u.json\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(test::shows_text(k.dump("u.json"), "no/such/folder"));
  }
}

namespace {

// A copy of the kiosk's catalogs, for breaking; KOTAK_ASSETS points at it.
fs::path copy_catalogs(const KioskFixture& k) {
  const fs::path assets = k.dir() / "assets";
  fs::create_directories(assets / "i18n" / "kiosk");
  for (const char* language : {"id", "en"})
    fs::copy_file(fs::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" / "kiosk" / (std::string(language) + ".json"),
                  assets / "i18n" / "kiosk" / (std::string(language) + ".json"));
  return assets;
}

// Runs to the unavailable screen with the assets at `assets`; its dump.
nlohmann::json unavailable_with(const KioskFixture& k, const fs::path& assets, std::string& log) {
  auto run = k.run("expect unavailable\ndump {out}/u.json\nshot {out}/u.png\n",
                   {"KOTAK_ASSETS=" + assets.string()});
  log = run.err;
  REQUIRE_MESSAGE(run.code == 0, run.err);  // no crash (it was SIGSEGV), the screen instead
  auto dump = k.dump("u.json");
  CHECK(test::shows_text(dump, "Kiosk belum dapat digunakan"));
  CHECK(test::shows_text(dump, "Mohon sampaikan masukan Anda langsung kepada petugas."));
  for (const auto& t : dump.at("texts"))  // words, never a raw key
    CHECK(t.at("text").get<std::string>().rfind("unavailable.", 0) != 0);
  return dump;
}

}  // namespace

TEST_CASE("missing or broken translation files: the unavailable screen in words - a clear log line") {
  KioskFixture k;
  std::string log;
  SUBCASE("an empty assets folder") {
    fs::create_directories(k.dir() / "empty");
    auto dump = unavailable_with(k, k.dir() / "empty", log);
    CHECK(test::shows_text(dump, "File terjemahan kiosk tidak ditemukan"));
    CHECK(log.find("cannot start: ") != std::string::npos);
    CHECK(log.find("id.json") != std::string::npos);
    keep_shot(k, "u.png", "unavailable_catalogs.png");
  }
  SUBCASE("en.json is not JSON") {
    auto assets = copy_catalogs(k);
    test::write_file(assets / "i18n" / "kiosk" / "en.json", "{\"home.question\": ");
    auto dump = unavailable_with(k, assets, log);
    CHECK(test::shows_text(dump, "File terjemahan kiosk rusak"));
    CHECK(log.find("en.json: not valid JSON") != std::string::npos);
  }
  SUBCASE("a word is missing") {
    auto assets = copy_catalogs(k);
    auto text = test::read_file(assets / "i18n" / "kiosk" / "id.json");
    auto at = text.find("  \"home.question\"");
    REQUIRE(at != std::string::npos);
    text.erase(at, text.find('\n', at) - at + 1);
    test::write_file(assets / "i18n" / "kiosk" / "id.json", text);
    auto dump = unavailable_with(k, assets, log);
    CHECK(test::shows_text(dump, "tidak lengkap"));
    CHECK(test::shows_text(dump, "home.question"));  // named for the technician
    CHECK(log.find("lacks 1 of the kiosk's words (home.question)") != std::string::npos);
  }
  SUBCASE("no id.json: never English quietly") {
    auto assets = copy_catalogs(k);
    fs::remove(assets / "i18n" / "kiosk" / "id.json");
    auto dump = unavailable_with(k, assets, log);
    CHECK(dump.at("language") == "id");
    CHECK(log.find("id.json") != std::string::npos);
  }
}

TEST_CASE("a full disk: the patient is told politely - home warns - admin shows why") {
  KioskOptions options;
  options.database = "small/kiosk.db";
  KioskFixture k(options);
  Tmpfs disk(k.dir() / "small", "size=1m");
  if (!disk.mounted()) {
    MESSAGE("skipped: cannot mount a small tmpfs (" << disk.error() << "); run as root to test it");
    return;
  }
  // Make the database, then fill the disk to within a little of full: room
  // to open the database (its 32 KB shared-memory file) but not to save.
  REQUIRE(k.run("expect home\n").code == 0);
  struct statvfs info {};
  REQUIRE(statvfs((k.dir() / "small").c_str(), &info) == 0);
  const auto free_bytes = static_cast<std::size_t>(info.f_bavail) * info.f_frsize;
  REQUIRE(free_bytes > 64 * 1024);
  test::write_file(k.dir() / "small" / "filler", std::string(free_bytes - 40 * 1024, 'f'));
  auto run = k.run(std::string(R"(
tap home.face.2
expect store_error
dump {out}/error.json
shot {out}/error.png
tap store_error.done
expect home
dump {out}/home.json
shot {out}/home.png
)") + kPinScript + "dump {out}/admin.json\nshot {out}/admin.png\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("error.json"), "Maaf, masukan Anda belum dapat disimpan."));
  CHECK(test::shows_text(k.dump("home.json"), "tidak dapat menyimpan masukan"));
  CHECK(test::shows_text(k.dump("admin.json"), "the disk is full"));
  CHECK(run.err.find("the disk is full") != std::string::npos);
  keep_shot(k, "error.png", "store_error.png");
  keep_shot(k, "home.png", "home_disk_full.png");
  keep_shot(k, "admin.png", "admin_disk_full.png");
}

TEST_CASE(
    "admin: five wrong PINs lock the pad for five minutes - a restart keeps the lock - the right "
    "PIN opens admin after it") {
  KioskFixture k;
  std::string script = "hold home.admin 3.2\nexpect admin_pin\n";
  for (int i = 0; i < 5; ++i) script += "tap pin.1\ntap pin.1\ntap pin.1\ntap pin.1\ntap pin.ok\n";
  script += "dump {out}/locked.json\nshot {out}/locked.png\n";
  auto run = k.run(script + "tap pin.2\n");
  CHECK(run.code != 0);
  CHECK(run.err.find("\"pin.2\" is disabled") != std::string::npos);
  CHECK(test::shows_text(k.dump("locked.json"), "Coba lagi dalam 5 menit"));
  keep_shot(k, "locked.png", "admin_pin_locked.png");
  // Pulling the plug does not reset the lock: a new kiosk process on the
  // same database opens the pad locked.
  auto restarted = k.run("hold home.admin 3.2\nexpect admin_pin\ndump {out}/restarted.json\ntap pin.2\n");
  CHECK(restarted.code != 0);
  CHECK(restarted.err.find("\"pin.2\" is disabled") != std::string::npos);
  CHECK(test::shows_text(k.dump("restarted.json"), "Coba lagi dalam 5 menit"));
  // Left alone, the pad times out to home; five minutes later the right
  // PIN works.
  auto later = k.run("hold home.admin 3.2\nexpect admin_pin\nadvance 301\nexpect home\n" +
                     std::string(kPinScript));
  REQUIRE_MESSAGE(later.code == 0, later.err);
  // A short tap on the corner does nothing; without a PIN hash there is no admin.
  auto tap = k.run("tap home.admin\nexpect home\n");
  REQUIRE_MESSAGE(tap.code == 0, tap.err);
}

TEST_CASE(
    "admin shows counts - device and today's faces - sync and export say clearly when kotak-sync "
    "is missing") {
  KioskFixture k;
  auto run = k.run(std::string(R"(
tap home.face.4
tap unit.skip
tap want_write.no
tap thanks.done
tap home.face.1
tap unit.skip
tap want_write.no
tap thanks.done
)") + kPinScript + R"(
dump {out}/admin.json
tap admin.sync
dump {out}/sync.json
tap admin.export
dump {out}/export.json
tap admin.touch_test
expect touch_test
drag 100 200 500 300
tap touch_test.back
expect admin
tap admin.back
expect home
)",
                   {"PATH=/usr/bin:/bin"});
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto admin = k.dump("admin.json");
  CHECK(test::shows_text(admin, "kiosk-lobby-1"));
  CHECK(test::shows_text(admin, "Belum pernah sinkron"));
  CHECK(test::shows_text(k.dump("sync.json"), "kotak-sync belum terpasang"));
  CHECK(test::shows_text(k.dump("export.json"), "kotak-sync belum terpasang"));
}

TEST_CASE("sync now runs kotak-sync once with the sync config - export goes to the USB stick") {
  KioskFixture k;
  // A stand-in for kotak-sync that records how it was called.
  fs::create_directories(k.dir() / "bin");
  test::write_file(
      k.dir() / "bin" / "kotak-sync",
      "#!/bin/sh\necho \"$@\" >> \"" + (k.dir() / "calls").string() +
          "\"\nif [ \"$1\" = export ]; then echo 12 answers > \"$2/kotak-export.txt\"; fi\n"
          "echo done: $1\n");
  fs::permissions(k.dir() / "bin" / "kotak-sync", fs::perms::owner_all);
  // The last sync result as kotak-sync leaves it.
  {
    auto store = core::Store::open(k.database());
    core::SyncStatus status;
    status.attempted_ms = core::now().unix_ms;
    status.result = "unreachable";
    status.detail = "Could not resolve host";
    store.set_sync_status(status);
  }
  const std::string path = "PATH=" + (k.dir() / "bin").string() + ":/usr/bin:/bin";
  auto run = k.run(std::string(kPinScript) + R"(
dump {out}/admin.json
tap admin.sync
wait-task
dump {out}/synced.json
tap admin.export
wait-task
dump {out}/no_usb.json
)",
                   {path});
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("admin.json"), "Server tidak dapat dihubungi"));
  CHECK(test::shows_text(k.dump("synced.json"), "Sinkron selesai"));
  CHECK(test::shows_text(k.dump("synced.json"), "done: once"));
  CHECK(test::shows_text(k.dump("no_usb.json"), "Tidak ada flashdisk USB"));
  auto calls = test::read_file(k.dir() / "calls");
  CHECK(calls == "once --config " + (k.dir() / "sync.toml").string() + "\n");

  Tmpfs usb(k.dir() / "media" / "KOTAK", "size=1m");
  if (!usb.mounted()) {
    MESSAGE("skipped the USB part: cannot mount a tmpfs (" << usb.error() << ")");
    return;
  }
  auto exported = k.run(
      std::string(kPinScript) + "tap admin.export\nwait-task\ndump {out}/exported.json\n", {path});
  REQUIRE_MESSAGE(exported.code == 0, exported.err);
  CHECK(test::shows_text(k.dump("exported.json"), "Ekspor selesai"));
  CHECK(test::read_file(k.dir() / "media" / "KOTAK" / "kotak-export.txt") == "12 answers\n");
}

TEST_CASE("admin removes delivered answers past the retention period - and nothing else") {
  KioskFixture k;
  // Retention counts from delivery: an answer made 200 days ago (a kiosk
  // that was offline) but delivered yesterday stays.
  std::vector<std::string> old_delivered, old_pending, recent_delivered;
  {
    auto store = core::Store::open(k.database());
    auto add = [&](std::int64_t ms, std::vector<std::string>& into) {
      core::Submission s;
      s.id = core::new_uuid();
      s.device_id = "kiosk-lobby-1";
      s.facility_id = "pkm-klaten-tengah";
      s.created_at = {ms, 420};
      s.rating = 3;
      store.add(s);
      into.push_back(s.id);
    };
    const std::int64_t day = 86'400'000, now = core::now().unix_ms;
    for (int i = 0; i < 3; ++i) add(now - 200 * day, old_delivered);
    add(now - 200 * day, old_pending);
    add(now - 200 * day, recent_delivered);
    add(now - 5 * day, recent_delivered);
    REQUIRE(store.mark_delivered(old_delivered, now - 100 * day) == 3);
    REQUIRE(store.mark_delivered(recent_delivered, now - day) == 2);
  }
  // "Hapus data terkirim" asks first: cancelling deletes nothing.
  auto cancelled = k.run(std::string(kPinScript) +
                         "tap admin.purge\ndump {out}/asked.json\nshot {out}/asked.png\n"
                         "tap admin.purge_cancel\ndump {out}/cancelled.json\n");
  REQUIRE_MESSAGE(cancelled.code == 0, cancelled.err);
  auto asked = k.dump("asked.json");
  CHECK(test::shows_text(asked, "Tidak dapat dibatalkan"));
  CHECK(test::target_ids(asked) ==
        std::vector<std::string>{"admin.back", "admin.purge_cancel", "admin.purge_confirm"});
  CHECK(core::Store::open(k.database()).counts().delivered == 5);
  CHECK(test::target_ids(k.dump("cancelled.json")).size() > 3);  // the actions again
  keep_shot(k, "asked.png", "admin_purge_confirm.png");

  auto run = k.run(std::string(kPinScript) +
                   "tap admin.purge\ntap admin.purge_confirm\ndump {out}/purged.json\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK(test::shows_text(k.dump("purged.json"), "3 jawaban lama yang sudah terkirim dihapus."));
  auto store = core::Store::open(k.database());
  for (const auto& id : old_delivered) CHECK_FALSE(store.find(id));
  CHECK(store.find(old_pending[0]));  // never sent: never removed
  for (const auto& id : recent_delivered) CHECK(store.find(id));
}

TEST_CASE("--hash-pin prints a hash the kiosk accepts") {
  test::TempDir dir;
  test::write_file(dir / "pin", "97531\n");
  test::Process process(
      {"/bin/sh", "-c", std::string(KOTAK_KIOSK_BIN) + " --hash-pin < " + (dir / "pin").string()},
      {}, "/dev/null");
  std::string out = process.read_all(std::chrono::seconds(30));
  CHECK(process.wait() == 0);
  CHECK(out.rfind("$argon2id$", 0) == 0);
  test::write_file(dir / "bad", "12\n");
  test::Process bad(
      {"/bin/sh", "-c", std::string(KOTAK_KIOSK_BIN) + " --hash-pin < " + (dir / "bad").string()},
      {}, "/dev/null");
  bad.read_all(std::chrono::seconds(30));
  CHECK(bad.wait() == 2);
}
