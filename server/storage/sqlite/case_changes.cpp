// Changes to a case in SqliteStorage: status moves, forwarding, answers,
// the quality team's review, details, publication, and reading contact
// details. Each is one write transaction that reads the case as stored,
// lets plan_edit (case_rules.hpp) check and decide the change, writes it
// and its history line.
#include "server/storage/case_rules.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/case_edit.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
using reg::Case;

namespace {

// Every field a change may touch, written from the planned case.
void write_case(sql::Database& db, const Case& c) {
  db.prepare(R"sql(
UPDATE cases SET status = ?2, forwarded_unit = ?3, analysis = ?4, rtl = ?5, first_answer_ms = ?6,
                 unit = ?7, type = ?8, urgent = ?9, published_ms = ?10, public_summary = ?11,
                 public_answer = ?12, updated_ms = ?13, closed_ms = ?14, forwarded_ms = ?15,
                 unit_response = ?16, unit_response_ms = ?17, unit_response_by = ?18, owner_id = ?19,
                 content = ?20
WHERE id = ?1)sql")
      .bind(1, c.id)
      .bind(2, reg::to_string(c.status))
      .bind(3, c.forwarded_unit)
      .bind(4, c.analysis)
      .bind(5, c.rtl)
      .bind(6, c.first_answer_ms)
      .bind(7, c.unit)
      .bind(8, core::to_string(c.type))
      .bind(9, c.urgent ? 1 : 0)
      .bind(10, c.published_ms)
      .bind(11, c.public_summary)
      .bind(12, c.public_answer)
      .bind(13, c.updated_ms)
      .bind(14, c.closed_ms)
      .bind(15, c.forwarded_ms)
      .bind(16, c.unit_response)
      .bind(17, c.unit_response_ms)
      .bind(18, c.unit_response_by)
      .bind(19, c.owner_id)
      .bind(20, c.content)
      .run();
}

void write_answer(sql::Database& db, const Case& c, const reg::Answer& answer, const Actor& actor) {
  db.prepare(
        "INSERT INTO case_answers (case_id, channel, text, user_id, officer, answered_ms, "
        "recorded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, c.id)
      .bind(2, reg::to_string(answer.channel))
      .bind(3, answer.text)
      .bind(4, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
      .bind(5, actor.name)
      .bind(6, answer.answered_ms)
      .bind(7, answer.recorded_ms)
      .run();
}

void write_board(sql::Database& db, const Case& c, CaseEdit::Board board) {
  if (board == CaseEdit::Board::keep) return;
  if (board == CaseEdit::Board::remove) {
    db.prepare("DELETE FROM board_items WHERE facility_id = ?1 AND id = ?2")
        .bind(1, c.facility_id)
        .bind(2, board_item_id(c.id))
        .run();
  } else {
    db.prepare(R"sql(
INSERT INTO board_items (facility_id, id, unit, type, summary, answer, published_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (facility_id, id) DO UPDATE SET unit = ?3, type = ?4, summary = ?5, answer = ?6)sql")
        .bind(1, c.facility_id)
        .bind(2, board_item_id(c.id))
        .bind(3, c.unit)
        .bind(4, core::to_string(c.type))
        .bind(5, c.public_summary)
        .bind(6, c.public_answer)
        .bind(7, *c.published_ms)
        .run();
  }
  sqlite_cases::bump_board(db, c.facility_id);
}

// What a change needs read in its own transaction: the account a change
// of owner names, as stored now; how often the case was passed on.
CaseChange resolved(sql::Database& db, std::int64_t id, const CaseChange& change) {
  // Passing on through SP4N-LAPOR! numbers each time (case_types.hpp).
  auto passed_on = [&] {
    auto count = db.prepare("SELECT COUNT(*) FROM case_events WHERE case_id = ?1 AND action = 'escalated'");
    count.bind(1, id);
    count.step();
    return static_cast<int>(count.integer(0));
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
  auto find = db.prepare(std::string(rows::kSelectUser) + "WHERE username = ?1");
  find.bind(1, owner->to_username);
  if (find.step()) out.to = rows::full_user_from_row(find);
  return out;
}

Case require_case(sql::Database& db, const std::string& facility_id, std::int64_t id) {
  auto c = sqlite_cases::read_case(db, facility_id, id);
  if (!c) throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
  return *c;
}

}  // namespace

// A case's contact details: a kiosk's identity or one entered by staff.
reg::Contact sqlite_cases::read_contact(sql::Database& db, std::int64_t id) {
  auto find = db.prepare(R"sql(
SELECT i.name, i.phone, i.address, '' FROM cases c JOIN identities i ON i.submission_id = c.submission_id
WHERE c.id = ?1
UNION ALL
SELECT name, phone, address, email FROM case_identities WHERE case_id = ?1)sql");
  find.bind(1, id);
  reg::Contact out;
  if (find.step()) {
    out = reg::Contact::from({find.text(0), find.text(1), find.text(2)});
    out.email = find.text(3);
  }
  return out;
}

void sqlite_cases::write_edit(sql::Database& db, const CaseEdit& edit, const Actor& actor, std::int64_t now_ms) {
  write_case(db, edit.after);
  if (edit.answer) write_answer(db, edit.after, *edit.answer, actor);
  write_board(db, edit.after, edit.board);
  sqlite_cases::add_event(db, edit.after.id, actor, now_ms, edit.action, edit.detail);
}

Case SqliteStorage::change_case(const std::string& facility_id, std::int64_t id,
                                const CaseChange& change, const Actor& actor, std::int64_t now_ms) {
  std::optional<Case> out;
  write("change a case", [&](sql::Database& db) {
    auto before = require_case(db, facility_id, id);
    if (sqlite_cases::done_before(db, actor, id, now_ms)) {
      out = before;
      return;
    }
    sqlite_cases::write_edit(db, plan_edit(before, resolved(db, id, change), now_ms), actor, now_ms);
    out = sqlite_cases::read_case(db, "", id);
  });
  return *out;
}

reg::Contact SqliteStorage::case_identity(const std::string& facility_id, std::int64_t id,
                                            const Actor& actor, std::int64_t now_ms,
                                            const std::string& reason) {
  reg::Contact out;
  write("read contact details", [&](sql::Database& db) {
    require_case(db, facility_id, id);
    out = sqlite_cases::read_contact(db, id);
    // UU 27/2022: every look at personal data is on record, with its reason.
    sqlite_cases::add_event(db, id, actor, now_ms, "identity_viewed", identity_view_detail(reason));
  });
  return out;
}

reg::Contact SqliteStorage::case_contact(const std::string& facility_id, std::int64_t id) {
  reg::Contact out;
  read("read contact details", [&](sql::Database& db) {
    require_case(db, facility_id, id);
    out = sqlite_cases::read_contact(db, id);
  });
  return out;
}

std::optional<CaseRecording> SqliteStorage::case_recording(const std::string& facility_id,
                                                          std::int64_t id) {
  std::optional<CaseRecording> out;
  read("read a recording", [&](sql::Database& db) {
    require_case(db, facility_id, id);
    auto find = db.prepare(
        "SELECT r.ogg, r.duration_ms FROM recordings r JOIN cases c ON c.submission_id = "
        "r.submission_id WHERE c.id = ?1");
    find.bind(1, id);
    if (find.step()) out = CaseRecording{find.blob(0), static_cast<int>(find.integer(1))};
  });
  return out;
}

std::vector<IdentityView> SqliteStorage::identity_views(const std::string& facility_id, std::size_t limit) {
  std::vector<IdentityView> out;
  read("list identity views", [&](sql::Database& db) {
    auto find = db.prepare(R"sql(
SELECT c.id, c.number, c.year, c.identity_mode, e.at_ms, e.user_name, e.detail
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.action = 'identity_viewed' AND (?1 = '' OR c.facility_id = ?1)
ORDER BY e.at_ms DESC, e.id DESC LIMIT ?2)sql");
    find.bind(1, facility_id).bind(2, static_cast<std::int64_t>(limit));
    while (find.step())
      out.push_back(identity_view(find.integer(0), find.integer(1), static_cast<int>(find.integer(2)), find.text(3),
                                  find.integer(4), find.text(5), find.text(6)));
  });
  return out;
}

}  // namespace kotak::server
