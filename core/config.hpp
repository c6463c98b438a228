// The configuration of each program, read from TOML. Loading validates every
// value; a ConfigError's what() is ready to show: file, line, key, and what is
// allowed. Example files live in assets/config/ and are loaded by tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/quiet_hours.hpp"

namespace kotak::core {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A service unit of the puskesmas (Poli Umum, KIA, Apotek, ...). The label is
// by language code; "id" is required, others fall back to it.
struct Unit {
  std::string id;
  std::map<std::string, std::string> label;
  const std::string& label_for(const std::string& language) const;
};

// The kiosk reading its screens aloud ([speech]; kiosk/speech.hpp).
struct SpeechConfig {
  bool enabled = true;      // when an audio device exists
  bool auto_speak = false;  // `auto`: each new screen is read without a tap
  int volume = 80;          // 0-100; 0 is muted, as enabled = false
  // Nothing is spoken by itself in this window; "Dengarkan" still works.
  std::optional<QuietHours> quiet_hours;
  bool muted() const { return !enabled || volume == 0; }
};

// The phone pages a kiosk's QR code leads to (issue 18), from the server
// (wire.hpp's decode_settings, remote_settings.hpp), never from staff: the page's address, the
// facility the server knows the kiosk by, and the secret its QR tokens are
// signed with (core/qr_token.hpp; never logged).
struct PhoneLink {
  std::string url;
  std::string facility;
  std::string secret;
  friend bool operator==(const PhoneLink&, const PhoneLink&) = default;
};

struct KioskConfig {
  std::filesystem::path file;  // where it was read from
  std::string facility_id;
  std::string facility_name;
  std::string device_id;
  std::filesystem::path database;
  int retention_days = 90;
  int rotation = 0;  // degrees: 0, 90, 180, 270
  bool fullscreen = true;
  // Pixels per millimetre of the panel, for the smallest sizes a finger and
  // an older eye need (9 mm targets, 3.5 mm text); 0: a default by the
  // panel's size in pixels (kiosk/ui/metrics.hpp).
  double px_per_mm = 0;
  std::vector<std::string> languages{"id", "en"};
  int idle_timeout_s = 60;
  int idle_warning_s = 15;  // the "Masih di sana?" countdown before clearing
  // After a face the unit and "want to write?" steps go home by themselves
  // after this long untouched (a visible countdown); the face stays counted.
  int follow_up_s = 20;
  int thanks_timeout_s = 8;
  int tap_interval_s = 3;
  int max_text_chars = 1000;
  // The longest spoken complaint ("Rekam suara"); 0 turns recording off.
  int max_voice_seconds = 120;
  int board_rotate_s = 8;
  std::string skm_url;         // the external SKM survey, shown as a QR code
  // The server's phone pages, when its settings name them: the QR code then
  // leads there with a fresh token instead of to skm_url (issue 18).
  PhoneLink phone;
  std::string tracking_url;    // server's public address; empty: no ticket QR
  std::string admin_pin_hash;  // crypto_pwhash_str (argon2id); empty: admin disabled
  // The sync agent's config, passed to `kotak-sync once|export --config`
  // when the admin screen syncs or exports.
  std::filesystem::path sync_config = "/etc/kotak/sync.toml";
  // Where USB sticks are mounted; an export goes to the first mount below it.
  std::filesystem::path usb_root = "/media";
  std::vector<Unit> units;
  SpeechConfig speech;
};

struct SyncConfig {
  std::filesystem::path file;
  std::filesystem::path database;
  std::string server_url;
  std::filesystem::path token_file;
  // The kiosk's Ed25519 key pair that signs its USB bundles (made when first
  // needed, mode 0600); default: device.key beside the token file.
  std::filesystem::path signing_key_file;
  std::filesystem::path ca_file;  // optional PEM bundle instead of the system store
  std::string pinned_public_key;  // optional "sha256//BASE64" (libcurl's pin format)
  int batch_items = 200;
  std::int64_t batch_bytes = 2 * 1024 * 1024;
  int connect_timeout_s = 10;
  int timeout_s = 60;
  int low_speed_bytes = 64;  // slower than this for low_speed_time_s is a stall
  int low_speed_time_s = 30;
  int retries = 4;
  int backoff_initial_ms = 1000;
  int backoff_max_ms = 60000;
  int retention_days = 90;
};

// Who is mailed when an urgent or strongly negative complaint arrives:
// addresses for one facility, or for every facility with facility "*".
struct MailRecipients {
  std::string facility;
  std::vector<std::string> to;
};

// SMTP for notices to staff (libcurl). An empty smtp_url turns mail off.
struct MailConfig {
  std::string smtp_url;  // smtp://host:port (STARTTLS when offered) or smtps://host:port
  std::string from;
  std::string username;
  std::filesystem::path password_file;  // one line, read at start; empty: no login
  bool require_tls = false;             // refuse to send over a connection without TLS
  int timeout_s = 30;
  int poll_s = 30;  // how often the server looks for complaints to mail about
  // Reminders before it is late (issue 15 item 3): to a case's owner (or
  // the facility's petugas) and, at digest_hour local time, the head's
  // daily digest of overdue cases.
  bool reminders = true;
  int digest_hour = 7;
  std::vector<MailRecipients> recipients;
};

// How long contact details are kept (UU 27/2022, server/retention.hpp).
struct RetentionConfig {
  int identity_days = 365;  // erased this long after their case closed
  int hour = 2;             // the nightly run, in the server's local time (0-23)
};

// Staff sessions of the dashboard.
struct SessionConfig {
  int idle_minutes = 480;  // a session unused this long ends
  int max_hours = 12;      // and any session ends this long after log-in
  std::string secure_cookie = "auto";  // "auto" (when public_url is https), "yes", "no"
  int login_attempts = 5;              // failed log-ins allowed per user and per address ...
  int login_window_minutes = 15;       // ... within this window, then 429 until it passes
  int login_account_attempts = 20;     // failed log-ins per user from all addresses together
};

// The PostgreSQL database of a district server ([postgresql], or a
// postgresql:// URL in [storage] database). Never holds a password: that
// comes from password_file, or from libpq's own PGPASSFILE / ~/.pgpass.
struct PostgresConfig {
  // libpq connection keywords and values; "dbname" may hold a whole
  // postgresql:// URL, which libpq expands.
  std::vector<std::pair<std::string, std::string>> params;
  std::filesystem::path password_file;  // one line; empty: libpq finds it
  int pool = 8;                         // connections per server process, at most
  std::string where;                    // host, port and database, for messages
};

struct ServerConfig {
  std::filesystem::path file;
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0: any free port, printed at start
  std::string public_url;
  int threads = 8;  // workers that run requests (the storage blocks)
  // What holds the server up against slow and hostile clients (docs/server.md).
  int max_connections = 1000;
  int max_connections_per_address = 32;
  int head_timeout_s = 10;     // the request line and headers must arrive within this
  int request_timeout_s = 60;  // and the whole request within this of its first byte
  // Reverse proxies whose X-Forwarded-For names the client (exact addresses).
  std::vector<std::string> trusted_proxies;
  std::string engine = "sqlite";   // "sqlite" or "postgresql"
  std::filesystem::path database;  // the SQLite file
  PostgresConfig postgres;
  // The key pairs kiosks seal contact details to (server/seal_keys.hpp).
  std::filesystem::path seal_key_dir;
  std::int64_t max_body_bytes = 8 * 1024 * 1024;
  int max_batch_items = 500;
  // Request bodies being read at once may take this much memory together.
  std::int64_t body_memory_bytes = 64 * 1024 * 1024;
  int due_hours = 72;
  // The service units offered when a facility's kiosk settings name none.
  std::vector<Unit> units;
  std::filesystem::path web_dir;  // the dashboard's pages; empty: found at run time
  SessionConfig session;
  MailConfig mail;
  RetentionConfig retention;
};

// A mail address as a person writes it; deliberately loose (the SMTP server
// is the judge) but it keeps out spaces, brackets and line breaks, which
// could otherwise reach the mail headers.
bool plausible_address(const std::string& address);

KioskConfig load_kiosk_config(const std::filesystem::path& file);
SyncConfig load_sync_config(const std::filesystem::path& file);
ServerConfig load_server_config(const std::filesystem::path& file);

}  // namespace kotak::core
