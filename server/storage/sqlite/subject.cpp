// Retention and the data subject in SqliteStorage (storage.hpp,
// IdentityErasure; the engine-neutral half is storage/erasure.hpp):
// finding a person's cases, erasing their identity, the request log.
#include "server/storage/case_rules.hpp"
#include "server/storage/erasure.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

// Rewrites one text column of the rows a query selects (?1 the key) as
// `change` makes it; rows it leaves alone are not written.
template <typename Key, typename Change>
void rewrite(sql::Database& db, const std::string& select, const std::string& update,
             const Key& key, Change change) {
  std::vector<std::pair<std::int64_t, std::string>> changed;
  auto rows = db.prepare(select);
  rows.bind(1, key);
  while (rows.step()) {
    auto before = rows.text(1);
    auto after = change(before);
    if (after != before) changed.emplace_back(rows.integer(0), std::move(after));
  }
  auto write = db.prepare(update);
  for (const auto& [id, text] : changed) write.bind(1, id).bind(2, text).run();
}

// Erases one case's identity (see IdentityErasure); false when it is not
// in the facility or has none left.
bool erase_case(sql::Database& db, std::int64_t id, const IdentityErasure& erasure,
                const Actor& actor, std::int64_t now_ms, std::vector<reg::Contact>& erased) {
  auto c = sqlite_cases::read_case(db, erasure.facility_id, id);
  if (!c) return false;
  auto contact = sqlite_cases::read_contact(db, id);
  // A recording is personal data too (a voice), and so may be an attached
  // file (a slip with a name, a chat with a number): erased like contact
  // details, whole, as no one can redact a picture.
  auto recorded = db.prepare(
      "SELECT 1 FROM recordings r JOIN cases c ON c.submission_id = r.submission_id WHERE c.id = ?1 "
      "UNION ALL SELECT 1 FROM case_attachments WHERE case_id = ?1");
  recorded.bind(1, id);
  if (contact.empty() && !recorded.step()) return false;
  const std::vector<reg::Contact> contacts{contact};
  auto text = [&](const std::string& t) { return redact_all(t, contacts); };
  auto detail = [&](const std::string& d) { return redact_detail(d, contacts); };

  db.prepare(R"sql(
UPDATE cases SET content = ?2, analysis = ?3, rtl = ?4, public_summary = ?5, public_answer = ?6,
                 identity_erased_ms = ?7, unit_response = ?8
WHERE id = ?1)sql")
      .bind(1, id)
      .bind(2, text(c->content))
      .bind(3, text(c->analysis))
      .bind(4, text(c->rtl))
      .bind(5, text(c->public_summary))
      .bind(6, text(c->public_answer))
      .bind(7, now_ms)
      .bind(8, text(c->unit_response))
      .run();
  auto submission = db.prepare("SELECT submission_id FROM cases WHERE id = ?1 AND submission_id IS NOT NULL");
  submission.bind(1, id);
  if (submission.step()) {
    auto sid = submission.text(0);
    rewrite(db, "SELECT seq, text FROM submissions WHERE id = ?1",
            "UPDATE submissions SET text = ?2 WHERE seq = ?1", sid, text);
    db.prepare("DELETE FROM identities WHERE submission_id = ?1").bind(1, sid).run();
    db.prepare("DELETE FROM recordings WHERE submission_id = ?1").bind(1, sid).run();
    rewrite(db, "SELECT seq, content FROM conflicts WHERE submission_id = ?1",
            "UPDATE conflicts SET content = ?2 WHERE seq = ?1", sid, [&](const std::string& d) { return redact_conflict(d, contacts); });
    db.prepare("DELETE FROM conflict_identities WHERE conflict_seq IN "
               "(SELECT seq FROM conflicts WHERE submission_id = ?1)")
        .bind(1, sid)
        .run();
  }
  db.prepare("DELETE FROM case_identities WHERE case_id = ?1").bind(1, id).run();
  db.prepare("DELETE FROM case_attachments WHERE case_id = ?1").bind(1, id).run();
  // Messages to the patient (issue 15 item 4): no address or number
  // stays, nothing still queued goes out, and their texts are redacted.
  db.prepare("UPDATE case_replies SET destination = '', state = CASE state WHEN 'queued' THEN 'failed' ELSE state "
             "END, last_error = CASE state WHEN 'queued' THEN 'erased' ELSE last_error END WHERE case_id = ?1")
      .bind(1, id)
      .run();
  rewrite(db, "SELECT id, body FROM case_replies WHERE case_id = ?1", "UPDATE case_replies SET body = ?2 WHERE id = ?1",
          id, text);
  rewrite(db, "SELECT id, answer FROM case_replies WHERE case_id = ?1",
          "UPDATE case_replies SET answer = ?2 WHERE id = ?1", id, text);
  rewrite(db, "SELECT id, text FROM case_answers WHERE case_id = ?1",
          "UPDATE case_answers SET text = ?2 WHERE id = ?1", id, text);
  rewrite(db, "SELECT id, detail FROM case_events WHERE case_id = ?1",
          "UPDATE case_events SET detail = ?2 WHERE id = ?1", id, detail);
  // What is on the board was checked when published; still, it must not
  // outlive the identity it might hold.
  auto item = db.prepare("SELECT summary, answer FROM board_items WHERE facility_id = ?1 AND id = ?2");
  item.bind(1, c->facility_id).bind(2, board_item_id(id));
  if (item.step() && (text(item.text(0)) != item.text(0) || text(item.text(1)) != item.text(1))) {
    db.prepare("UPDATE board_items SET summary = ?3, answer = ?4 WHERE facility_id = ?1 AND id = ?2")
        .bind(1, c->facility_id)
        .bind(2, board_item_id(id))
        .bind(3, text(item.text(0)))
        .bind(4, text(item.text(1)))
        .run();
    sqlite_cases::bump_board(db, c->facility_id);
  }
  sqlite_cases::add_event(db, id, actor, now_ms, "identity_erased", erasure_detail(erasure, contact));
  erased.push_back(contact);
  return true;
}

