// See sqlite_storage.hpp.
#include "server/storage/sqlite_storage.hpp"

#include <sqlite3.h>

#include <cerrno>

#include "core/wire.hpp"

namespace kotak::server {

namespace sql = core::sql;
using core::Submission;

namespace {

constexpr int kBusyTimeoutMs = 10000;
// last_seen_ms is written at most this often per device, so that reads
// (board, settings) do not each become a write.
constexpr std::int64_t kLastSeenResolutionMs = 60000;

StorageError translate(const sql::Error& error, sqlite3* handle, const char* action) {
  std::string what =
      std::string("could not ") + action + " in the server database: " + error.what();
  int system_errno = handle ? sqlite3_system_errno(handle) : 0;
  switch (error.primary()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageError(StorageErrc::unavailable,
                          what + ". Another process kept the database locked; try again.");
    case SQLITE_FULL:
      return StorageError(StorageErrc::unavailable,
                          what + ". The server's disk is full: free space on it.");
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        return StorageError(StorageErrc::unavailable,
                            what + ". The server's disk is full: free space on it.");
      return StorageError(StorageErrc::unavailable, what + ". Check the server's disk.");
    case SQLITE_CONSTRAINT:
      return StorageError(StorageErrc::invalid, what);
    default:
      return StorageError(StorageErrc::failed, what);
  }
}

StorageError translate(const core::StoreError& error) {
  switch (error.code()) {
    case core::StoreErrc::busy:
    case core::StoreErrc::disk_full:
    case core::StoreErrc::io:
      return StorageError(StorageErrc::unavailable, error.what());
    default:
      return StorageError(StorageErrc::failed, error.what());
  }
}

// A server database grows to gigabytes and its UUID index is touched at
// random, so SQLite's default 2 MB page cache would make every insert a
// read(2). Memory-mapped reads share one page cache among all connections.
// Checkpoints are spaced wider than the kiosk's (a page changed by many
// batches is copied into the database once per checkpoint) and the log keeps
// its size instead of being truncated after each one.
void tune(sql::Database& db) {
  db.exec("PRAGMA cache_size = -16384");            // 16 MB per connection
  db.exec("PRAGMA mmap_size = 1073741824");         // up to 1 GB mapped
  db.exec("PRAGMA wal_autocheckpoint = 8192");      // pages, about 32 MB
  db.exec("PRAGMA journal_size_limit = 67108864");  // 64 MB
}

std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const auto& flag : flags) out += (out.empty() ? "" : ",") + flag;
  return out;
}

std::string_view source_name(IngestSource source) {
  return source == IngestSource::network ? "network" : "bundle";
}

void require_device(sql::Database& db, const DeviceRef& device) {
  auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' in facility '" + device.facility_id + "'");
}

