// Changes to a case in PgStorage, as in the SQLite engine: each is one
// write transaction that reads the case FOR UPDATE (so a second process
// changing the same case waits, then decides on what the first wrote), lets
// plan_edit (case_rules.hpp) check and decide the change, writes it and its
// history line.
#include "core/secret_file.hpp"
#include "server/storage/case_rules.hpp"
#include "server/storage/postgres/case_edit.hpp"
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

using reg::Case;

namespace {

void write_case(pq::Connection& db, const Case& c) {
  db.query(R"sql(
UPDATE cases SET status = $2, forwarded_unit = $3, analysis = $4, rtl = $5, first_answer_ms = $6,
                 unit = $7, type = $8, urgent = $9, published_ms = $10, public_summary = $11,
                 public_answer = $12, updated_ms = $13, closed_ms = $14, forwarded_ms = $15,
                 unit_response = $16, unit_response_ms = $17, unit_response_by = $18, owner_id = $19,
                 content = $20
WHERE id = $1)sql",
           pq::Params()
               .add(c.id)
               .add(reg::to_string(c.status))
               .add(c.forwarded_unit)
               .add(c.analysis)
               .add(c.rtl)
               .add(c.first_answer_ms)
               .add(c.unit)
               .add(core::to_string(c.type))
               .add(c.urgent ? 1 : 0)
               .add(c.published_ms)
               .add(c.public_summary)
               .add(c.public_answer)
               .add(c.updated_ms)
               .add(c.closed_ms)
               .add(c.forwarded_ms)
               .add(c.unit_response)
               .add(c.unit_response_ms)
               .add(c.unit_response_by)
               .add(c.owner_id)
               .add(c.content));
}

void write_answer(pq::Connection& db, const Case& c, const reg::Answer& answer, const Actor& actor) {
  db.query(
      "INSERT INTO case_answers (case_id, channel, text, user_id, officer, answered_ms, recorded_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      pq::Params()
          .add(c.id)
          .add(reg::to_string(answer.channel))
          .add(answer.text)
          .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
          .add(actor.name)
          .add(answer.answered_ms)
          .add(answer.recorded_ms));
}

void write_board(pq::Connection& db, const Case& c, CaseEdit::Board board) {
  if (board == CaseEdit::Board::keep) return;
  if (board == CaseEdit::Board::remove) {
    db.query("DELETE FROM board_items WHERE facility_id = $1 AND id = $2",
             pq::Params().add(c.facility_id).add(board_item_id(c.id)));
  } else {
    db.query(R"sql(
INSERT INTO board_items (facility_id, id, unit, type, summary, answer, published_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (facility_id, id) DO UPDATE SET unit = $3, type = $4, summary = $5, answer = $6)sql",
             pq::Params()
                 .add(c.facility_id)
                 .add(board_item_id(c.id))
                 .add(c.unit)
                 .add(core::to_string(c.type))
                 .add(c.public_summary)
                 .add(c.public_answer)
                 .add(*c.published_ms));
  }
  pg_cases::bump_board(db, c.facility_id);
}

// What a change needs read in its own transaction: the account a change
// of owner names, as stored now; how often the case was passed on.
CaseChange resolved(pq::Connection& db, std::int64_t id, const CaseChange& change) {
  // Passing on through SP4N-LAPOR! numbers each time (case_types.hpp).
  auto passed_on = [&] {
    auto count = db.query("SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND action = 'escalated'",
                          pq::Params().add(id));
    return static_cast<int>(count.integer(0, 0));
  };
  if (auto e = std::get_if<Escalate>(&change)) {
    Escalate out = *e;
    out.earlier = passed_on();
    return out;
  }
  if (auto t = std::get_if<EscalationTracking>(&change)) {
    EscalationTracking out = *t;
    out.passed_on = passed_on();
    return out;
  }
  auto owner = std::get_if<OwnerChange>(&change);
  if (!owner || owner->to_username.empty()) return change;
  OwnerChange out = *owner;
  auto found = db.query(std::string(rows::kSelectUser) + "WHERE username = $1", pq::Params().add(owner->to_username));
  if (found.rows()) out.to = rows::full_user_from_row(found.row(0));
  return out;
}

Case require_case(pq::Connection& db, const std::string& facility_id, std::int64_t id) {
  auto c = pg_cases::read_case(db, facility_id, id, true);
  if (!c) throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
  return *c;
}

}  // namespace

