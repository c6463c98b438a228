// Changes to a case in SqliteStorage: status moves, forwarding, answers,
// the quality team's review, details, publication, and reading contact
// details. Each is one write transaction that checks the rules of
// register/case.hpp against the case as stored, changes it and writes its
// history line.
#include <nlohmann/json.hpp>

#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
using nlohmann::json;
using reg::Case;
using reg::Status;

namespace {

// A case's id on the public board ("c12"). Built by appending: GCC 12 at -O3
// gives a false -Wrestrict on "literal" + std::string temporaries.
std::string board_item_id(std::int64_t case_id) {
  std::string id = "c";
  id += std::to_string(case_id);
  return id;
}

[[noreturn]] void refuse(const std::string& why, const char* key,
                         std::map<std::string, std::string> params = {}) {
  throw StorageError(StorageErrc::invalid, why, key, std::move(params));
}

void set_status(sql::Database& db, const Case& c, Status to, std::int64_t now_ms) {
  db.prepare("UPDATE cases SET status = ?2, updated_ms = ?3 WHERE id = ?1")
      .bind(1, c.id)
      .bind(2, reg::to_string(to))
      .bind(3, now_ms)
      .run();
}

// Each change below: checks, writes, and returns its history line.
struct Applier {
  sql::Database& db;
  const Case& c;
  const Actor& actor;
  std::int64_t now_ms;

  std::pair<std::string, json> operator()(const StatusChange& change) {
    if (!reg::allowed_transition(c.status, change.to))
      refuse("a case in status " + std::string(reg::to_string(c.status)) + " cannot move to " +
                 std::string(reg::to_string(change.to)),
             "error.case.transition",
             {{"from", std::string(reg::to_string(c.status))}, {"to", std::string(reg::to_string(change.to))}});
    if (change.to == Status::diteruskan && c.forwarded_unit.empty())
      refuse("say which unit the case goes to (forward it)", "error.case.unit_missing");
    set_status(db, c, change.to, now_ms);
    return {"status", {{"from", reg::to_string(c.status)}, {"to", reg::to_string(change.to)},
                       {"note", change.note}}};
  }