// The statements of one ingest transaction, prepared once per batch.
struct IngestStatements {
  explicit IngestStatements(sql::Database& db)
      : find(db.prepare("SELECT content_hash, facility_id FROM submissions WHERE id = ?1")),
        insert(db.prepare(R"sql(
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source,
                         created_at_ms, utc_offset_min, kind, rating, unit, type, text, urgent,
                         identity_mode, language, flags, ticket)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
ON CONFLICT (id) DO NOTHING)sql")),
        identity(db.prepare("INSERT INTO identities (submission_id, name, phone, address) VALUES "
                            "(?1, ?2, ?3, ?4)")),
        answer(db.prepare(
            "INSERT INTO skm_answers (submission_id, element, score) VALUES (?1, ?2, ?3)")),
        profile(db.prepare("INSERT INTO skm_profiles (submission_id, sex, age_group, education, "
                           "occupation, service) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
        conflict(db.prepare(R"sql(
INSERT INTO conflicts (submission_id, facility_id, device_id, content_hash, received_ms, source,
                       content)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (submission_id, facility_id, content_hash) DO NOTHING)sql")),
        conflict_identity(db.prepare("INSERT INTO conflict_identities (conflict_seq, name, phone, "
                                     "address) VALUES (?1, ?2, ?3, ?4)")) {}

  sql::Statement find, insert, identity, answer, profile, conflict, conflict_identity;
};

// Inserts a new submission with its parts; false (and nothing written) when
// the id is stored already. Trying the insert first costs new submissions,
// the common case, one index search instead of two.
bool insert_submission(sql::Database& db, IngestStatements& st, const DeviceRef& device,
                       const IngestItem& item, IngestSource source, std::int64_t now_ms) {
  const Submission& s = item.submission;
  st.insert.bind(1, s.id)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, item.content_hash)
      .bind(5, now_ms)
      .bind(6, source_name(source))
      .bind(7, s.created_at.unix_ms)
      .bind(8, s.created_at.utc_offset_min)
      .bind(9, core::to_string(s.kind))
      .bind(10, s.rating)
      .bind(11, s.unit)
      .bind(12, s.type ? std::optional(core::to_string(*s.type)) : std::nullopt)
      .bind(13, s.text)
      .bind(14, s.urgent ? 1 : 0)
      .bind(15, core::to_string(s.identity_mode))
      .bind(16, s.language)
      .bind(17, join_flags(s.flags))
      .bind(18, s.ticket)
      .run();
  if (db.changes() == 0) return false;
  if (!s.identity.empty())
    st.identity.bind(1, s.id)
        .bind(2, s.identity.name)
        .bind(3, s.identity.phone)
        .bind(4, s.identity.address)
        .run();
  if (s.skm) {
    for (int i = 0; i < core::kSkmElements; ++i)
      if (s.skm->scores[i] > 0)
        st.answer.bind(1, s.id).bind(2, core::kSkmCodes[i]).bind(3, s.skm->scores[i]).run();
    const auto& p = s.skm->profile;
    st.profile.bind(1, s.id)
        .bind(2, p.sex)
        .bind(3, p.age_group)
        .bind(4, p.education)
        .bind(5, p.occupation)
        .bind(6, p.service)
        .run();
  }
  return true;
}

void record_conflict(sql::Database& db, IngestStatements& st, const DeviceRef& device,
                     const IngestItem& item, IngestSource source, std::int64_t now_ms) {
  Submission without_identity = item.submission;
  without_identity.identity = {};
  st.conflict.bind(1, item.submission.id)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, item.content_hash)
      .bind(5, now_ms)
      .bind(6, source_name(source))
      .bind(7, core::wire::encode_submission(without_identity))
      .run();
  if (db.changes() == 0 || item.submission.identity.empty()) return;
  const auto& identity = item.submission.identity;
  st.conflict_identity.bind(1, db.last_insert_rowid())
      .bind(2, identity.name)
      .bind(3, identity.phone)
      .bind(4, identity.address)
      .run();
}

}  // namespace

SqliteStorage::SqliteStorage(const std::filesystem::path& path) : path_(path) {
  try {
    idle_.push_back(core::open_database_file(path, server_schema(),
                                             {.create = true, .busy_timeout_ms = kBusyTimeoutMs}));
    tune(idle_.back());
  } catch (const core::StoreError& error) {
    throw translate(error);
  } catch (const sql::Error& error) {
    throw translate(error, nullptr, "open the database");
  }
}

sql::Database SqliteStorage::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      sql::Database db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  try {
    auto db = core::open_database_file(path_, server_schema(),
                                       {.create = false,
                                        .quick_check = false,
                                        .busy_timeout_ms = kBusyTimeoutMs,
                                        .migrate = false});
    tune(db);
    return db;
  } catch (const core::StoreError& error) {
    throw translate(error);
  } catch (const sql::Error& error) {
    throw translate(error, nullptr, "open a connection");
  }
}

void SqliteStorage::release(sql::Database db) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(db));
}

void SqliteStorage::read(const char* action, const Work& work) {
  sql::Database db = acquire();
  try {
    work(db);
  } catch (const sql::Error& error) {
    auto translated = translate(error, db.handle(), action);
    release(std::move(db));
    throw translated;
  } catch (...) {
    release(std::move(db));
    throw;
  }
  release(std::move(db));
}

