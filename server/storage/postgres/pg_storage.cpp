// See pg_storage.hpp. Errors and transactions, facilities, devices and
// tokens, the board and the settings; the rest of the methods are in the
// files beside this one, as for the SQLite engine.
#include "server/storage/postgres/pg_storage.hpp"

#include <fstream>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

namespace {

// Writes that PostgreSQL aborted for a deadlock or a serialization failure
// are run again this many times in all.
constexpr int kWriteAttempts = 5;
// How long a call waits for a free connection before it answers 503.
constexpr std::chrono::milliseconds kPoolWait{10000};
// last_seen_ms is written at most this often per device (as in SQLite).
constexpr std::int64_t kLastSeenResolutionMs = 60000;

bool retryable(const pq::Error& error) {
  return error.sqlstate() == "40001" || error.sqlstate() == "40P01";
}

void insert_token(pq::Connection& db, const DeviceRef& device, const std::string& token_hash,
                  std::int64_t now_ms) {
  db.query(
      "INSERT INTO device_tokens (token_hash, facility_id, device_name, created_ms) "
      "VALUES ($1, $2, $3, $4)",
      pq::Params().add(token_hash).add(device.facility_id).add(device.device_id).add(now_ms));
}

void revoke_tokens(pq::Connection& db, const DeviceRef& device, std::int64_t now_ms) {
  db.query(
      "UPDATE device_tokens SET revoked_ms = $3 WHERE facility_id = $1 AND device_name = $2 "
      "AND revoked_ms IS NULL",
      pq::Params().add(device.facility_id).add(device.device_id).add(now_ms));
}

}  // namespace

namespace pg {

StorageError translate(const pq::Error& error, const char* action, const std::string& where) {
  std::string what = std::string("could not ") + action + " in the PostgreSQL database " + where +
                     ": " + error.what();
  const auto& state = error.sqlstate();
  auto cls = state.substr(0, 2);
  if (error.connection_lost() || cls == "08" || state == "57P01" || state == "57P02" ||
      state == "57P03")
    return StorageError(StorageErrc::unavailable,
                        what + ". The database server cannot be reached or is restarting; check "
                               "that it runs and that [postgresql] names it.");
  if (state == "53100")
    return StorageError(StorageErrc::unavailable,
                        what + ". The database server's disk is full: free space on it.");
  if (cls == "53" || cls == "40" || state == "55P03" || state == "57014")
    return StorageError(StorageErrc::unavailable, what + ". The database is busy; try again.");
  if (state == "28P01" || state == "28000")
    return StorageError(StorageErrc::failed,
                        what + ". Check the user and the password file ([postgresql] "
                               "password_file or PGPASSFILE).");
  if (state == "3D000")
    return StorageError(StorageErrc::failed,
                        what + ". Create the database first (see docs/server.md, district "
                               "deployment).");
  if (cls == "23") return StorageError(StorageErrc::invalid, what);
  return StorageError(StorageErrc::failed, what);
}

// libpq's settings with the password from its file, which is read here,
// once: never a command line, never the config.
PgOptions options_of(const core::ServerConfig& config) {
  const auto& p = config.postgres;
  PgOptions options{p.params, p.where, p.pool, config.due_hours};
  if (!p.password_file.empty()) {
    std::ifstream in(p.password_file);
    std::string password;
    if (!in || !std::getline(in, password))
      throw StorageError(StorageErrc::failed,
                         "cannot read the database password from " + p.password_file.string() +
                             "; check [postgresql] password_file and that the file belongs to the "
                             "user kotak-server runs as");
    options.settings.emplace_back("password", core::trim(password));
  }
  return options;
}

void require_device(pq::Connection& db, const DeviceRef& device) {
  auto found = db.query("SELECT 1 FROM devices WHERE facility_id = $1 AND name = $2",
                        pq::Params().add(device.facility_id).add(device.device_id));
  if (found.rows() == 0)
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' in facility '" + device.facility_id + "'");
}

void require_facility(pq::Connection& db, const std::string& facility_id) {
  if (db.query("SELECT 1 FROM facilities WHERE id = $1", pq::Params().add(facility_id)).rows() == 0)
    throw StorageError(StorageErrc::not_found, "there is no facility '" + facility_id + "'");
}

bool insert_device(pq::Connection& db, const DeviceRef& device, const std::string& token_hash,
                   std::int64_t now_ms) {
  require_facility(db, device.facility_id);
  auto added = db.query(
      "INSERT INTO devices (facility_id, name, created_ms) VALUES ($1, $2, $3) "
      "ON CONFLICT DO NOTHING",
      pq::Params().add(device.facility_id).add(device.device_id).add(now_ms));
  if (added.affected() == 0) return false;
  insert_token(db, device, token_hash, now_ms);
  return true;
}

void renew_token(pq::Connection& db, const DeviceRef& device, const std::string& token_hash,
                 std::int64_t now_ms) {
  require_device(db, device);
  revoke_tokens(db, device, now_ms);
  db.query("UPDATE devices SET revoked_ms = NULL WHERE facility_id = $1 AND name = $2",
           pq::Params().add(device.facility_id).add(device.device_id));
  insert_token(db, device, token_hash, now_ms);
}

}  // namespace pg