  std::pair<std::string, json> operator()(const Forward& change) {
    if (change.unit.empty()) refuse("say which unit the case goes to", "error.case.unit_missing");
    if (c.status != Status::diteruskan && !reg::allowed_transition(c.status, Status::diteruskan))
      refuse("a case in status " + std::string(reg::to_string(c.status)) + " cannot be forwarded",
             "error.case.no_forward", {{"from", std::string(reg::to_string(c.status))}});
    db.prepare("UPDATE cases SET forwarded_unit = ?2, status = 'diteruskan', updated_ms = ?3 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, change.unit)
        .bind(3, now_ms)
        .run();
    return {"forwarded", {{"from", reg::to_string(c.status)}, {"unit", change.unit}, {"note", change.note},
                          {"unit_before", c.forwarded_unit}}};
  }

  std::pair<std::string, json> operator()(const NewAnswer& answer) {
    if (c.status == Status::arsip) refuse("an archived case takes no more answers", "error.case.archived");
    if (answer.text.empty()) refuse("an answer needs its text", "error.case.answer_empty");
    std::int64_t at = answer.answered_ms.value_or(std::max(now_ms, c.received_ms));
    if (at < c.received_ms) refuse("the answer cannot be earlier than the case itself", "error.case.answer_early");
    db.prepare(
          "INSERT INTO case_answers (case_id, channel, text, user_id, officer, answered_ms, "
          "recorded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, c.id)
        .bind(2, reg::to_string(answer.channel))
        .bind(3, answer.text)
        .bind(4, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
        .bind(5, actor.name)
        .bind(6, at)
        .bind(7, now_ms)
        .run();
    Status to = reg::answered_status(c.status);
    std::int64_t first = c.first_answer_ms ? std::min(*c.first_answer_ms, at) : at;
    db.prepare("UPDATE cases SET status = ?2, first_answer_ms = ?3, updated_ms = ?4 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, reg::to_string(to))
        .bind(3, first)
        .bind(4, now_ms)
        .run();
    return {"answered", {{"channel", reg::to_string(answer.channel)},
                         {"from", reg::to_string(c.status)}, {"to", reg::to_string(to)}}};
  }

  std::pair<std::string, json> operator()(const Review& review) {
    db.prepare("UPDATE cases SET analysis = ?2, rtl = ?3, updated_ms = ?4 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, review.analysis)
        .bind(3, review.rtl)
        .bind(4, now_ms)
        .run();
    // What changed, before and after (issue 14 item 3).
    json detail = json::object();
    if (review.analysis != c.analysis) detail["analysis"] = {{"before", c.analysis}, {"after", review.analysis}};
    if (review.rtl != c.rtl) detail["rtl"] = {{"before", c.rtl}, {"after", review.rtl}};
    return {"reviewed", detail};
  }

  std::pair<std::string, json> operator()(const Details& d) {
    db.prepare("UPDATE cases SET unit = ?2, type = ?3, urgent = ?4, updated_ms = ?5 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, d.unit)
        .bind(3, core::to_string(d.type))
        .bind(4, d.urgent ? 1 : 0)
        .bind(5, now_ms)
        .run();
    if (c.published_ms) {
      db.prepare("UPDATE board_items SET unit = ?3, type = ?4 WHERE facility_id = ?1 AND id = ?2")
          .bind(1, c.facility_id)
          .bind(2, board_item_id(c.id))
          .bind(3, d.unit)
          .bind(4, core::to_string(d.type))
          .run();
      sqlite_cases::bump_board(db, c.facility_id);
    }
    return {"details", {{"unit", d.unit}, {"type", core::to_string(d.type)}, {"urgent", d.urgent},
                        {"before", {{"unit", c.unit}, {"type", core::to_string(c.type)}, {"urgent", c.urgent}}}}};
  }

  std::pair<std::string, json> operator()(const Publish& p) {
    // The rules of the board: identity never goes there (board items carry
    // none), a rahasia case never, and only what has been answered.
    if (c.identity_mode == core::IdentityMode::rahasia) refuse("a rahasia case is never published", "error.case.rahasia");
    if (!c.first_answer_ms) refuse("only an answered case can be published", "error.case.unanswered");
    if (p.summary.empty() || p.answer.empty())
      refuse("write the public summary and the public answer", "error.case.public_text");
    std::int64_t published = c.published_ms.value_or(now_ms);
    db.prepare(
          "UPDATE cases SET published_ms = ?2, public_summary = ?3, public_answer = ?4, "
          "updated_ms = ?5 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, published)
        .bind(3, p.summary)
        .bind(4, p.answer)
        .bind(5, now_ms)
        .run();
    db.prepare(R"sql(
INSERT INTO board_items (facility_id, id, unit, type, summary, answer, published_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (facility_id, id) DO UPDATE SET unit = ?3, type = ?4, summary = ?5, answer = ?6)sql")
        .bind(1, c.facility_id)
        .bind(2, board_item_id(c.id))
        .bind(3, c.unit)
        .bind(4, core::to_string(c.type))
        .bind(5, p.summary)
        .bind(6, p.answer)
        .bind(7, published)
        .run();
    sqlite_cases::bump_board(db, c.facility_id);
    // What the public reads, on record with who put it there (and what it
    // replaced).
    json detail = {{"summary", p.summary}, {"answer", p.answer}};
    if (c.published_ms) detail["before"] = {{"summary", c.public_summary}, {"answer", c.public_answer}};
    return {c.published_ms ? "republished" : "published", detail};
  }

  std::pair<std::string, json> operator()(const Unpublish&) {
    if (!c.published_ms) refuse("the case is not on the board", "error.case.not_published");
    db.prepare("UPDATE cases SET published_ms = NULL, updated_ms = ?2 WHERE id = ?1")
        .bind(1, c.id)
        .bind(2, now_ms)
        .run();
    db.prepare("DELETE FROM board_items WHERE facility_id = ?1 AND id = ?2")
        .bind(1, c.facility_id)
        .bind(2, board_item_id(c.id))
        .run();
    sqlite_cases::bump_board(db, c.facility_id);
    return {"unpublished", json::object()};
  }
};

Case require_case(sql::Database& db, const std::string& facility_id, std::int64_t id) {
  auto c = sqlite_cases::read_case(db, facility_id, id);
  if (!c) throw StorageError(StorageErrc::not_found, "there is no case " + std::to_string(id));
  return *c;
}

// A case's contact details: a kiosk's identity or one entered by staff.
reg::Contact read_contact(sql::Database& db, std::int64_t id) {
  auto find = db.prepare(R"sql(
SELECT i.name, i.phone, i.address FROM cases c JOIN identities i ON i.submission_id = c.submission_id
WHERE c.id = ?1
UNION ALL
SELECT name, phone, address FROM case_identities WHERE case_id = ?1)sql");
  find.bind(1, id);
  reg::Contact out;
  if (find.step()) out = reg::Contact::from({find.text(0), find.text(1), find.text(2)});
  return out;
}

}  // namespace

Case SqliteStorage::change_case(const std::string& facility_id, std::int64_t id,
                                const CaseChange& change, const Actor& actor, std::int64_t now_ms) {
  std::optional<Case> out;
  write("change a case", [&](sql::Database& db) {
    Case c = require_case(db, facility_id, id);
    auto [action, detail] = std::visit(Applier{db, c, actor, now_ms}, change);
    sqlite_cases::add_event(db, id, actor, now_ms, action, detail.dump());
    out = sqlite_cases::read_case(db, "", id);
  });
  return *out;
}

core::Identity SqliteStorage::case_identity(const std::string& facility_id, std::int64_t id,
                                            const Actor& actor, std::int64_t now_ms,
                                            const std::string& reason) {
  core::Identity out;
  write("read contact details", [&](sql::Database& db) {
    require_case(db, facility_id, id);
    auto contact = read_contact(db, id);
    out = {contact.name, contact.phone, contact.address};
    // UU 27/2022: every look at personal data is on record, with its reason.
    json detail = json::object();
    if (!reason.empty()) detail["reason"] = reason;
    sqlite_cases::add_event(db, id, actor, now_ms, "identity_viewed", detail.dump());
  });
  return out;
}

reg::Contact SqliteStorage::case_contact(const std::string& facility_id, std::int64_t id) {
  reg::Contact out;
  read("read contact details", [&](sql::Database& db) {
    require_case(db, facility_id, id);
    out = read_contact(db, id);
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
    while (find.step()) out.push_back(identity_view(find.integer(0), find.integer(1), static_cast<int>(find.integer(2)),
                                                    find.text(3), find.integer(4), find.text(5), find.text(6)));
  });
  return out;
}

}  // namespace kotak::server
