// See config.hpp. Each loader reads its sections in file order; the reader
// (config_reader.hpp) does the checking and the error messages.
#include "core/config.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "core/config_reader.hpp"
#include "core/i18n.hpp"
#include "core/submission.hpp"
#include "core/wire.hpp"

namespace kotak::core {

bool plausible_address(const std::string& address) {
  auto at = address.find('@');
  return at != std::string::npos && at > 0 && at + 1 < address.size() &&
         address.find_first_of(" \t\r\n<>,;\"") == std::string::npos && address.size() <= 254;
}

namespace {

std::string identifier(ConfigTable& table, const std::string& key, const std::string& example) {
  auto value = table.required_string(key, example);
  if (!is_identifier(value))
    table.fail(key,
               "expected 1 to 64 of the characters A-Z a-z 0-9 . _ -, found \"" + value + "\"");
  return value;
}

std::vector<Unit> read_units(ConfigTable& root) {
  std::vector<Unit> units;
  for (auto& table : root.tables("units")) {
    Unit unit;
    unit.id = identifier(table, "id", "poli-umum");
    for (const auto& other : units)
      if (other.id == unit.id) table.fail("id", "the unit id \"" + unit.id + "\" is used twice");
    auto label = table.table("label");
    unit.label["id"] = label.required_string("id", "Poli Umum");
    for (auto code : kLanguageCodes) {
      const std::string language(code);
      if (language != "id" && label.has(language))
        unit.label[language] = label.string(language, "", 60);
    }
    units.push_back(std::move(unit));
  }
  return units;
}

// The languages the kiosk offers; the first is the one home starts in and
// returns to. Usually Bahasa Indonesia first, but a kiosk may offer Basa
// Jawa alone (["jv"]) or first.
std::vector<std::string> read_languages(ConfigTable& kiosk) {
  auto languages = kiosk.strings("languages", {"id", "en"});
  if (languages.empty())
    kiosk.fail("languages", "expected at least one language, e.g. [\"id\", \"en\", \"jv\"]");
  for (std::size_t i = 0; i < languages.size(); ++i) {
    if (!is_language_code(languages[i]))
      kiosk.fail("languages", "unknown language \"" + languages[i] + "\"; the kiosk speaks " +
                                  language_codes_text() +
                                  " (Bahasa Indonesia, English, Basa Jawa)");
    for (std::size_t j = 0; j < i; ++j)
      if (languages[j] == languages[i])
        kiosk.fail("languages", "\"" + languages[i] + "\" is listed twice");
  }
  return languages;
}

SpeechConfig read_speech(ConfigTable table) {
  SpeechConfig s;
  s.enabled = table.boolean("enabled", true);
  s.auto_speak = table.boolean("auto", false);
  s.volume = static_cast<int>(table.integer("volume", 80, 0, 100));
  const std::string window = table.string("quiet_hours", "", 32);
  if (!window.empty()) {
    std::string error;
    s.quiet_hours = parse_quiet_hours(window, error);
    if (!s.quiet_hours) table.fail("quiet_hours", error + " (leave it out for no quiet hours)");
  }
  return s;
}

SessionConfig read_session(ConfigTable table) {
  SessionConfig s;
  s.idle_minutes = static_cast<int>(table.integer("idle_minutes", 480, 5, 7 * 24 * 60));
  s.max_hours = static_cast<int>(table.integer("max_hours", 12, 1, 24 * 30));
  s.secure_cookie = table.choice("secure_cookie", "auto", {"auto", "yes", "no"});
  s.login_attempts = static_cast<int>(table.integer("login_attempts", 5, 1, 1000));
  s.login_window_minutes = static_cast<int>(table.integer("login_window_minutes", 15, 1, 24 * 60));
  s.login_account_attempts =
      static_cast<int>(table.integer("login_account_attempts", 20, 1, 100000));
  if (s.login_account_attempts < s.login_attempts)
    table.fail("login_account_attempts", "must not be smaller than login_attempts");
  return s;
}

RetentionConfig read_retention(ConfigTable table) {
  RetentionConfig r;
  // At least a month: a closed case may be reopened when the person comes
  // back; at most ten years, the longest any rule asks records to be kept.
  r.identity_days = static_cast<int>(table.integer("identity_days", 365, 30, 3650));
  r.hour = static_cast<int>(table.integer("hour", 2, 0, 23));
  return r;
}

bool is_ip_address(const std::string& text) {
  unsigned char address[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), address) == 1 ||
         inet_pton(AF_INET6, text.c_str(), address) == 1;
}

MailConfig read_mail(ConfigTable table) {
  MailConfig m;
  m.smtp_url = table.string("smtp_url", "", 2000);
  if (!m.smtp_url.empty() && m.smtp_url.rfind("smtp://", 0) != 0 &&
      m.smtp_url.rfind("smtps://", 0) != 0)
    table.fail("smtp_url", "expected smtp://host:port or smtps://host:port, found \"" +
                               m.smtp_url + "\"");
  m.from = table.string("from", "", 254);
  if (!m.smtp_url.empty() && !plausible_address(m.from))
    table.fail("from", "expected the sender's mail address, e.g. kotak@puskesmas.example.go.id");
  m.username = table.string("username", "", 254);
  m.password_file = table.path("password_file", "");
  m.require_tls = table.boolean("require_tls", false);
  m.timeout_s = static_cast<int>(table.integer("timeout_s", 30, 1, 600));
  m.poll_s = static_cast<int>(table.integer("poll_s", 30, 1, 3600));
  m.reminders = table.boolean("reminders", true);
  m.digest_hour = static_cast<int>(table.integer("digest_hour", 7, 0, 23));
  for (auto& entry : table.tables("recipients")) {
    MailRecipients r;
    r.facility = entry.required_string("facility", "pkm-klaten-tengah");
    if (r.facility != "*" && !is_identifier(r.facility))
      entry.fail("facility", "expected a facility id or \"*\" for every facility");
    r.to = entry.strings("to", {});
    if (r.to.empty()) entry.fail("to", "expected at least one address, e.g. [\"mutu@example.go.id\"]");
    for (const auto& address : r.to)
      if (!plausible_address(address))
        entry.fail("to", "\"" + address + "\" does not look like a mail address");
    m.recipients.push_back(std::move(r));
  }
  return m;
}

bool is_postgres_url(const std::string& text) {
  return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

// A password written into the config would be read by anyone who may read
// the file and would show in logs of the connection string: refused.
void refuse_url_password(ConfigTable& table, const std::string& key, const std::string& url) {
  auto rest = url.substr(url.find("://") + 3);
  auto userinfo = rest.substr(0, rest.find_first_of("/?"));
  auto at = userinfo.rfind('@');
  bool inline_password = at != std::string::npos && userinfo.substr(0, at).find(':') != std::string::npos;
  if (inline_password || rest.find("password=") != std::string::npos)
    table.fail(key, "holds a password; put it in [postgresql] password_file (one line, mode 0600) "
                    "or in PGPASSFILE instead");
}

// [postgresql]: a url, or host, port, dbname, user and sslmode; the
// password from a file; the pool size.
PostgresConfig read_postgres(ConfigTable table, const std::string& storage_url) {
  PostgresConfig p;
  p.params.emplace_back("application_name", "kotak-server");
  p.params.emplace_back("connect_timeout", "10");
  if (table.has("password"))
    table.fail("password", "is never written in the config; put it in password_file (one line, mode "
                           "0600) or in PGPASSFILE");
  std::string url = storage_url.empty() ? table.string("url", "", 2000) : storage_url;
  if (!url.empty()) {
    if (!is_postgres_url(url))
      table.fail("url", "expected postgresql://user@host:port/database, found \"" + url + "\"");
    refuse_url_password(table, storage_url.empty() ? "url" : "database", url);
    for (const char* key : {"host", "port", "dbname", "user"})
      if (table.has(key)) table.fail(key, "give either a URL or host/port/dbname/user, not both");
    p.params.emplace_back("dbname", url);
    p.where = url;
  } else {
    auto host = table.string("host", "localhost", 255);
    auto port = table.integer("port", 5432, 1, 65535);
    auto dbname = table.string("dbname", "kotak", 63);
    auto user = table.string("user", "kotak", 63);
    p.params.emplace_back("host", host);
    p.params.emplace_back("port", std::to_string(port));
    p.params.emplace_back("dbname", dbname);
    p.params.emplace_back("user", user);
    p.where = "'" + dbname + "' on " + host + ":" + std::to_string(port);
  }
  if (table.has("sslmode"))
    p.params.emplace_back(
        "sslmode", table.choice("sslmode", "prefer",
                                {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}));
  p.password_file = table.path("password_file", "");
  p.pool = static_cast<int>(table.integer("pool", 8, 1, 256));
  return p;
}

// [storage]: SQLite's file, or PostgreSQL by a postgresql:// database or a
// [postgresql] table; engine, when given, must agree.
void read_storage(ConfigTable& root, ServerConfig& c) {
  auto storage = root.table("storage");
  std::string url;
  if (storage.has("database")) {
    auto text = storage.string("database", "", 2000);
    if (is_postgres_url(text)) url = text;
  }
  bool postgres = !url.empty() || root.has("postgresql");
  c.engine = storage.choice("engine", postgres ? "postgresql" : "sqlite", {"sqlite", "postgresql"});
  if (c.engine == "sqlite") {
    if (postgres) storage.fail("engine", "is \"sqlite\" but the config names a PostgreSQL database");
    c.database = storage.path("database", "/var/lib/kotak/server.db");
    // Beside the database by default: the server's state directory.
    c.seal_key_dir = storage.path("seal_key_dir", c.database.parent_path() / "seal-keys");
    return;
  }
  // No file to sit beside: the server's state directory. Every server
  // process on one PostgreSQL database needs the same key pairs.
  c.seal_key_dir = storage.path("seal_key_dir", "/var/lib/kotak/seal-keys");
  if (!postgres)
    storage.fail("engine", "is \"postgresql\": add a [postgresql] table, or database = \"postgresql://...\"");
  if (storage.has("database") && url.empty())
    storage.fail("database", "is a SQLite file, but the engine is PostgreSQL: remove it, or give "
                             "a postgresql:// URL");
  auto table = root.table("postgresql");
  if (!url.empty() && table.has("url"))
    storage.fail("database", "names the database twice: here and in [postgresql] url");
  c.postgres = read_postgres(table, url);
}

}  // namespace

const std::string& Unit::label_for(const std::string& language) const {
  auto it = label.find(language);
  return it != label.end() ? it->second : label.at("id");
}

KioskConfig load_kiosk_config(const std::filesystem::path& file) {
  return read_config_file(file, [&](ConfigTable& root) {
    KioskConfig c;
    c.file = file;
    auto facility = root.table("facility");
    c.facility_id = identifier(facility, "id", "pkm-klaten-tengah");
    c.facility_name = facility.required_string("name", "Puskesmas Klaten Tengah");
    auto device = root.table("device");
    c.device_id = identifier(device, "id", "kiosk-1");
    auto storage = root.table("storage");
    c.database = storage.path("database", "/var/lib/kotak/kiosk.db");
    c.retention_days = static_cast<int>(storage.integer("retention_days", 90, 7, 3650));
    auto display = root.table("display");
    c.rotation = static_cast<int>(display.integer_choice("rotation", 0, {0, 90, 180, 270}));
    c.fullscreen = display.boolean("fullscreen", true);
    c.px_per_mm = display.number("px_per_mm", 0, 0, 40);
    if (c.px_per_mm > 0 && c.px_per_mm < 2)
      display.fail("px_per_mm", "expected 0 (a default by the panel's size) or the panel's pixels "
                                "per millimetre, 2 to 40 (a 7-inch 800x480 panel has 5.2)");
    auto kiosk = root.table("kiosk");
    c.languages = read_languages(kiosk);
    c.idle_timeout_s = static_cast<int>(kiosk.integer("idle_timeout_s", 60, 15, 600));
    c.idle_warning_s = static_cast<int>(kiosk.integer("idle_warning_s", 15, 5, 60));
    c.follow_up_s = static_cast<int>(kiosk.integer("follow_up_s", 20, 5, 120));
    c.thanks_timeout_s = static_cast<int>(kiosk.integer("thanks_timeout_s", 8, 3, 60));
    c.tap_interval_s = static_cast<int>(kiosk.integer("tap_interval_s", 3, 0, 60));
    c.max_text_chars = static_cast<int>(
        kiosk.integer("max_text_chars", 1000, 50, static_cast<std::int64_t>(kMaxTextChars)));
    c.board_rotate_s = static_cast<int>(kiosk.integer("board_rotate_s", 8, 3, 120));
    c.max_voice_seconds =
        static_cast<int>(kiosk.integer("max_voice_seconds", 120, 0, kMaxAudioSeconds));
    if (c.max_voice_seconds > 0 && c.max_voice_seconds < 10)
      kiosk.fail("max_voice_seconds", "must be 0 (no \"Rekam suara\") or 10.." +
                                          std::to_string(kMaxAudioSeconds) + " seconds");
    auto skm = root.table("skm");
    c.skm_url = skm.url("url", "");
    auto tracking = root.table("tracking");
    c.tracking_url = tracking.url("public_url", "");
    auto admin = root.table("admin");
    c.admin_pin_hash = admin.string("pin_hash", "", 256);
    if (!c.admin_pin_hash.empty() && c.admin_pin_hash.rfind("$argon2id$", 0) != 0)
      admin.fail("pin_hash",
                 "expected a hash made by `kotak-kiosk --hash-pin`, starting with $argon2id$");
    c.sync_config = admin.path("sync_config", "/etc/kotak/sync.toml");
    c.usb_root = admin.path("usb_root", "/media");
    c.units = read_units(root);
    c.speech = read_speech(root.table("speech"));
    return c;
  });
}

SyncConfig load_sync_config(const std::filesystem::path& file) {
  return read_config_file(file, [&](ConfigTable& root) {
    SyncConfig c;
    c.file = file;
    auto server = root.table("server");
    c.server_url = server.url("url", "");
    if (c.server_url.empty()) server.required_string("url", "https://kotak.dinkes.example.go.id");
    c.token_file = server.path("token_file", "/var/lib/kotak/device.token");
    c.signing_key_file = server.path("signing_key_file", c.token_file.parent_path() / "device.key");
    c.ca_file = server.path("ca_file", "");
    c.pinned_public_key = server.string("pinned_public_key", "", 2000);
    if (!c.pinned_public_key.empty() && c.pinned_public_key.rfind("sha256//", 0) != 0)
      server.fail("pinned_public_key",
                  "expected \"sha256//\" followed by the base64 hash of the key");
    auto storage = root.table("storage");
    c.database = storage.path("database", "/var/lib/kotak/kiosk.db");
    c.retention_days = static_cast<int>(storage.integer("retention_days", 90, 7, 3650));
    auto sync = root.table("sync");
    c.batch_items = static_cast<int>(sync.integer("batch_items", 200, 1, 500));
    // At least the largest item (a recording at its limit), so that no
    // answer is ever too big for a batch (wire.hpp, kMaxItemBytes). A config
    // written before recordings may name less (down to the old 64 KiB): it
    // still loads, and counts as the largest item, so an upgrade never stops
    // a kiosk's sync over a number.
    c.batch_bytes = std::max(sync.integer("batch_bytes", 2 * 1024 * 1024, 64 * 1024, 8 * 1024 * 1024),
                             static_cast<std::int64_t>(wire::kMaxItemBytes));
    c.connect_timeout_s = static_cast<int>(sync.integer("connect_timeout_s", 10, 1, 300));
    c.timeout_s = static_cast<int>(sync.integer("timeout_s", 60, 1, 3600));
    c.low_speed_bytes = static_cast<int>(sync.integer("low_speed_bytes", 64, 1, 1 << 20));
    c.low_speed_time_s = static_cast<int>(sync.integer("low_speed_time_s", 30, 1, 3600));
    c.retries = static_cast<int>(sync.integer("retries", 4, 0, 20));
    c.backoff_initial_ms = static_cast<int>(sync.integer("backoff_initial_ms", 1000, 10, 600000));
    c.backoff_max_ms = static_cast<int>(sync.integer("backoff_max_ms", 60000, 10, 3600000));
    if (c.backoff_max_ms < c.backoff_initial_ms)
      sync.fail("backoff_max_ms", "must not be smaller than backoff_initial_ms");
    return c;
  });
}

ServerConfig load_server_config(const std::filesystem::path& file) {
  return read_config_file(file, [&](ConfigTable& root) {
    ServerConfig c;
    c.file = file;
    auto server = root.table("server");
    c.listen = server.string("listen", "127.0.0.1", 255);
    // 0 lets the system pick a free port, which `serve` prints (tests, make run).
    c.port = static_cast<int>(server.integer("port", 8080, 0, 65535));
    c.public_url = server.url("public_url", "");
    c.threads = static_cast<int>(server.integer("threads", 8, 1, 256));
    c.max_connections = static_cast<int>(server.integer("max_connections", 1000, 8, 100000));
    c.max_connections_per_address =
        static_cast<int>(server.integer("max_connections_per_address", 32, 1, 100000));
    c.head_timeout_s = static_cast<int>(server.integer("head_timeout_s", 10, 1, 600));
    c.request_timeout_s = static_cast<int>(server.integer("request_timeout_s", 60, 1, 3600));
    if (c.request_timeout_s < c.head_timeout_s)
      server.fail("request_timeout_s", "must not be shorter than head_timeout_s");
    c.trusted_proxies = server.strings("trusted_proxies", {});
    for (const auto& proxy : c.trusted_proxies)
      if (!is_ip_address(proxy))
        server.fail("trusted_proxies",
                    "expected IP addresses such as \"127.0.0.1\" or \"::1\", found \"" + proxy + "\"");
    read_storage(root, c);
    auto limits = root.table("limits");
    c.max_body_bytes = limits.integer("max_body_bytes", 8 * 1024 * 1024, 1024, 64 * 1024 * 1024);
    c.max_batch_items = static_cast<int>(limits.integer("max_batch_items", 500, 1, 500));
    c.body_memory_bytes =
        limits.integer("body_memory_bytes", 64 * 1024 * 1024, 1024 * 1024, 4096LL * 1024 * 1024);
    if (c.body_memory_bytes < c.max_body_bytes)
      limits.fail("body_memory_bytes", "must be at least max_body_bytes");
    auto cases = root.table("cases");
    c.due_hours = static_cast<int>(cases.integer("due_hours", 72, 1, 24 * 30));
    c.units = read_units(root);
    auto web = root.table("web");
    c.web_dir = web.path("dir", "");
    c.session = read_session(root.table("session"));
    c.mail = read_mail(root.table("mail"));
    c.retention = read_retention(root.table("retention"));
    read_reply(root.table("reply"), c);  // checked here; the server reads it with load_reply_config
    return c;
  });
}

}  // namespace kotak::core
