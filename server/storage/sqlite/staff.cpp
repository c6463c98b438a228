// The staff part of SqliteStorage: accounts and sessions. See
// sqlite_storage.hpp and storage.hpp.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
using rows::throw_last_admin;

namespace {

// A session's last use is written at most this often, so that every page
// load does not become a write.
constexpr std::int64_t kSeenResolutionMs = 60000;
// A staff action's request id is kept this long for retries, far longer
// than any browser retries.
constexpr std::int64_t kKeepRequestsMs = 7 * 86400000LL;

std::int64_t require_user(sql::Database& db, const std::string& username) {
  auto find = db.prepare("SELECT id FROM users WHERE username = ?1");
  find.bind(1, username);
  if (!find.step()) throw StorageError(StorageErrc::not_found, "there is no user '" + username + "'");
  return find.integer(0);
}

void end_sessions_of(sql::Database& db, std::int64_t user_id) {
  db.prepare("DELETE FROM sessions WHERE user_id = ?1").bind(1, user_id).run();
  db.prepare("DELETE FROM login_challenges WHERE user_id = ?1").bind(1, user_id).run();
}

}  // namespace

void SqliteStorage::add_user(const staff::User& user) {
  write("add a user", [&](sql::Database& db) {
    auto find = db.prepare("SELECT 1 FROM users WHERE username = ?1");
    find.bind(1, user.username);
    if (find.step())
      throw StorageError(StorageErrc::exists, "the user name '" + user.username + "' is taken");
    bool admin = user.role == staff::Role::admin;
    if (!admin) require_facility(db, user.facility_id);
    rows::check_account(user.role, user.unit, user.dpo);
    db.prepare(
          "INSERT INTO users (username, display_name, facility_id, role, password_hash, "
          "created_ms, unit, dpo, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bind(1, user.username)
        .bind(2, user.display_name)
        .bind(3, admin ? std::optional<std::string>() : std::optional(user.facility_id))
        .bind(4, staff::to_string(user.role))
        .bind(5, user.password_hash)
        .bind(6, user.created_ms)
        .bind(7, user.unit)
        .bind(8, user.dpo ? 1 : 0)
        .bind(9, user.email)
        .run();
  });
}

std::optional<staff::User> SqliteStorage::user(const std::string& username) {
  std::optional<staff::User> out;
  read("find a user", [&](sql::Database& db) {
    auto find = db.prepare(std::string(rows::kSelectUser) + "WHERE username = ?1");
    find.bind(1, username);
    if (find.step()) out = rows::full_user_from_row(find);
  });
  return out;
}

std::vector<staff::User> SqliteStorage::users(const std::string& facility_id) {
  std::vector<staff::User> out;
  read("list users", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectUser) +
                           "WHERE ?1 = '' OR facility_id = ?1 ORDER BY facility_id, username");
    list.bind(1, facility_id);
    while (list.step()) out.push_back(rows::full_user_from_row(list));
  });
  return out;
}

void SqliteStorage::set_password(const std::string& username, const std::string& password_hash) {
  write("change a password", [&](sql::Database& db) {
    auto id = require_user(db, username);
    db.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1").bind(1, id).bind(2, password_hash).run();
    end_sessions_of(db, id);
  });
}

void SqliteStorage::set_disabled(const std::string& username,
                                 std::optional<std::int64_t> disabled_ms) {
  write("disable a user", [&](sql::Database& db) {
    auto id = require_user(db, username);
    if (disabled_ms) {
      // Writes are serialised in SQLite: the count cannot change under us.
      auto admins = db.prepare(
          "SELECT count(*), coalesce(sum(id = ?1), 0) FROM users WHERE role = 'admin' AND disabled_ms IS NULL");
      admins.bind(1, id);
      admins.step();
      if (admins.integer(1) > 0 && admins.integer(0) == 1) throw_last_admin(username);
    }
    db.prepare("UPDATE users SET disabled_ms = ?2 WHERE id = ?1").bind(1, id).bind(2, disabled_ms).run();
    if (disabled_ms) end_sessions_of(db, id);
  });
}

void SqliteStorage::set_dpo(const std::string& username, bool dpo) {
  write("set a data-protection officer", [&](sql::Database& db) {
    auto id = require_user(db, username);
    auto role = db.prepare("SELECT role, unit FROM users WHERE id = ?1");
    role.bind(1, id).step();
    rows::check_account(staff::parse_role(role.text(0)).value_or(staff::Role::unit), role.text(1), dpo);
    db.prepare("UPDATE users SET dpo = ?2 WHERE id = ?1").bind(1, id).bind(2, dpo ? 1 : 0).run();
  });
}

