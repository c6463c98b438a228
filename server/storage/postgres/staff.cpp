// The staff part of PgStorage: accounts and sessions, as in sqlite/staff.cpp.
// Sessions live in the database, so any process serves any session.
#include "server/storage/rows.hpp"
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

using rows::throw_last_admin;

namespace {

// A session's last use is written at most this often.
constexpr std::int64_t kSeenResolutionMs = 60000;
// A staff action's request id is kept this long for retries, far longer
// than any browser retries.
constexpr std::int64_t kKeepRequestsMs = 7 * 86400000LL;

std::int64_t require_user(pq::Connection& db, const std::string& username) {
  auto found = db.query("SELECT id FROM users WHERE username = $1", pq::Params().add(username));
  if (found.rows() == 0) throw StorageError(StorageErrc::not_found, "there is no user '" + username + "'");
  return found.integer(0, 0);
}

void end_sessions_of(pq::Connection& db, std::int64_t user_id) {
  db.query("DELETE FROM sessions WHERE user_id = $1", pq::Params().add(user_id));
  db.query("DELETE FROM login_challenges WHERE user_id = $1", pq::Params().add(user_id));
}

}  // namespace

void PgStorage::add_user(const staff::User& user) {
  write("add a user", [&](pq::Connection& db) {
    bool admin = user.role == staff::Role::admin;
    if (!admin) pg::require_facility(db, user.facility_id);
    rows::check_account(user.role, user.unit, user.dpo);
    auto added = db.query(
        "INSERT INTO users (username, display_name, facility_id, role, password_hash, created_ms, unit, dpo, email) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING",
        pq::Params()
            .add(user.username)
            .add(user.display_name)
            .add(admin ? std::optional<std::string>() : std::optional(user.facility_id))
            .add(staff::to_string(user.role))
            .add(user.password_hash)
            .add(user.created_ms)
            .add(user.unit)
            .add(user.dpo ? 1 : 0)
            .add(user.email));
    if (added.affected() == 0)
      throw StorageError(StorageErrc::exists, "the user name '" + user.username + "' is taken");
  });
}

std::optional<staff::User> PgStorage::user(const std::string& username) {
  std::optional<staff::User> out;
  read("find a user", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectUser) + "WHERE username = $1", pq::Params().add(username));
    if (found.rows()) out = rows::full_user_from_row(found.row(0));
  });
  return out;
}

std::vector<staff::User> PgStorage::users(const std::string& facility_id) {
  std::vector<staff::User> out;
  read("list users", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectUser) +
                             "WHERE $1 = '' OR facility_id = $1 ORDER BY facility_id NULLS FIRST, username",
                         pq::Params().add(facility_id));
    for (auto row : found) out.push_back(rows::full_user_from_row(row));
  });
  return out;
}

void PgStorage::set_password(const std::string& username, const std::string& password_hash) {
  write("change a password", [&](pq::Connection& db) {
    auto id = require_user(db, username);
    db.query("UPDATE users SET password_hash = $2 WHERE id = $1", pq::Params().add(id).add(password_hash));
    end_sessions_of(db, id);
  });
}

void PgStorage::set_dpo(const std::string& username, bool dpo) {
  write("set a data-protection officer", [&](pq::Connection& db) {
    auto id = require_user(db, username);
    auto found = db.query("SELECT role, unit FROM users WHERE id = $1", pq::Params().add(id));
    rows::check_account(staff::parse_role(found.text(0, 0)).value_or(staff::Role::unit), found.text(0, 1), dpo);
    db.query("UPDATE users SET dpo = $2 WHERE id = $1", pq::Params().add(id).add(dpo ? 1 : 0));
  });
}

void PgStorage::set_email(const std::string& username, const std::string& email) {
  write("set a mail address", [&](pq::Connection& db) {
    auto id = require_user(db, username);
    db.query("UPDATE users SET email = $2 WHERE id = $1", pq::Params().add(id).add(email));
  });
}

void PgStorage::set_disabled(const std::string& username, std::optional<std::int64_t> disabled_ms) {
  write("disable a user", [&](pq::Connection& db) {
    auto id = require_user(db, username);
    if (disabled_ms) {
      // Every enabled admin row is locked: two processes disabling the
      // last two admins at once cannot both pass.
      auto admins = db.query("SELECT id FROM users WHERE role = 'admin' AND disabled_ms IS NULL FOR UPDATE");
      bool target_admin = false;
      for (auto row : admins) target_admin = target_admin || row.integer(0) == id;
      if (target_admin && admins.rows() == 1) throw_last_admin(username);
    }
    db.query("UPDATE users SET disabled_ms = $2 WHERE id = $1", pq::Params().add(id).add(disabled_ms));
    if (disabled_ms) end_sessions_of(db, id);
  });
}

