// Retention and the data subject in PgStorage, as in the SQLite engine
// (storage.hpp, IdentityErasure; the engine-neutral half is
// storage/erasure.hpp). A case is read FOR UPDATE before it is erased, so a
// staff change to it at the same moment waits and then sees the erasure.
#include "server/storage/case_rules.hpp"
#include "server/storage/erasure.hpp"
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

namespace {

// Rewrites one text column of the rows a query selects ($1 the key) as
// `change` makes it; rows it leaves alone are not written.
template <typename Key, typename Change>
void rewrite(pq::Connection& db, const std::string& select, const std::string& update, const Key& key,
             Change change) {
  for (auto row : db.query(select, pq::Params().add(key))) {
    auto before = row.text(1);
    auto after = change(before);
    if (after != before) db.query(update, pq::Params().add(row.integer(0)).add(after));
  }
}

bool erase_case(pq::Connection& db, std::int64_t id, const IdentityErasure& erasure, const Actor& actor,
                std::int64_t now_ms, std::vector<reg::Contact>& erased) {
  auto c = pg_cases::read_case(db, erasure.facility_id, id, true);
  if (!c) return false;
  auto contact = pg_cases::read_contact(db, id);
  // A recording is personal data too (a voice), and so may be an attached
  // file (a slip with a name, a chat with a number): erased like contact
  // details, whole, as no one can redact a picture.
  const bool recorded =
      db.query("SELECT 1 FROM recordings r JOIN cases c ON c.submission_id = r.submission_id WHERE c.id = $1 "
               "UNION ALL SELECT 1 FROM case_attachments WHERE case_id = $1",
               pq::Params().add(id))
          .rows() > 0;
  if (contact.empty() && !recorded) return false;
  const std::vector<reg::Contact> contacts{contact};
  auto text = [&](const std::string& t) { return redact_all(t, contacts); };
  auto detail = [&](const std::string& d) { return redact_detail(d, contacts); };

  db.query(R"sql(
UPDATE cases SET content = $2, analysis = $3, rtl = $4, public_summary = $5, public_answer = $6,
                 identity_erased_ms = $7, unit_response = $8
WHERE id = $1)sql",
           pq::Params()
               .add(id)
               .add(text(c->content))
               .add(text(c->analysis))
               .add(text(c->rtl))
               .add(text(c->public_summary))
               .add(text(c->public_answer))
               .add(now_ms)
               .add(text(c->unit_response)));
  auto submission = db.query("SELECT submission_id FROM cases WHERE id = $1 AND submission_id IS NOT NULL",
                             pq::Params().add(id));
  if (submission.rows()) {
    auto sid = submission.text(0, 0);
    rewrite(db, "SELECT seq, text FROM submissions WHERE id = $1",
            "UPDATE submissions SET text = $2 WHERE seq = $1", sid, text);
    db.query("DELETE FROM identities WHERE submission_id = $1", pq::Params().add(sid));
    db.query("DELETE FROM recordings WHERE submission_id = $1", pq::Params().add(sid));
    rewrite(db, "SELECT seq, content FROM conflicts WHERE submission_id = $1",
            "UPDATE conflicts SET content = $2 WHERE seq = $1", sid, [&](const std::string& d) { return redact_conflict(d, contacts); });
    db.query("DELETE FROM conflict_identities WHERE conflict_seq IN "
             "(SELECT seq FROM conflicts WHERE submission_id = $1)",
             pq::Params().add(sid));
  }
  db.query("DELETE FROM case_identities WHERE case_id = $1", pq::Params().add(id));
  db.query("DELETE FROM case_attachments WHERE case_id = $1", pq::Params().add(id));
  // Messages to the patient (issue 15 item 4): no address or number
  // stays, nothing still queued goes out, and their texts are redacted.
  db.query("UPDATE case_replies SET destination = '', state = CASE state WHEN 'queued' THEN 'failed' ELSE state "
           "END, last_error = CASE state WHEN 'queued' THEN 'erased' ELSE last_error END WHERE case_id = $1",
           pq::Params().add(id));
  rewrite(db, "SELECT id, body FROM case_replies WHERE case_id = $1", "UPDATE case_replies SET body = $2 WHERE id = $1",
          id, text);
  rewrite(db, "SELECT id, answer FROM case_replies WHERE case_id = $1",
          "UPDATE case_replies SET answer = $2 WHERE id = $1", id, text);
  rewrite(db, "SELECT id, text FROM case_answers WHERE case_id = $1",
          "UPDATE case_answers SET text = $2 WHERE id = $1", id, text);
  rewrite(db, "SELECT id, detail FROM case_events WHERE case_id = $1",
          "UPDATE case_events SET detail = $2 WHERE id = $1", id, detail);
  auto item = db.query("SELECT summary, answer FROM board_items WHERE facility_id = $1 AND id = $2",
                       pq::Params().add(c->facility_id).add(board_item_id(id)));
  if (item.rows() && (text(item.text(0, 0)) != item.text(0, 0) || text(item.text(0, 1)) != item.text(0, 1))) {
    db.query("UPDATE board_items SET summary = $3, answer = $4 WHERE facility_id = $1 AND id = $2",
             pq::Params()
                 .add(c->facility_id)
                 .add(board_item_id(id))
                 .add(text(item.text(0, 0)))
                 .add(text(item.text(0, 1))));
    pg_cases::bump_board(db, c->facility_id);
  }
  pg_cases::add_event(db, id, actor, now_ms, "identity_erased", erasure_detail(erasure, contact));
  erased.push_back(contact);
  return true;
}

