#include <doctest/doctest.h>

#include "core/config.hpp"
#include "core/wire.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;
using kotak::test::write_file;

namespace {

const std::filesystem::path kExamples =
    std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "config";

const char* kMinimalKiosk = R"(
[facility]
id = "pkm-puring"
name = "Puskesmas Puring"
[device]
id = "kiosk-1"
)";

// The message of the ConfigError that loading `text` as a kiosk config raises.
std::string kiosk_error(const std::string& text) {
  TempDir dir;
  write_file(dir / "kiosk.toml", text);
  try {
    load_kiosk_config(dir / "kiosk.toml");
  } catch (const ConfigError& error) {
    std::string message = error.what();
    auto at = message.find("kiosk.toml");
    return at == std::string::npos ? message : message.substr(at);
  }
  return "no error";
}

}  // namespace

TEST_CASE("the example kiosk config loads with its units in order") {
  auto c = load_kiosk_config(kExamples / "kiosk.toml");
  CHECK(c.facility_id == "pkm-klaten-tengah");
  CHECK(c.facility_name == "Puskesmas Klaten Tengah");
  CHECK(c.device_id == "kiosk-lobby-1");
  CHECK(c.database == "/var/lib/kotak/kiosk.db");
  CHECK(c.skm_url == "https://skm.klatenkab.go.id");
  CHECK(c.tap_interval_s == 3);
  CHECK(c.languages == std::vector<std::string>{"id", "en"});
  REQUIRE(c.units.size() == 6u);
  CHECK(c.units[1].id == "poli-umum");
  CHECK(c.units[1].label_for("en") == "General clinic");
  CHECK(c.units[1].label_for("jv") == "Poli Umum");  // falls back to Indonesian
  CHECK(c.admin_pin_hash.rfind("$argon2id$", 0) == 0);
  CHECK(c.sync_config == "/etc/kotak/sync.toml");
  CHECK(c.usb_root == "/media");
}

TEST_CASE("the example sync and server configs load") {
  auto sync = load_sync_config(kExamples / "sync.toml");
  CHECK(sync.server_url == "https://kotak.klatenkab.go.id");
  CHECK(sync.token_file == "/var/lib/kotak/device.token");
  CHECK(sync.batch_items == 200);
  CHECK(sync.ca_file.empty());
  auto server = load_server_config(kExamples / "server.toml");
  CHECK(server.port == 8080);
  CHECK(server.engine == "sqlite");
  // The seal keys sit in the server's state directory, beside its database.
  CHECK(server.seal_key_dir == "/var/lib/kotak/seal-keys");
  CHECK(server.due_hours == 72);
  REQUIRE(server.units.size() == 6u);
  CHECK(server.units[5].label_for("en") == "Pharmacy");
  CHECK(server.session.idle_minutes == 480);
  CHECK(server.session.secure_cookie == "auto");
  CHECK(server.mail.smtp_url.empty());
  CHECK(server.mail.recipients.empty());
  CHECK(server.retention.identity_days == 365);
  CHECK(server.retention.hour == 2);
}

TEST_CASE("server retention settings: a year by default, checked with the allowed range") {
  TempDir dir;
  write_file(dir / "server.toml", "[server]\nport = 8080\n");
  auto defaults = load_server_config(dir / "server.toml");
  CHECK(defaults.retention.identity_days == 365);
  CHECK(defaults.retention.hour == 2);
  write_file(dir / "server.toml", "[retention]\nidentity_days = 730\nhour = 23\n");
  auto set = load_server_config(dir / "server.toml");
  CHECK(set.retention.identity_days == 730);
  CHECK(set.retention.hour == 23);
  write_file(dir / "server.toml", "[retention]\nidentity_days = 7\n");
  CHECK_THROWS_WITH_AS(load_server_config(dir / "server.toml"),
                       doctest::Contains("retention.identity_days: expected a whole number from 30 to 3650, found 7"),
                       ConfigError);
  write_file(dir / "server.toml", "[retention]\nhour = 24\n");
  CHECK_THROWS_WITH_AS(load_server_config(dir / "server.toml"), doctest::Contains("retention.hour"), ConfigError);
  write_file(dir / "server.toml", "[retention]\nidentity_days = \"1 year\"\n");
  CHECK_THROWS_AS(load_server_config(dir / "server.toml"), ConfigError);
  write_file(dir / "server.toml", "[retention]\nidentity_dayz = 400\n");  // a typo is refused too
  CHECK_THROWS_WITH_AS(load_server_config(dir / "server.toml"), doctest::Contains("identity_dayz"), ConfigError);
}