void PgStorage::add_session(const Session& session) {
  write("start a session", [&](pq::Connection& db) {
    db.query("DELETE FROM sessions WHERE expires_ms <= $1", pq::Params().add(session.created_ms));
    db.query("DELETE FROM staff_requests WHERE done_ms < $1", pq::Params().add(session.created_ms - kKeepRequestsMs));
    db.query(
        "INSERT INTO sessions (token_hash, user_id, csrf, created_ms, last_seen_ms, expires_ms) "
        "VALUES ($1, $2, $3, $4, $4, $5)",
        pq::Params()
            .add(session.token_hash)
            .add(session.user_id)
            .add(session.csrf)
            .add(session.created_ms)
            .add(session.expires_ms));
  });
}

std::optional<SessionUser> PgStorage::session(const std::string& token_hash, std::int64_t now_ms,
                                              std::int64_t idle_ms, bool note_use) {
  std::optional<SessionUser> out;
  read("check a session", [&](pq::Connection& db) {
    auto found = db.query(
        "SELECT u.id, u.username, u.display_name, coalesce(u.facility_id, ''), u.role, "
        "u.password_hash, u.created_ms, u.disabled_ms, s.csrf, s.last_seen_ms, s.expires_ms, "
        "coalesce(f.name, ''), coalesce(u.totp_secret, ''), coalesce(u.totp_pending, ''), u.totp_last_step, "
        "u.unit, u.dpo "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN facilities f ON f.id = u.facility_id WHERE s.token_hash = $1",
        pq::Params().add(token_hash));
    if (found.rows() == 0) return;
    auto row = found.row(0);
    auto last_seen = row.integer(9);
    if (row.integer(10) <= now_ms || last_seen + idle_ms <= now_ms || !row.is_null(7)) {
      db.query("DELETE FROM sessions WHERE token_hash = $1", pq::Params().add(token_hash));
      return;
    }
    out = SessionUser{rows::user_from_row(row), row.text(8), row.text(11)};
    rows::read_totp(row, 12, out->user);
    rows::read_unit_dpo(row, 15, out->user);
    if (note_use && now_ms - last_seen >= kSeenResolutionMs)
      db.query("UPDATE sessions SET last_seen_ms = $2 WHERE token_hash = $1",
               pq::Params().add(token_hash).add(now_ms));
  });
  return out;
}

void PgStorage::end_session(const std::string& token_hash) {
  write("end a session", [&](pq::Connection& db) {
    db.query("DELETE FROM sessions WHERE token_hash = $1", pq::Params().add(token_hash));
  });
}

void PgStorage::add_login_failure(const std::string& account, const std::string& address,
                                  std::int64_t now_ms, std::int64_t forget_before_ms) {
  write("count a failed log-in", [&](pq::Connection& db) {
    db.query("DELETE FROM login_failures WHERE at_ms < $1", pq::Params().add(forget_before_ms));
    db.query("INSERT INTO login_failures (account, address, at_ms) VALUES ($1, $2, $3)",
             pq::Params().add(account).add(address).add(now_ms));
  });
}

std::optional<std::int64_t> PgStorage::nth_login_failure(const std::string& account,
                                                         const std::string& address, int n,
                                                         std::int64_t since_ms) {
  std::optional<std::int64_t> out;
  read("read failed log-ins", [&](pq::Connection& db) {
    auto found = db.query(
        "SELECT at_ms FROM login_failures WHERE account = $1 AND ($2 = '' OR address = $2) "
        "AND at_ms > $3 ORDER BY at_ms DESC LIMIT 1 OFFSET $4",
        pq::Params().add(account).add(address).add(since_ms).add(std::int64_t{n - 1}));
    if (found.rows() > 0) out = found.integer(0, 0);
  });
  return out;
}

void PgStorage::clear_login_failures(const std::string& account, const std::string& address) {
  write("forget failed log-ins", [&](pq::Connection& db) {
    db.query("DELETE FROM login_failures WHERE account = $1 AND address = $2",
             pq::Params().add(account).add(address));
  });
}

}  // namespace kotak::server
