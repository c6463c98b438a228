// The accounts part of PgStorage (issue 14 item 6), as in sqlite/accounts.cpp.
// Several server processes may share the database: a code's step and a
// one-time code are taken by one conditional UPDATE, which only one
// transaction can win.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

void PgStorage::end_sessions(std::int64_t user_id, const std::string& keep_token_hash) {
  write("end sessions", [&](pq::Connection& db) {
    db.query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
             pq::Params().add(user_id).add(keep_token_hash));
  });
}

void PgStorage::set_totp_pending(std::int64_t user_id, const std::string& secret) {
  write("offer a second factor", [&](pq::Connection& db) {
    db.query("UPDATE users SET totp_pending = $2 WHERE id = $1", pq::Params().add(user_id).add(secret));
  });
}

void PgStorage::confirm_totp(std::int64_t user_id, std::int64_t step) {
  write("turn on a second factor", [&](pq::Connection& db) {
    auto done = db.query(
        "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2 "
        "WHERE id = $1 AND totp_pending IS NOT NULL",
        pq::Params().add(user_id).add(step));
    if (done.affected() == 0)
      throw StorageError(StorageErrc::invalid, "no second factor is being set up for this user");
  });
}

bool PgStorage::use_totp_step(std::int64_t user_id, std::int64_t step) {
  bool used = false;
  write("use a second-factor code", [&](pq::Connection& db) {
    auto done = db.query(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_secret IS NOT NULL "
        "AND (totp_last_step IS NULL OR totp_last_step < $2)",
        pq::Params().add(user_id).add(step));
    used = done.affected() == 1;
  });
  return used;
}

void PgStorage::clear_totp(std::int64_t user_id) {
  write("turn off a second factor", [&](pq::Connection& db) {
    db.query("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = $1",
             pq::Params().add(user_id));
  });
}

void PgStorage::add_login_challenge(const LoginChallenge& challenge) {
  write("start a log-in step", [&](pq::Connection& db) {
    db.query("DELETE FROM login_challenges WHERE expires_ms <= $1", pq::Params().add(challenge.created_ms));
    db.query(
        "INSERT INTO login_challenges (token_hash, user_id, kind, created_ms, expires_ms) "
        "VALUES ($1, $2, $3, $4, $5)",
        pq::Params()
            .add(challenge.token_hash)
            .add(challenge.user_id)
            .add(challenge.kind)
            .add(challenge.created_ms)
            .add(challenge.expires_ms));
  });
}

std::optional<staff::User> PgStorage::login_challenge(const std::string& token_hash, const std::string& kind,
                                                      std::int64_t now_ms) {
  std::optional<staff::User> out;
  read("check a log-in step", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectUser) +
                              "WHERE disabled_ms IS NULL AND id = (SELECT user_id FROM login_challenges "
                              "WHERE token_hash = $1 AND kind = $2 AND expires_ms > $3)",
                          pq::Params().add(token_hash).add(kind).add(now_ms));
    if (found.rows()) out = rows::full_user_from_row(found.row(0));
  });
  return out;
}

void PgStorage::end_login_challenge(const std::string& token_hash) {
  write("end a log-in step", [&](pq::Connection& db) {
    db.query("DELETE FROM login_challenges WHERE token_hash = $1", pq::Params().add(token_hash));
  });
}

void PgStorage::add_one_time_code(const OneTimeCode& code) {
  write("make a one-time code", [&](pq::Connection& db) {
    db.query("DELETE FROM one_time_codes WHERE user_id = $1 AND used_ms IS NULL", pq::Params().add(code.user_id));
    db.query(
        "INSERT INTO one_time_codes (code_hash, user_id, created_by, created_ms, expires_ms) "
        "VALUES ($1, $2, $3, $4, $5)",
        pq::Params()
            .add(code.code_hash)
            .add(code.user_id)
            .add(code.created_by)
            .add(code.created_ms)
            .add(code.expires_ms));
  });
}

CodeOutcome PgStorage::redeem_one_time_code(const std::string& username, const std::string& code_hash,
                                            std::int64_t now_ms) {
  CodeOutcome out = CodeOutcome::unknown;
  write("use a one-time code", [&](pq::Connection& db) {
    auto found = db.query(
        "SELECT c.expires_ms, c.used_ms FROM one_time_codes c JOIN users u ON u.id = c.user_id "
        "WHERE c.code_hash = $1 AND u.username = $2 AND u.disabled_ms IS NULL FOR UPDATE OF c",
        pq::Params().add(code_hash).add(username));
    if (found.rows() == 0) return;
    auto row = found.row(0);
    out = rows::code_outcome(row.integer(0), row.optional_integer(1), now_ms);
    if (out == CodeOutcome::accepted)
      db.query("UPDATE one_time_codes SET used_ms = $2 WHERE code_hash = $1", pq::Params().add(code_hash).add(now_ms));
  });
  return out;
}

void PgStorage::add_staff_log(const StaffLogEntry& entry) {
  write("log an account change", [&](pq::Connection& db) {
    db.query(
        "INSERT INTO staff_log (at_ms, actor_id, actor_name, action, target, facility_id, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        pq::Params()
            .add(entry.at_ms)
            .add(entry.actor_id)
            .add(entry.actor_name)
            .add(entry.action)
            .add(entry.target)
            .add(entry.facility_id.empty() ? std::optional<std::string>() : std::optional(entry.facility_id))
            .add(entry.detail));
  });
}

std::vector<StaffLogEntry> PgStorage::staff_log(const std::string& facility_id, std::size_t limit) {
  std::vector<StaffLogEntry> out;
  read("read the log of account changes", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectStaffLog) +
                              "WHERE $1 = '' OR facility_id = $1 ORDER BY id DESC LIMIT $2",
                          pq::Params().add(facility_id).add(static_cast<std::int64_t>(limit)));
    for (auto row : found) out.push_back(rows::staff_log_from_row(row));
  });
  return out;
}

}  // namespace kotak::server