PgStorage::PgStorage(const PgOptions& options)
    : options_(options), pool_(options.settings, options.pool, kPoolWait) {
  try {
    pool_.with([&](pq::Connection& db) {
      pg::migrate(db, options_.where);
      // A copy from SQLite that has not finished (storage/copy.hpp) is
      // not the database yet.
      if (db.query("SELECT to_regclass('kotak_copy') IS NOT NULL").text(0, 0) == "t")
        throw StorageError(StorageErrc::failed,
                           "the PostgreSQL database " + options_.where +
                               " holds an unfinished copy from SQLite; run kotak-server "
                               "migrate-to-postgres again to finish it");
    });
  } catch (const pq::Error& error) {
    throw pg::translate(error, "open the database", options_.where);
  }
}

void PgStorage::read(const char* action, const Work& work) {
  try {
    pool_.with(work);
  } catch (const pq::Error& error) {
    throw pg::translate(error, action, options_.where);
  }
}

void PgStorage::snapshot(const char* action, const Work& work) {
  read(action, [&](pq::Connection& db) {
    pq::Transaction transaction(db, "ISOLATION LEVEL REPEATABLE READ READ ONLY");
    work(db);
    transaction.commit();
  });
}

void PgStorage::write(const char* action, const Work& work) {
  for (int attempt = 1;; ++attempt) {
    try {
      pool_.with([&](pq::Connection& db) {
        pq::Transaction transaction(db);
        work(db);
        transaction.commit();
      });
      return;
    } catch (const pq::Error& error) {
      if (attempt < kWriteAttempts && retryable(error)) {
        core::log::info(std::string("database: running again (") + action + "): " + error.what());
        continue;
      }
      throw pg::translate(error, action, options_.where);
    }
  }
}

namespace {

// A job's turn: a session-level advisory lock on a connection of its own
// (a pooled one would carry the lock back into the pool). PostgreSQL ends
// the lock with the session, so a process that dies gives up its turn.
class AdvisoryLease final : public JobLease {
 public:
  explicit AdvisoryLease(pq::Connection connection) : connection_(std::move(connection)) {}

 private:
  pq::Connection connection_;
};

// Advisory locks of jobs: this class number and the job name's hash.
constexpr int kJobLockClass = 0x4B746B4A;  // 'KtkJ'

}  // namespace

std::unique_ptr<JobLease> PgStorage::lease_job(const std::string& job) {
  try {
    auto connection = pool_.open_one();
    auto taken = connection.query("SELECT pg_try_advisory_lock($1, hashtext($2))",
                                  pq::Params().add(kJobLockClass).add(job));
    if (taken.text(0, 0) != "t") return nullptr;
    return std::make_unique<AdvisoryLease>(std::move(connection));
  } catch (const pq::Error& error) {
    throw pg::translate(error, "take a background job's turn", options_.where);
  }
}

void PgStorage::check() {
  read("check the database", [](pq::Connection& db) { db.query("SELECT 1"); });
}