TEST_CASE("server mail settings are checked") {
  TempDir dir;
  write_file(dir / "server.toml", R"(
[mail]
smtp_url = "smtp://127.0.0.1:2525"
from = "kotak@pkm.example.go.id"
[[mail.recipients]]
facility = "pkm-test"
to = ["mutu@pkm.example.go.id", "kepala@pkm.example.go.id"]
[[mail.recipients]]
facility = "*"
to = ["dinkes@example.go.id"]
)");
  auto c = load_server_config(dir / "server.toml");
  CHECK(c.mail.smtp_url == "smtp://127.0.0.1:2525");
  REQUIRE(c.mail.recipients.size() == 2u);
  CHECK(c.mail.recipients[0].to.size() == 2u);
  CHECK(c.mail.recipients[1].facility == "*");
  // Reminders (issue 15 item 3): on, the heads' digest at 7 unless set.
  CHECK(c.mail.reminders);
  CHECK(c.mail.digest_hour == 7);
  write_file(dir / "server.toml", "[mail]\nreminders = false\ndigest_hour = 16\n");
  CHECK_FALSE(load_server_config(dir / "server.toml").mail.reminders);
  CHECK(load_server_config(dir / "server.toml").mail.digest_hour == 16);
  write_file(dir / "server.toml", "[mail]\ndigest_hour = 24\n");
  CHECK_THROWS_WITH_AS(load_server_config(dir / "server.toml"),
                       doctest::Contains("mail.digest_hour: expected a whole number from 0 to 23, found 24"), ConfigError);

  write_file(dir / "server.toml", "[mail]\nsmtp_url = \"http://mail\"\nfrom = \"a@b\"\n");
  CHECK_THROWS_WITH_AS(load_server_config(dir / "server.toml"),
                       doctest::Contains("mail.smtp_url"), ConfigError);
  write_file(dir / "server.toml",
             "[mail]\nsmtp_url = \"smtp://m:25\"\nfrom = \"a@b\"\n[[mail.recipients]]\n"
             "facility = \"x\"\nto = [\"a@b>\\r\\nBcc: c@d\"]\n");
  CHECK_THROWS_AS(load_server_config(dir / "server.toml"), ConfigError);
  write_file(dir / "server.toml", "[session]\nsecure_cookie = \"maybe\"\n");
  CHECK_THROWS_AS(load_server_config(dir / "server.toml"), ConfigError);
}

TEST_CASE("the server's database: a SQLite file, or PostgreSQL by URL or by table, never a password") {
  TempDir dir;
  auto load = [&](const std::string& text) {
    write_file(dir / "server.toml", text);
    return load_server_config(dir / "server.toml");
  };
  auto setting = [](const PostgresConfig& p, const std::string& key) {
    for (const auto& [k, v] : p.params)
      if (k == key) return v;
    return std::string("(none)");
  };
  auto sqlite = load("[storage]\ndatabase = \"data/server.db\"\n");
  CHECK(sqlite.engine == "sqlite");
  CHECK(sqlite.database == dir / "data/server.db");

  auto by_url = load("[storage]\ndatabase = \"postgresql://kotak@db.dinkes.local:5432/kotak?sslmode=verify-full\"\n"
                     "[postgresql]\npassword_file = \"pg.password\"\npool = 12\n");
  CHECK(by_url.engine == "postgresql");
  CHECK(setting(by_url.postgres, "dbname") == "postgresql://kotak@db.dinkes.local:5432/kotak?sslmode=verify-full");
  CHECK(by_url.postgres.password_file == dir / "pg.password");
  CHECK(by_url.postgres.pool == 12);

  auto by_table = load("[postgresql]\nhost = \"10.0.0.5\"\ndbname = \"kotak_klaten\"\nsslmode = \"require\"\n");
  CHECK(by_table.engine == "postgresql");
  CHECK(setting(by_table.postgres, "host") == "10.0.0.5");
  CHECK(setting(by_table.postgres, "port") == "5432");
  CHECK(setting(by_table.postgres, "user") == "kotak");
  CHECK(setting(by_table.postgres, "sslmode") == "require");
  CHECK(setting(by_table.postgres, "password") == "(none)");
  CHECK(by_table.postgres.where == "'kotak_klaten' on 10.0.0.5:5432");

  // A password never sits in the config: it says where it goes instead.
  for (const char* text : {"[storage]\ndatabase = \"postgresql://kotak:geheim@db/kotak\"\n",
                           "[postgresql]\nurl = \"postgresql://db/kotak?password=geheim\"\n",
                           "[postgresql]\nhost = \"db\"\npassword = \"geheim\"\n"})
    CHECK_THROWS_WITH_AS(load(text), doctest::Contains("password_file"), ConfigError);
  // The engine and the database agree, and the database is named once.
  CHECK_THROWS_WITH_AS(load("[storage]\nengine = \"sqlite\"\n[postgresql]\nhost = \"db\"\n"),
                       doctest::Contains("storage.engine"), ConfigError);
  CHECK_THROWS_WITH_AS(load("[storage]\nengine = \"postgresql\"\n"), doctest::Contains("[postgresql]"),
                       ConfigError);
  CHECK_THROWS_AS(load("[storage]\ndatabase = \"postgresql://db/a\"\n[postgresql]\nurl = \"postgresql://db/b\"\n"),
                  ConfigError);
  CHECK_THROWS_AS(load("[postgresql]\nurl = \"postgresql://db/a\"\nhost = \"db\"\n"), ConfigError);
  CHECK_THROWS_AS(load("[postgresql]\nsslmode = \"sometimes\"\n"), ConfigError);
}