void SqliteStorage::write(const char* action, const Work& work) {
  std::lock_guard lock(write_mutex_);
  read(action, [&](sql::Database& db) {
    sql::Transaction transaction(db);
    work(db);
    transaction.commit();
  });
}

void SqliteStorage::check() {
  read("check the database", [](sql::Database& db) { db.query_integer("SELECT 1"); });
}

void SqliteStorage::add_facility(const Facility& facility) {
  write("add a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    find.bind(1, facility.id);
    if (find.step())
      throw StorageError(StorageErrc::exists, "facility '" + facility.id + "' exists already");
    db.prepare("INSERT INTO facilities (id, name, created_ms) VALUES (?1, ?2, ?3)")
        .bind(1, facility.id)
        .bind(2, facility.name)
        .bind(3, facility.created_ms)
        .run();
  });
}

std::vector<Facility> SqliteStorage::facilities() {
  std::vector<Facility> out;
  read("list facilities", [&](sql::Database& db) {
    auto list = db.prepare("SELECT id, name, created_ms FROM facilities ORDER BY id");
    while (list.step()) out.push_back({list.text(0), list.text(1), list.integer(2)});
  });
  return out;
}

std::optional<Facility> SqliteStorage::facility(const std::string& id) {
  std::optional<Facility> out;
  read("find a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT id, name, created_ms FROM facilities WHERE id = ?1");
    find.bind(1, id);
    if (find.step()) out = Facility{find.text(0), find.text(1), find.integer(2)};
  });
  return out;
}

void SqliteStorage::add_device(const DeviceRef& device, const std::string& token_hash,
                               std::int64_t now_ms) {
  write("add a device", [&](sql::Database& db) {
    auto facility = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    facility.bind(1, device.facility_id);
    if (!facility.step())
      throw StorageError(StorageErrc::not_found,
                         "there is no facility '" + device.facility_id + "'");
    auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
    find.bind(1, device.facility_id).bind(2, device.device_id);
    if (find.step())
      throw StorageError(StorageErrc::exists, "device '" + device.device_id + "' of facility '" +
                                                  device.facility_id + "' exists already");
    db.prepare("INSERT INTO devices (facility_id, name, created_ms) VALUES (?1, ?2, ?3)")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
    db.prepare(
          "INSERT INTO device_tokens (token_hash, facility_id, device_name, created_ms) "
          "VALUES (?1, ?2, ?3, ?4)")
        .bind(1, token_hash)
        .bind(2, device.facility_id)
        .bind(3, device.device_id)
        .bind(4, now_ms)
        .run();
  });
}

void SqliteStorage::replace_token(const DeviceRef& device, const std::string& token_hash,
                                  std::int64_t now_ms) {
  write("issue a new device token", [&](sql::Database& db) {
    require_device(db, device);
    db.prepare(
          "UPDATE device_tokens SET revoked_ms = ?3 WHERE facility_id = ?1 AND "
          "device_name = ?2 AND revoked_ms IS NULL")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
    db.prepare("UPDATE devices SET revoked_ms = NULL WHERE facility_id = ?1 AND name = ?2")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .run();
    db.prepare(
          "INSERT INTO device_tokens (token_hash, facility_id, device_name, created_ms) "
          "VALUES (?1, ?2, ?3, ?4)")
        .bind(1, token_hash)
        .bind(2, device.facility_id)
        .bind(3, device.device_id)
        .bind(4, now_ms)
        .run();
  });
}

void SqliteStorage::revoke_device(const DeviceRef& device, std::int64_t now_ms) {
  write("revoke a device", [&](sql::Database& db) {
    require_device(db, device);
    db.prepare(
          "UPDATE device_tokens SET revoked_ms = ?3 WHERE facility_id = ?1 AND "
          "device_name = ?2 AND revoked_ms IS NULL")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
    db.prepare(
          "UPDATE devices SET revoked_ms = ?3 WHERE facility_id = ?1 AND name = ?2 AND "
          "revoked_ms IS NULL")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
  });
}

