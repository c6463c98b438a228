// Reminders before it is late in PgStorage (issue 15 item 3): claiming
// each reminder and each head's digest once, in the transaction that
// records it (the primary keys decide between processes), and what the
// reminder job needs to know of a facility.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/reminder_rows.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

std::vector<ClaimedReminder> PgStorage::claim_reminders(const ReminderWindow& w, std::size_t limit) {
  std::vector<ClaimedReminder> out;
  write("claim reminders", [&](pq::Connection& db) {
    out.clear();
    for (auto [kind, where] : {std::pair{ReminderKind::unread, rows::kUnreadDue},
                               std::pair{ReminderKind::unanswered, rows::kUnansweredDue}}) {
      auto found = db.query(std::string(rows::kSelectCase) + pq::dollar_params(where),
                            pq::Params()
                                .add(w.now_ms)
                                .add(w.unread_after_ms)
                                .add(w.before_due_ms)
                                .add(w.late_ms)
                                .add(static_cast<std::int64_t>(limit)));
      std::vector<reg::Case> cases;
      for (auto row : found) cases.push_back(rows::case_from_row(row));
      for (auto& c : cases) {
        auto claimed = db.query(
            "INSERT INTO case_reminders (case_id, kind, sent_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            pq::Params().add(c.id).add(std::string(rows::reminder_name(kind))).add(w.now_ms));
        if (claimed.affected() > 0) out.push_back({std::move(c), kind});
      }
    }
  });
  return out;
}

void PgStorage::release_reminder(std::int64_t case_id, ReminderKind kind) {
  write("release a reminder", [&](pq::Connection& db) {
    db.query("DELETE FROM case_reminders WHERE case_id = $1 AND kind = $2",
             pq::Params().add(case_id).add(std::string(rows::reminder_name(kind))));
  });
}

bool PgStorage::claim_digest(const std::string& facility_id, std::int64_t day, std::int64_t now_ms) {
  bool claimed = false;
  write("claim a digest", [&](pq::Connection& db) {
    claimed = db.query("INSERT INTO reminder_digests (facility_id, day, sent_ms) VALUES ($1, $2, $3) "
                       "ON CONFLICT DO NOTHING",
                       pq::Params().add(facility_id).add(day).add(now_ms))
                  .affected() > 0;
  });
  return claimed;
}

void PgStorage::release_digest(const std::string& facility_id, std::int64_t day) {
  write("release a digest", [&](pq::Connection& db) {
    db.query("DELETE FROM reminder_digests WHERE facility_id = $1 AND day = $2", pq::Params().add(facility_id).add(day));
  });
}

std::optional<int> PgStorage::facility_offset(const std::string& facility_id) {
  std::optional<int> out;
  read("find a facility's time zone", [&](pq::Connection& db) {
    auto found = db.query("SELECT utc_offset_min FROM cases WHERE facility_id = $1 ORDER BY id DESC LIMIT 1",
                          pq::Params().add(facility_id));
    if (found.rows()) out = static_cast<int>(found.integer(0, 0));
  });
  return out;
}

}  // namespace kotak::server