TEST_CASE("server port 0 asks for any free port") {
  TempDir dir;
  write_file(dir / "server.toml", "[server]\nport = 0\n");
  CHECK(load_server_config(dir / "server.toml").port == 0);
  write_file(dir / "server.toml", "[server]\nport = 70000\n");
  CHECK_THROWS_AS(load_server_config(dir / "server.toml"), ConfigError);
}

TEST_CASE("defaults fill what a minimal kiosk config leaves out") {
  TempDir dir;
  write_file(dir / "kiosk.toml", kMinimalKiosk);
  auto c = load_kiosk_config(dir / "kiosk.toml");
  CHECK(c.idle_timeout_s == 60);
  CHECK(c.thanks_timeout_s == 8);
  CHECK(c.units.empty());
  CHECK(c.skm_url.empty());
  CHECK(c.admin_pin_hash.empty());
  CHECK(c.sync_config == "/etc/kotak/sync.toml");
  CHECK(c.usb_root == "/media");
}

TEST_CASE("relative paths are taken from the config file's directory") {
  TempDir dir;
  write_file(dir / "kiosk.toml",
             std::string(kMinimalKiosk) + "[storage]\ndatabase = \"data/kiosk.db\"\n");
  CHECK(load_kiosk_config(dir / "kiosk.toml").database == dir / "data/kiosk.db");
  write_file(dir / "kiosk.toml", std::string(kMinimalKiosk) +
                                     "[admin]\nsync_config = \"sync.toml\"\nusb_root = \"usb\"\n");
  CHECK(load_kiosk_config(dir / "kiosk.toml").sync_config == dir / "sync.toml");
  CHECK(load_kiosk_config(dir / "kiosk.toml").usb_root == dir / "usb");
}

TEST_CASE("config errors name the file, the line, the key and what is allowed") {
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[kiosk]\nidle_timeout_s = \"sixty\"\n") ==
        "kiosk.toml:8: kiosk.idle_timeout_s: expected a whole number from 15 to 600, found the "
        "string \"sixty\"");
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[kiosk]\nidle_timeout_s = 5\n") ==
        "kiosk.toml:8: kiosk.idle_timeout_s: expected a whole number from 15 to 600, found 5");
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[display]\nrotation = 45\n") ==
        "kiosk.toml:8: display.rotation: expected one of 0, 90, 180, 270, found 45");
}

TEST_CASE("an unknown key is an error that lists the keys allowed there") {
  auto message = kiosk_error(std::string(kMinimalKiosk) + "[kiosk]\nidel_timeout_s = 30\n");
  CHECK(message.rfind("kiosk.toml:8: unknown key kiosk.idel_timeout_s; the keys allowed here are ",
                      0) == 0);
  CHECK(message.find("idle_timeout_s") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[colours]\nbackground = \"white\"\n")
            .rfind("kiosk.toml:7: unknown key colours", 0) == 0);
}