void log_request(sql::Database& db, const std::string& facility_id, const Actor& actor,
                 std::int64_t now_ms, const std::string& action, const std::string& reason,
                 std::int64_t cases) {
  db.prepare(
        "INSERT INTO subject_requests (facility_id, at_ms, user_id, user_name, action, reason, cases) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, facility_id)
      .bind(2, now_ms)
      .bind(3, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
      .bind(4, actor.name)
      .bind(5, action)
      .bind(6, reason)
      .bind(7, cases)
      .run();
}

}  // namespace

std::vector<std::int64_t> SqliteStorage::expired_identities(std::int64_t closed_before_ms, std::size_t limit) {
  std::vector<std::int64_t> out;
  read("list identities past retention", [&](sql::Database& db) {
    auto list = db.prepare(R"sql(
SELECT c.id FROM cases c
WHERE c.closed_ms IS NOT NULL AND c.identity_erased_ms IS NULL AND c.closed_ms < ?1
  AND (EXISTS (SELECT 1 FROM identities i WHERE i.submission_id = c.submission_id)
       OR EXISTS (SELECT 1 FROM recordings r WHERE r.submission_id = c.submission_id)
       OR EXISTS (SELECT 1 FROM case_attachments a WHERE a.case_id = c.id)
       OR EXISTS (SELECT 1 FROM case_identities ci WHERE ci.case_id = c.id))
ORDER BY c.closed_ms, c.id LIMIT ?2)sql");
    list.bind(1, closed_before_ms).bind(2, static_cast<std::int64_t>(limit));
    while (list.step()) out.push_back(list.integer(0));
  });
  return out;
}

std::int64_t SqliteStorage::erase_identities(const IdentityErasure& erasure, const Actor& actor,
                                             std::int64_t now_ms) {
  check_erasure(erasure);
  std::int64_t count = 0;
  write("erase identities", [&](sql::Database& db) {
    // What is deleted or overwritten is zeroed in the file, not left in a
    // free page (Debian's SQLite does so by default; this holds on any build).
    db.exec("PRAGMA secure_delete = ON");
    count = 0;  // should the work ever be run again, it starts again
    std::vector<reg::Contact> erased;
    for (auto id : erasure.case_ids)
      if (erase_case(db, id, erasure, actor, now_ms, erased)) ++count;
    if (erasure.by == "request")
      log_request(db, erasure.facility_id, actor, now_ms, "erase", redact_all(erasure.reason, erased), count);
    db.exec("PRAGMA secure_delete = OFF");
  });
  // Deleted rows leave their bytes in free pages of the file and in the WAL
  // until overwritten; an erasure must not leave them there.
  if (count > 0) {
    auto db = acquire();
    try {
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const sql::Error&) {
      // A reader holds the WAL back; the next checkpoint overwrites it.
    }
    release(std::move(db));
  }
  return count;
}

std::vector<SubjectCase> SqliteStorage::subject_cases(const SubjectQuery& query, const Actor& actor,
                                                      std::int64_t now_ms) {
  auto match = subject_match(query);
  std::vector<std::pair<std::int64_t, reg::Contact>> found;
  write("find a data subject", [&](sql::Database& db) {
    found.clear();
    auto list = db.prepare(subject_select_sql());
    list.bind(1, query.facility_id)
        .bind(2, match.phone_digits)
        .bind(3, match.name_pattern)
        .bind(4, static_cast<std::int64_t>(query.limit + 1));
    std::vector<reg::Contact> contacts;
    while (list.step()) {
      found.emplace_back(list.integer(0),
                         reg::Contact::from({list.text(1), list.text(2), list.text(3)}));
      contacts.push_back(found.back().second);
    }
    // Each look at a person's details is on record, with the request's reason.
    for (const auto& [id, contact] : found)
      sqlite_cases::add_event(db, id, actor, now_ms, "identity_viewed",
                              identity_view_detail(redact_all(query.reason, {contact})));
    log_request(db, query.facility_id, actor, now_ms, query.action, redact_all(query.reason, contacts),
                static_cast<std::int64_t>(found.size()));
  });
  return read_subject_cases(*this, query.facility_id, std::move(found));
}

std::vector<SubjectRequest> SqliteStorage::subject_requests(const std::string& facility_id, std::size_t limit) {
  std::vector<SubjectRequest> out;
  read("list data subject requests", [&](sql::Database& db) {
    auto list = db.prepare(
        "SELECT at_ms, user_name, action, reason, cases FROM subject_requests WHERE facility_id = ?1 "
        "ORDER BY at_ms DESC, id DESC LIMIT ?2");
    list.bind(1, facility_id).bind(2, static_cast<std::int64_t>(limit));
    while (list.step())
      out.push_back({list.integer(0), list.text(1), list.text(2), list.text(3), list.integer(4)});
  });
  return out;
}

}  // namespace kotak::server