// A case's contact details: a kiosk's identity or one entered by staff.
reg::Contact pg_cases::read_contact(pq::Connection& db, std::int64_t id) {
  auto found = db.query(R"sql(
SELECT i.name, i.phone, i.address, '' FROM cases c JOIN identities i ON i.submission_id = c.submission_id
WHERE c.id = $1
UNION ALL
SELECT name, phone, address, email FROM case_identities WHERE case_id = $1)sql",
                        pq::Params().add(id));
  reg::Contact out;
  if (found.rows()) {
    out = reg::Contact::from({found.text(0, 0), found.text(0, 1), found.text(0, 2)});
    out.email = found.text(0, 3);
  }
  return out;
}

void pg_cases::write_edit(pq::Connection& db, const CaseEdit& edit, const Actor& actor, std::int64_t now_ms) {
  write_case(db, edit.after);
  if (edit.answer) write_answer(db, edit.after, *edit.answer, actor);
  write_board(db, edit.after, edit.board);
  pg_cases::add_event(db, edit.after.id, actor, now_ms, edit.action, edit.detail);
}

Case PgStorage::change_case(const std::string& facility_id, std::int64_t id, const CaseChange& change,
                            const Actor& actor, std::int64_t now_ms) {
  std::optional<Case> out;
  write("change a case", [&](pq::Connection& db) {
    auto before = require_case(db, facility_id, id);
    if (pg_cases::done_before(db, actor, id, now_ms)) {
      out = before;
      return;
    }
    pg_cases::write_edit(db, plan_edit(before, resolved(db, id, change), now_ms), actor, now_ms);
    out = pg_cases::read_case(db, "", id);
  });
  return *out;
}

reg::Contact PgStorage::case_identity(const std::string& facility_id, std::int64_t id, const Actor& actor,
                                        std::int64_t now_ms, const std::string& reason) {
  reg::Contact out;
  write("read contact details", [&](pq::Connection& db) {
    require_case(db, facility_id, id);
    out = pg_cases::read_contact(db, id);
    // UU 27/2022: every look at personal data is on record, with its reason.
    pg_cases::add_event(db, id, actor, now_ms, "identity_viewed", identity_view_detail(reason));
  });
  return out;
}

reg::Contact PgStorage::case_contact(const std::string& facility_id, std::int64_t id) {
  reg::Contact out;
  snapshot("read contact details", [&](pq::Connection& db) {
    if (!pg_cases::read_case(db, facility_id, id))
      throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
    out = pg_cases::read_contact(db, id);
  });
  return out;
}

std::optional<CaseRecording> PgStorage::case_recording(const std::string& facility_id,
                                                      std::int64_t id) {
  std::optional<CaseRecording> out;
  snapshot("read a recording", [&](pq::Connection& db) {
    if (!pg_cases::read_case(db, facility_id, id))
      throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
    // As base64 text: the connection's results are text.
    for (auto row : db.query("SELECT encode(r.ogg, 'base64'), r.duration_ms FROM recordings r "
                             "JOIN cases c ON c.submission_id = r.submission_id WHERE c.id = $1",
                             pq::Params().add(id))) {
      // PostgreSQL's base64 breaks lines every 76 characters.
      std::string text = row.text(0);
      std::erase(text, '\n');
      auto bytes = core::secret_file::from_base64_bounded(text, core::kMaxAudioBytes);
      if (!bytes) throw StorageError(StorageErrc::failed, "a recording of case " + std::to_string(id) + " is damaged");
      out = CaseRecording{std::move(*bytes), static_cast<int>(row.integer(1))};
    }
  });
  return out;
}

std::vector<IdentityView> PgStorage::identity_views(const std::string& facility_id, std::size_t limit) {
  std::vector<IdentityView> out;
  snapshot("list identity views", [&](pq::Connection& db) {
    for (auto row : db.query(R"sql(
SELECT c.id, c.number, c.year, c.identity_mode, e.at_ms, e.user_name, e.detail
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.action = 'identity_viewed' AND ($1 = '' OR c.facility_id = $1)
ORDER BY e.at_ms DESC, e.id DESC LIMIT $2)sql",
                             pq::Params().add(facility_id).add(static_cast<std::int64_t>(limit))))
      out.push_back(identity_view(row.integer(0), row.integer(1), static_cast<int>(row.integer(2)), row.text(3),
                                  row.integer(4), row.text(5), row.text(6)));
  });
  return out;
}

}  // namespace kotak::server
