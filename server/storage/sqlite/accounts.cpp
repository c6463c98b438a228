// The accounts part of SqliteStorage (issue 14 item 6): the second factor,
// half-finished log-ins, one-time codes and the log of account changes.
// See storage.hpp; postgres/accounts.cpp is its twin.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

void SqliteStorage::end_sessions(std::int64_t user_id, const std::string& keep_token_hash) {
  write("end sessions", [&](sql::Database& db) {
    db.prepare("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2")
        .bind(1, user_id)
        .bind(2, keep_token_hash)
        .run();
  });
}

void SqliteStorage::set_totp_pending(std::int64_t user_id, const std::string& secret) {
  write("offer a second factor", [&](sql::Database& db) {
    db.prepare("UPDATE users SET totp_pending = ?2 WHERE id = ?1").bind(1, user_id).bind(2, secret).run();
  });
}

void SqliteStorage::confirm_totp(std::int64_t user_id, std::int64_t step) {
  write("turn on a second factor", [&](sql::Database& db) {
    db.prepare(
          "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2 "
          "WHERE id = ?1 AND totp_pending IS NOT NULL")
        .bind(1, user_id)
        .bind(2, step)
        .run();
    if (db.changes() == 0)
      throw StorageError(StorageErrc::invalid, "no second factor is being set up for this user");
  });
}

bool SqliteStorage::use_totp_step(std::int64_t user_id, std::int64_t step) {
  bool used = false;
  write("use a second-factor code", [&](sql::Database& db) {
    db.prepare(
          "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_secret IS NOT NULL "
          "AND (totp_last_step IS NULL OR totp_last_step < ?2)")
        .bind(1, user_id)
        .bind(2, step)
        .run();
    used = db.changes() == 1;
  });
  return used;
}

void SqliteStorage::clear_totp(std::int64_t user_id) {
  write("turn off a second factor", [&](sql::Database& db) {
    db.prepare("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = ?1")
        .bind(1, user_id)
        .run();
  });
}

void SqliteStorage::add_login_challenge(const LoginChallenge& challenge) {
  write("start a log-in step", [&](sql::Database& db) {
    db.prepare("DELETE FROM login_challenges WHERE expires_ms <= ?1").bind(1, challenge.created_ms).run();
    db.prepare(
          "INSERT INTO login_challenges (token_hash, user_id, kind, created_ms, expires_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, challenge.token_hash)
        .bind(2, challenge.user_id)
        .bind(3, challenge.kind)
        .bind(4, challenge.created_ms)
        .bind(5, challenge.expires_ms)
        .run();
  });
}

std::optional<staff::User> SqliteStorage::login_challenge(const std::string& token_hash, const std::string& kind,
                                                          std::int64_t now_ms) {
  std::optional<staff::User> out;
  read("check a log-in step", [&](sql::Database& db) {
    auto find = db.prepare(std::string(rows::kSelectUser) +
                           "WHERE disabled_ms IS NULL AND id = (SELECT user_id FROM login_challenges "
                           "WHERE token_hash = ?1 AND kind = ?2 AND expires_ms > ?3)");
    find.bind(1, token_hash).bind(2, kind).bind(3, now_ms);
    if (find.step()) out = rows::full_user_from_row(find);
  });
  return out;
}

void SqliteStorage::end_login_challenge(const std::string& token_hash) {
  write("end a log-in step", [&](sql::Database& db) {
    db.prepare("DELETE FROM login_challenges WHERE token_hash = ?1").bind(1, token_hash).run();
  });
}

void SqliteStorage::add_one_time_code(const OneTimeCode& code) {
  write("make a one-time code", [&](sql::Database& db) {
    db.prepare("DELETE FROM one_time_codes WHERE user_id = ?1 AND used_ms IS NULL").bind(1, code.user_id).run();
    db.prepare(
          "INSERT INTO one_time_codes (code_hash, user_id, created_by, created_ms, expires_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, code.code_hash)
        .bind(2, code.user_id)
        .bind(3, code.created_by)
        .bind(4, code.created_ms)
        .bind(5, code.expires_ms)
        .run();
  });
}

CodeOutcome SqliteStorage::redeem_one_time_code(const std::string& username, const std::string& code_hash,
                                                std::int64_t now_ms) {
  CodeOutcome out = CodeOutcome::unknown;
  write("use a one-time code", [&](sql::Database& db) {
    auto find = db.prepare(
        "SELECT c.expires_ms, c.used_ms FROM one_time_codes c JOIN users u ON u.id = c.user_id "
        "WHERE c.code_hash = ?1 AND u.username = ?2 AND u.disabled_ms IS NULL");
    find.bind(1, code_hash).bind(2, username);
    if (!find.step()) return;
    out = rows::code_outcome(find.integer(0), find.optional_integer(1), now_ms);
    if (out == CodeOutcome::accepted)
      db.prepare("UPDATE one_time_codes SET used_ms = ?2 WHERE code_hash = ?1").bind(1, code_hash).bind(2, now_ms).run();
  });
  return out;
}

void SqliteStorage::add_staff_log(const StaffLogEntry& entry) {
  write("log an account change", [&](sql::Database& db) {
    db.prepare(
          "INSERT INTO staff_log (at_ms, actor_id, actor_name, action, target, facility_id, detail) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, entry.at_ms)
        .bind(2, entry.actor_id)
        .bind(3, entry.actor_name)
        .bind(4, entry.action)
        .bind(5, entry.target)
        .bind(6, entry.facility_id.empty() ? std::optional<std::string>() : std::optional(entry.facility_id))
        .bind(7, entry.detail)
        .run();
  });
}

std::vector<StaffLogEntry> SqliteStorage::staff_log(const std::string& facility_id, std::size_t limit) {
  std::vector<StaffLogEntry> out;
  read("read the log of account changes", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectStaffLog) +
                           "WHERE ?1 = '' OR facility_id = ?1 ORDER BY id DESC LIMIT ?2");
    list.bind(1, facility_id).bind(2, static_cast<std::int64_t>(limit));
    while (list.step()) out.push_back(rows::staff_log_from_row(list));
  });
  return out;
}

}  // namespace kotak::server