void log_request(pq::Connection& db, const std::string& facility_id, const Actor& actor, std::int64_t now_ms,
                 const std::string& action, const std::string& reason, std::int64_t cases) {
  db.query(
      "INSERT INTO subject_requests (facility_id, at_ms, user_id, user_name, action, reason, cases) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      pq::Params()
          .add(facility_id)
          .add(now_ms)
          .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
          .add(actor.name)
          .add(action)
          .add(reason)
          .add(cases));
}

}  // namespace

std::vector<std::int64_t> PgStorage::expired_identities(std::int64_t closed_before_ms, std::size_t limit) {
  std::vector<std::int64_t> out;
  snapshot("list identities past retention", [&](pq::Connection& db) {
    for (auto row : db.query(R"sql(
SELECT c.id FROM cases c
WHERE c.closed_ms IS NOT NULL AND c.identity_erased_ms IS NULL AND c.closed_ms < $1
  AND (EXISTS (SELECT 1 FROM identities i WHERE i.submission_id = c.submission_id)
       OR EXISTS (SELECT 1 FROM recordings r WHERE r.submission_id = c.submission_id)
       OR EXISTS (SELECT 1 FROM case_attachments a WHERE a.case_id = c.id)
       OR EXISTS (SELECT 1 FROM case_identities ci WHERE ci.case_id = c.id))
ORDER BY c.closed_ms, c.id LIMIT $2)sql",
                             pq::Params().add(closed_before_ms).add(static_cast<std::int64_t>(limit))))
      out.push_back(row.integer(0));
  });
  return out;
}

std::int64_t PgStorage::erase_identities(const IdentityErasure& erasure, const Actor& actor, std::int64_t now_ms) {
  check_erasure(erasure);
  std::int64_t count = 0;
  write("erase identities", [&](pq::Connection& db) {
    count = 0;  // a retried transaction starts again
    std::vector<reg::Contact> erased;
    for (auto id : erasure.case_ids)
      if (erase_case(db, id, erasure, actor, now_ms, erased)) ++count;
    if (erasure.by == "request")
      log_request(db, erasure.facility_id, actor, now_ms, "erase", redact_all(erasure.reason, erased), count);
  });
  return count;
}

std::vector<SubjectCase> PgStorage::subject_cases(const SubjectQuery& query, const Actor& actor,
                                                  std::int64_t now_ms) {
  auto match = subject_match(query);
  std::vector<std::pair<std::int64_t, reg::Contact>> found;
  write("find a data subject", [&](pq::Connection& db) {
    found.clear();
    std::vector<reg::Contact> contacts;
    for (auto row : db.query(pq::dollar_params(subject_select_sql()),
             pq::Params()
                 .add(query.facility_id)
                 .add(match.phone_digits)
                 .add(match.name_pattern)
                 .add(static_cast<std::int64_t>(query.limit + 1)))) {
      found.emplace_back(row.integer(0), reg::Contact::from({row.text(1), row.text(2), row.text(3)}));
      contacts.push_back(found.back().second);
    }
    for (const auto& [id, contact] : found)
      pg_cases::add_event(db, id, actor, now_ms, "identity_viewed",
                          identity_view_detail(redact_all(query.reason, {contact})));
    log_request(db, query.facility_id, actor, now_ms, query.action, redact_all(query.reason, contacts),
                static_cast<std::int64_t>(found.size()));
  });
  return read_subject_cases(*this, query.facility_id, std::move(found));
}

std::vector<SubjectRequest> PgStorage::subject_requests(const std::string& facility_id, std::size_t limit) {
  std::vector<SubjectRequest> out;
  snapshot("list data subject requests", [&](pq::Connection& db) {
    for (auto row : db.query(
             "SELECT at_ms, user_name, action, reason, cases FROM subject_requests WHERE facility_id = $1 "
             "ORDER BY at_ms DESC, id DESC LIMIT $2",
             pq::Params().add(facility_id).add(static_cast<std::int64_t>(limit))))
      out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4)});
  });
  return out;
}

}  // namespace kotak::server