namespace {

constexpr std::string_view kSelectDevices = R"sql(
SELECT d.facility_id, d.name, d.created_ms, d.revoked_ms, d.last_seen_ms,
       (SELECT count(*) FROM submissions s WHERE s.facility_id = d.facility_id
                                              AND s.device_id = d.name)
FROM devices d
)sql";

Device read_device(const sql::Statement& row) {
  return Device{{row.text(0), row.text(1)},
                row.integer(2),
                row.optional_integer(3),
                row.optional_integer(4),
                row.integer(5)};
}

}  // namespace

std::vector<Device> SqliteStorage::devices(const std::string& facility_id) {
  std::vector<Device> out;
  read("list devices", [&](sql::Database& db) {
    auto list = db.prepare(std::string(kSelectDevices) +
                           "WHERE ?1 = '' OR d.facility_id = ?1 ORDER BY d.facility_id, d.name");
    list.bind(1, facility_id);
    while (list.step()) out.push_back(read_device(list));
  });
  return out;
}

std::optional<Device> SqliteStorage::device(const DeviceRef& device) {
  std::optional<Device> out;
  read("find a device", [&](sql::Database& db) {
    auto find =
        db.prepare(std::string(kSelectDevices) + "WHERE d.facility_id = ?1 AND d.name = ?2");
    find.bind(1, device.facility_id).bind(2, device.device_id);
    if (find.step()) out = read_device(find);
  });
  return out;
}

std::optional<DeviceRef> SqliteStorage::authenticate(const std::string& token_hash,
                                                     std::int64_t now_ms) {
  std::optional<DeviceRef> out;
  bool stale = false;
  read("check a device token", [&](sql::Database& db) {
    auto find = db.prepare(R"sql(
SELECT t.facility_id, t.device_name, coalesce(d.last_seen_ms, 0)
FROM device_tokens t JOIN devices d ON d.facility_id = t.facility_id AND d.name = t.device_name
WHERE t.token_hash = ?1 AND t.revoked_ms IS NULL AND d.revoked_ms IS NULL)sql");
    find.bind(1, token_hash);
    if (!find.step()) return;
    out = DeviceRef{find.text(0), find.text(1)};
    stale = now_ms - find.integer(2) >= kLastSeenResolutionMs;
  });
  if (out && stale) {
    write("note when a device was seen", [&](sql::Database& db) {
      db.prepare("UPDATE devices SET last_seen_ms = ?3 WHERE facility_id = ?1 AND name = ?2")
          .bind(1, out->facility_id)
          .bind(2, out->device_id)
          .bind(3, now_ms)
          .run();
    });
  }
  return out;
}

std::vector<IngestOutcome> SqliteStorage::ingest(const DeviceRef& device,
                                                 std::span<const IngestItem> items,
                                                 IngestSource source, std::int64_t now_ms) {
  std::vector<IngestOutcome> outcomes;
  write("store submissions", [&](sql::Database& db) {
    outcomes.clear();  // a retried transaction starts again
    require_device(db, device);
    IngestStatements st(db);
    for (const auto& item : items) {
      if (insert_submission(db, st, device, item, source, now_ms)) {
        outcomes.push_back(IngestOutcome::accepted);
        continue;
      }
      st.find.bind(1, item.submission.id);
      bool same = st.find.step() && st.find.text(0) == item.content_hash &&
                  st.find.text(1) == device.facility_id;
      st.find.reset();
      if (same) {
        outcomes.push_back(IngestOutcome::duplicate);
      } else {
        record_conflict(db, st, device, item, source, now_ms);
        outcomes.push_back(IngestOutcome::conflict);
      }
    }
    db.prepare("UPDATE devices SET last_seen_ms = ?3 WHERE facility_id = ?1 AND name = ?2")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
  });
  return outcomes;
}

