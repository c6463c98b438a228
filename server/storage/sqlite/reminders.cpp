// Reminders before it is late in SqliteStorage (issue 15 item 3): claiming
// each reminder and each head's digest once, in the transaction that
// records it, and what the reminder job needs to know of a facility.
#include "server/storage/reminder_rows.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

std::vector<ClaimedReminder> SqliteStorage::claim_reminders(const ReminderWindow& w, std::size_t limit) {
  std::vector<ClaimedReminder> out;
  write("claim reminders", [&](sql::Database& db) {
    out.clear();
    for (auto [kind, where] : {std::pair{ReminderKind::unread, rows::kUnreadDue},
                               std::pair{ReminderKind::unanswered, rows::kUnansweredDue}}) {
      auto list = db.prepare(std::string(rows::kSelectCase) + std::string(where));
      list.bind(1, w.now_ms)
          .bind(2, w.unread_after_ms)
          .bind(3, w.before_due_ms)
          .bind(4, w.late_ms)
          .bind(5, static_cast<std::int64_t>(limit));
      std::vector<reg::Case> found;
      while (list.step()) found.push_back(rows::case_from_row(list));
      auto claim = db.prepare(
          "INSERT INTO case_reminders (case_id, kind, sent_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
      for (auto& c : found) {
        claim.bind(1, c.id).bind(2, rows::reminder_name(kind)).bind(3, w.now_ms).run();
        if (db.changes() > 0) out.push_back({std::move(c), kind});
      }
    }
  });
  return out;
}

void SqliteStorage::release_reminder(std::int64_t case_id, ReminderKind kind) {
  write("release a reminder", [&](sql::Database& db) {
    db.prepare("DELETE FROM case_reminders WHERE case_id = ?1 AND kind = ?2")
        .bind(1, case_id)
        .bind(2, rows::reminder_name(kind))
        .run();
  });
}

bool SqliteStorage::claim_digest(const std::string& facility_id, std::int64_t day, std::int64_t now_ms) {
  bool claimed = false;
  write("claim a digest", [&](sql::Database& db) {
    db.prepare("INSERT INTO reminder_digests (facility_id, day, sent_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .bind(1, facility_id)
        .bind(2, day)
        .bind(3, now_ms)
        .run();
    claimed = db.changes() > 0;
  });
  return claimed;
}

void SqliteStorage::release_digest(const std::string& facility_id, std::int64_t day) {
  write("release a digest", [&](sql::Database& db) {
    db.prepare("DELETE FROM reminder_digests WHERE facility_id = ?1 AND day = ?2").bind(1, facility_id).bind(2, day).run();
  });
}

std::optional<int> SqliteStorage::facility_offset(const std::string& facility_id) {
  std::optional<int> out;
  read("find a facility's time zone", [&](sql::Database& db) {
    auto find = db.prepare("SELECT utc_offset_min FROM cases WHERE facility_id = ?1 ORDER BY id DESC LIMIT 1");
    find.bind(1, facility_id);
    if (find.step()) out = static_cast<int>(find.integer(0));
  });
  return out;
}

}  // namespace kotak::server