TEST_CASE("a missing required key says where to add it, with an example") {
  CHECK(
      kiosk_error("[facility]\nname = \"Puskesmas Puring\"\n[device]\nid = \"k1\"\n") ==
      "kiosk.toml:1: facility.id is missing; add it, for example id = \"pkm-klaten-tengah\" under "
      "[facility]");
}

TEST_CASE("bad TOML syntax and unreadable files are clear errors") {
  CHECK(kiosk_error("[facility\nid = 1\n").rfind("kiosk.toml:1:", 0) == 0);
  CHECK(kiosk_error("[facility]\nid = \"a\"\nid = \"b\"\n").find("not valid TOML") !=
        std::string::npos);
  CHECK(kiosk_error("\xff\xfe[facility]").find("not UTF-8") != std::string::npos);
  try {
    load_kiosk_config("/nonexistent/kiosk.toml");
    FAIL("loaded a missing file");
  } catch (const ConfigError& error) {
    CHECK(std::string(error.what()).find("it does not exist") != std::string::npos);
  }
}

TEST_CASE("identifiers, URLs, units and languages are validated") {
  CHECK(kiosk_error("[facility]\nid = \"pkm puring\"\nname = \"x\"\n[device]\nid = \"k\"\n")
            .find("facility.id: expected 1 to 64 of the characters") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[skm]\nurl = \"skm.klatenkab.go.id\"\n")
            .find("skm.url: expected a web address starting with http:// or https://") !=
        std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) +
                    "[[units]]\nid = \"kia\"\nlabel = { id = \"KIA\" }\n[[units]]\nid = "
                    "\"kia\"\nlabel = { id = \"KB\" }\n")
            .find("is used twice") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[[units]]\nid = \"kia\"\n")
            .find("units[0].label.id is missing") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[admin]\npin_hash = \"1234\"\n")
            .find("kotak-kiosk --hash-pin") != std::string::npos);
}

TEST_CASE("the kiosk offers Basa Jawa alone, beside Indonesian, or first") {
  TempDir dir;
  auto languages = [&](const std::string& list) {
    write_file(dir / "kiosk.toml",
               std::string(kMinimalKiosk) + "[kiosk]\nlanguages = " + list + "\n");
    return load_kiosk_config(dir / "kiosk.toml").languages;
  };
  CHECK(languages(R"(["jv"])") == std::vector<std::string>{"jv"});
  CHECK(languages(R"(["id", "jv"])") == std::vector<std::string>{"id", "jv"});
  CHECK(languages(R"(["id", "en", "jv"])") == std::vector<std::string>{"id", "en", "jv"});
  CHECK(languages(R"(["jv", "id"])") == std::vector<std::string>{"jv", "id"});
  CHECK(languages(R"(["en", "id"])") == std::vector<std::string>{"en", "id"});
}

TEST_CASE("an unknown, repeated or missing language is a config error naming the codes") {
  const std::string kiosk = std::string(kMinimalKiosk) + "[kiosk]\nlanguages = ";
  CHECK(kiosk_error(kiosk + R"(["xx"])") ==
        "kiosk.toml:8: kiosk.languages: unknown language \"xx\"; the kiosk speaks \"id\", "
        "\"en\" or \"jv\" (Bahasa Indonesia, English, Basa Jawa)");
  CHECK(kiosk_error(kiosk + R"(["id", "jw"])").find("unknown language \"jw\"") !=
        std::string::npos);
  CHECK(kiosk_error(kiosk + R"(["id", "jv", "id"])").find("\"id\" is listed twice") !=
        std::string::npos);
  CHECK(kiosk_error(kiosk + "[]").find("expected at least one language") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) +
                    "[[units]]\nid = \"kia\"\nlabel = { id = \"KIA\", xx = \"?\" }\n")
            .find("xx") != std::string::npos);
}