std::vector<ConflictRecord> SqliteStorage::conflicts(const std::string& facility_id,
                                                     std::size_t limit) {
  std::vector<ConflictRecord> out;
  read("list conflicts", [&](sql::Database& db) {
    auto list = db.prepare(
        "SELECT submission_id, facility_id, device_id, received_ms, content FROM conflicts "
        "WHERE ?1 = '' OR facility_id = ?1 ORDER BY seq DESC LIMIT ?2");
    list.bind(1, facility_id).bind(2, static_cast<std::int64_t>(limit));
    while (list.step())
      out.push_back({list.text(0), {list.text(1), list.text(2)}, list.integer(3), list.text(4)});
  });
  return out;
}

Stats SqliteStorage::stats(const std::string& facility_id) {
  Stats stats;
  read("count submissions", [&](sql::Database& db) {
    // One read transaction, so the counts agree with each other.
    db.exec("BEGIN");
    try {
      auto kinds = db.prepare(
          "SELECT kind, count(*) FROM submissions WHERE ?1 = '' OR facility_id = ?1 "
          "GROUP BY kind");
      kinds.bind(1, facility_id);
      while (kinds.step()) {
        auto kind = kinds.text(0);
        auto n = kinds.integer(1);
        stats.submissions += n;
        if (kind == "rating") stats.ratings = n;
        if (kind == "written") stats.written = n;
        if (kind == "skm") stats.skm = n;
      }
      auto count = [&](const char* sql) {
        auto statement = db.prepare(sql);
        statement.bind(1, facility_id);
        return statement.step() ? statement.integer(0) : 0;
      };
      stats.with_identity = count(
          "SELECT count(*) FROM identities i JOIN submissions s ON s.id = i.submission_id "
          "WHERE ?1 = '' OR s.facility_id = ?1");
      stats.conflicts = count("SELECT count(*) FROM conflicts WHERE ?1 = '' OR facility_id = ?1");
      stats.devices = count("SELECT count(*) FROM devices WHERE ?1 = '' OR facility_id = ?1");
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return stats;
}

BoardSnapshot SqliteStorage::board(const std::string& facility_id) {
  BoardSnapshot snapshot;
  read("read the public board", [&](sql::Database& db) {
    db.exec("BEGIN");
    try {
      auto revision = db.prepare("SELECT revision FROM board_revisions WHERE facility_id = ?1");
      revision.bind(1, facility_id);
      snapshot.cursor = "r" + std::to_string(revision.step() ? revision.integer(0) : 0);
      auto items = db.prepare(
          "SELECT id, unit, type, summary, answer, published_ms FROM board_items "
          "WHERE facility_id = ?1 ORDER BY published_ms DESC, id LIMIT 200");
      items.bind(1, facility_id);
      while (items.step())
        snapshot.items.push_back({items.text(0), items.text(1), items.text(2), items.text(3),
                                  items.text(4), items.integer(5)});
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return snapshot;
}

std::optional<SettingsDocument> SqliteStorage::settings(const std::string& facility_id) {
  std::optional<SettingsDocument> out;
  read("read the kiosk settings", [&](sql::Database& db) {
    auto find =
        db.prepare("SELECT json, etag, updated_ms FROM facility_settings WHERE facility_id = ?1");
    find.bind(1, facility_id);
    if (find.step()) out = SettingsDocument{find.text(0), find.text(1), find.integer(2)};
  });
  return out;
}

void SqliteStorage::set_settings(const std::string& facility_id, const SettingsDocument& settings) {
  write("save the kiosk settings", [&](sql::Database& db) {
    auto facility = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    facility.bind(1, facility_id);
    if (!facility.step())
      throw StorageError(StorageErrc::not_found, "there is no facility '" + facility_id + "'");
    db.prepare(R"sql(
INSERT INTO facility_settings (facility_id, json, etag, updated_ms) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (facility_id) DO UPDATE SET json = ?2, etag = ?3, updated_ms = ?4)sql")
        .bind(1, facility_id)
        .bind(2, settings.json)
        .bind(3, settings.etag)
        .bind(4, settings.updated_ms)
        .run();
  });
}

}  // namespace kotak::server