void PgStorage::add_facility(const Facility& facility) {
  write("add a facility", [&](pq::Connection& db) {
    auto added = db.query(
        "INSERT INTO facilities (id, name, created_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        pq::Params().add(facility.id).add(facility.name).add(facility.created_ms));
    if (added.affected() == 0)
      throw StorageError(StorageErrc::exists, "facility '" + facility.id + "' exists already");
  });
}

std::vector<Facility> PgStorage::facilities() {
  std::vector<Facility> out;
  read("list facilities", [&](pq::Connection& db) {
    for (auto row : db.query("SELECT id, name, created_ms FROM facilities ORDER BY id"))
      out.push_back({row.text(0), row.text(1), row.integer(2)});
  });
  return out;
}

std::optional<Facility> PgStorage::facility(const std::string& id) {
  std::optional<Facility> out;
  read("find a facility", [&](pq::Connection& db) {
    auto found = db.query("SELECT id, name, created_ms FROM facilities WHERE id = $1", pq::Params().add(id));
    if (found.rows()) out = Facility{found.text(0, 0), found.text(0, 1), found.integer(0, 2)};
  });
  return out;
}

void PgStorage::add_device(const DeviceRef& device, const std::string& token_hash,
                           std::int64_t now_ms) {
  write("add a device", [&](pq::Connection& db) {
    if (!pg::insert_device(db, device, token_hash, now_ms))
      throw StorageError(StorageErrc::exists, "device '" + device.device_id + "' of facility '" +
                                                  device.facility_id + "' exists already");
  });
}

void PgStorage::replace_token(const DeviceRef& device, const std::string& token_hash,
                              std::int64_t now_ms) {
  write("issue a new device token",
        [&](pq::Connection& db) { pg::renew_token(db, device, token_hash, now_ms); });
}

void PgStorage::revoke_device(const DeviceRef& device, std::int64_t now_ms) {
  write("revoke a device", [&](pq::Connection& db) {
    pg::require_device(db, device);
    revoke_tokens(db, device, now_ms);
    db.query(
        "UPDATE devices SET revoked_ms = $3 WHERE facility_id = $1 AND name = $2 AND "
        "revoked_ms IS NULL",
        pq::Params().add(device.facility_id).add(device.device_id).add(now_ms));
  });
}

std::vector<Device> PgStorage::devices(const std::string& facility_id) {
  std::vector<Device> out;
  read("list devices", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectDevices) +
                             "WHERE $1 = '' OR d.facility_id = $1 ORDER BY d.facility_id, d.name",
                         pq::Params().add(facility_id));
    for (auto row : found) out.push_back(rows::device_from_row(row));
  });
  return out;
}

std::optional<Device> PgStorage::device(const DeviceRef& device) {
  std::optional<Device> out;
  read("find a device", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectDevices) + "WHERE d.facility_id = $1 AND d.name = $2",
                         pq::Params().add(device.facility_id).add(device.device_id));
    if (found.rows()) out = rows::device_from_row(found.row(0));
  });
  return out;
}

std::optional<DeviceRef> PgStorage::authenticate(const std::string& token_hash, std::int64_t now_ms) {
  std::optional<DeviceRef> out;
  read("check a device token", [&](pq::Connection& db) {
    auto found = db.query(R"sql(
SELECT t.facility_id, t.device_name, coalesce(d.last_seen_ms, 0)
FROM device_tokens t JOIN devices d ON d.facility_id = t.facility_id AND d.name = t.device_name
WHERE t.token_hash = $1 AND t.revoked_ms IS NULL AND d.revoked_ms IS NULL)sql",
                          pq::Params().add(token_hash));
    if (found.rows() == 0) return;
    out = DeviceRef{found.text(0, 0), found.text(0, 1)};
    if (now_ms - found.integer(0, 2) >= kLastSeenResolutionMs)
      db.query("UPDATE devices SET last_seen_ms = $3 WHERE facility_id = $1 AND name = $2",
               pq::Params().add(out->facility_id).add(out->device_id).add(now_ms));
  });
  return out;
}

BoardSnapshot PgStorage::board(const std::string& facility_id) {
  BoardSnapshot snapshot;
  this->snapshot("read the public board", [&](pq::Connection& db) {
    auto revision = db.query("SELECT revision FROM board_revisions WHERE facility_id = $1",
                             pq::Params().add(facility_id));
    snapshot.cursor = 'r';
    snapshot.cursor += std::to_string(revision.rows() ? revision.integer(0, 0) : 0);
    auto items = db.query(
        "SELECT id, unit, type, summary, answer, published_ms FROM board_items "
        "WHERE facility_id = $1 ORDER BY published_ms DESC, id LIMIT 200",
        pq::Params().add(facility_id));
    for (auto row : items)
      snapshot.items.push_back(
          {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.integer(5)});
  });
  return snapshot;
}

std::optional<SettingsDocument> PgStorage::settings(const std::string& facility_id) {
  std::optional<SettingsDocument> out;
  read("read the kiosk settings", [&](pq::Connection& db) {
    auto found = db.query(
        "SELECT json, etag, updated_ms FROM facility_settings WHERE facility_id = $1",
        pq::Params().add(facility_id));
    if (found.rows()) out = SettingsDocument{found.text(0, 0), found.text(0, 1), found.integer(0, 2)};
  });
  return out;
}

void PgStorage::set_settings(const std::string& facility_id, const SettingsDocument& settings) {
  write("save the kiosk settings", [&](pq::Connection& db) {
    pg::require_facility(db, facility_id);
    db.query(R"sql(
INSERT INTO facility_settings (facility_id, json, etag, updated_ms) VALUES ($1, $2, $3, $4)
ON CONFLICT (facility_id) DO UPDATE SET json = $2, etag = $3, updated_ms = $4)sql",
             pq::Params().add(facility_id).add(settings.json).add(settings.etag).add(settings.updated_ms));
  });
}

}  // namespace kotak::server