void SqliteStorage::set_email(const std::string& username, const std::string& email) {
  write("set a mail address", [&](sql::Database& db) {
    auto id = require_user(db, username);
    db.prepare("UPDATE users SET email = ?2 WHERE id = ?1").bind(1, id).bind(2, email).run();
  });
}

void SqliteStorage::add_session(const Session& session) {
  write("start a session", [&](sql::Database& db) {
    // Old sessions and request ids go when new sessions start: no timer
    // needed to keep the tables small.
    db.prepare("DELETE FROM sessions WHERE expires_ms <= ?1").bind(1, session.created_ms).run();
    db.prepare("DELETE FROM staff_requests WHERE done_ms < ?1").bind(1, session.created_ms - kKeepRequestsMs).run();
    db.prepare(
          "INSERT INTO sessions (token_hash, user_id, csrf, created_ms, last_seen_ms, expires_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
        .bind(1, session.token_hash)
        .bind(2, session.user_id)
        .bind(3, session.csrf)
        .bind(4, session.created_ms)
        .bind(5, session.expires_ms)
        .run();
  });
}

std::optional<SessionUser> SqliteStorage::session(const std::string& token_hash, std::int64_t now_ms,
                                                  std::int64_t idle_ms, bool note_use) {
  std::optional<SessionUser> out;
  bool stale = false, dead = false;
  read("check a session", [&](sql::Database& db) {
    auto find = db.prepare(
        "SELECT u.id, u.username, u.display_name, coalesce(u.facility_id, ''), u.role, "
        "u.password_hash, u.created_ms, u.disabled_ms, s.csrf, s.last_seen_ms, s.expires_ms, "
        "coalesce(f.name, ''), coalesce(u.totp_secret, ''), coalesce(u.totp_pending, ''), u.totp_last_step, "
        "u.unit, u.dpo "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN facilities f ON f.id = u.facility_id WHERE s.token_hash = ?1");
    find.bind(1, token_hash);
    if (!find.step()) return;
    auto last_seen = find.integer(9);
    if (find.integer(10) <= now_ms || last_seen + idle_ms <= now_ms || !find.is_null(7)) {
      dead = true;
      return;
    }
    out = SessionUser{rows::user_from_row(find), find.text(8), find.text(11)};
    rows::read_totp(find, 12, out->user);
    rows::read_unit_dpo(find, 15, out->user);
    stale = now_ms - last_seen >= kSeenResolutionMs;
  });
  if (dead) end_session(token_hash);
  if (out && stale && note_use) {
    write("note a session's use", [&](sql::Database& db) {
      db.prepare("UPDATE sessions SET last_seen_ms = ?2 WHERE token_hash = ?1")
          .bind(1, token_hash)
          .bind(2, now_ms)
          .run();
    });
  }
  return out;
}

void SqliteStorage::end_session(const std::string& token_hash) {
  write("end a session", [&](sql::Database& db) {
    db.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, token_hash).run();
  });
}

void SqliteStorage::add_login_failure(const std::string& account, const std::string& address,
                                      std::int64_t now_ms, std::int64_t forget_before_ms) {
  write("count a failed log-in", [&](sql::Database& db) {
    db.prepare("DELETE FROM login_failures WHERE at_ms < ?1").bind(1, forget_before_ms).run();
    db.prepare("INSERT INTO login_failures (account, address, at_ms) VALUES (?1, ?2, ?3)")
        .bind(1, account)
        .bind(2, address)
        .bind(3, now_ms)
        .run();
  });
}

std::optional<std::int64_t> SqliteStorage::nth_login_failure(const std::string& account,
                                                             const std::string& address, int n,
                                                             std::int64_t since_ms) {
  std::optional<std::int64_t> out;
  read("read failed log-ins", [&](sql::Database& db) {
    auto find = db.prepare(
        address.empty()
            ? "SELECT at_ms FROM login_failures WHERE account = ?1 AND at_ms > ?3 "
              "ORDER BY at_ms DESC LIMIT 1 OFFSET ?4"
            : "SELECT at_ms FROM login_failures WHERE account = ?1 AND address = ?2 AND at_ms > ?3 "
              "ORDER BY at_ms DESC LIMIT 1 OFFSET ?4");
    find.bind(1, account).bind(3, since_ms).bind(4, std::int64_t{n - 1});
    if (!address.empty()) find.bind(2, address);
    if (find.step()) out = find.integer(0);
  });
  return out;
}

void SqliteStorage::clear_login_failures(const std::string& account, const std::string& address) {
  write("forget failed log-ins", [&](sql::Database& db) {
    db.prepare("DELETE FROM login_failures WHERE account = ?1 AND address = ?2")
        .bind(1, account)
        .bind(2, address)
        .run();
  });
}

}  // namespace kotak::server