TEST_CASE("sync config checks its server address and backoff") {
  TempDir dir;
  write_file(dir / "sync.toml",
             "[server]\nurl = \"http://127.0.0.1:8080\"\n[sync]\nbackoff_initial_ms = "
             "5000\nbackoff_max_ms = 100\n");
  CHECK_THROWS_WITH_AS(
      load_sync_config(dir / "sync.toml"),
      doctest::Contains("backoff_max_ms: must not be smaller than backoff_initial_ms"),
      ConfigError);
  write_file(dir / "sync.toml", "[storage]\ndatabase = \"k.db\"\n");
  CHECK_THROWS_WITH_AS(load_sync_config(dir / "sync.toml"),
                       doctest::Contains("server.url is missing"), ConfigError);
}

TEST_CASE("sync batch_bytes: a config from before recordings still loads, raised to the largest item") {
  TempDir dir;
  const std::string head = "[server]\nurl = \"http://127.0.0.1:8080\"\n[sync]\n";
  write_file(dir / "sync.toml", head + "batch_bytes = 1048576\n");
  CHECK(load_sync_config(dir / "sync.toml").batch_bytes == static_cast<std::int64_t>(wire::kMaxItemBytes));
  write_file(dir / "sync.toml", head + "batch_bytes = 4194304\n");
  CHECK(load_sync_config(dir / "sync.toml").batch_bytes == 4194304);
  write_file(dir / "sync.toml", head + "batch_bytes = 1000\n");
  CHECK_THROWS_WITH_AS(load_sync_config(dir / "sync.toml"), doctest::Contains("batch_bytes"), ConfigError);
}

TEST_CASE("kiosk [speech]: defaults, and each setting checked with a message that says what to do") {
  TempDir dir;
  write_file(dir / "kiosk.toml", kMinimalKiosk);
  const auto defaults = load_kiosk_config(dir / "kiosk.toml").speech;
  CHECK(defaults.enabled);
  CHECK_FALSE(defaults.auto_speak);
  CHECK(defaults.volume == 80);
  CHECK_FALSE(defaults.quiet_hours.has_value());
  CHECK_FALSE(defaults.muted());

  write_file(dir / "kiosk.toml", std::string(kMinimalKiosk) +
                                     "[speech]\nenabled = true\nauto = true\nvolume = 0\n"
                                     "quiet_hours = \"21:30-05:45\"\n");
  const auto set = load_kiosk_config(dir / "kiosk.toml").speech;
  CHECK(set.auto_speak);
  CHECK(set.volume == 0);
  CHECK(set.muted());
  REQUIRE(set.quiet_hours.has_value());
  CHECK(set.quiet_hours->start == 21 * 60 + 30);
  CHECK(set.quiet_hours->end == 5 * 60 + 45);

  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[speech]\nvolume = 101\n").find("speech.volume") !=
        std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[speech]\nvolume = \"loud\"\n")
            .find("speech.volume") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[speech]\nenabled = \"yes\"\n")
            .find("speech.enabled") != std::string::npos);
  const std::string window =
      kiosk_error(std::string(kMinimalKiosk) + "[speech]\nquiet_hours = \"21.00-06.00\"\n");
  CHECK(window.find("speech.quiet_hours") != std::string::npos);
  CHECK(window.find("HH:MM-HH:MM") != std::string::npos);
  CHECK(kiosk_error(std::string(kMinimalKiosk) + "[speech]\nautomatic = true\n").find("automatic") !=
        std::string::npos);
}

TEST_CASE("the longest voice complaint: 120 s by default, 0 turns it off, 10..300 allowed") {
  TempDir dir;
  write_file(dir / "kiosk.toml", kMinimalKiosk);
  CHECK(load_kiosk_config(dir / "kiosk.toml").max_voice_seconds == 120);
  write_file(dir / "kiosk.toml", std::string(kMinimalKiosk) + "[kiosk]\nmax_voice_seconds = 0\n");
  CHECK(load_kiosk_config(dir / "kiosk.toml").max_voice_seconds == 0);
  write_file(dir / "kiosk.toml", std::string(kMinimalKiosk) + "[kiosk]\nmax_voice_seconds = 300\n");
  CHECK(load_kiosk_config(dir / "kiosk.toml").max_voice_seconds == 300);
  for (const char* bad : {"5", "301", "-1", "\"2 minutes\""}) {
    CAPTURE(bad);
    const std::string error =
        kiosk_error(std::string(kMinimalKiosk) + "[kiosk]\nmax_voice_seconds = " + bad + "\n");
    CHECK(error.find("max_voice_seconds") != std::string::npos);
  }
}
