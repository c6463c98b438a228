// The SQLite engine's casework tools (storage.hpp; issue 15 items 7 and
// 10): a facility's canned answers and the contact details of an export.
// postgres/casework.cpp is its twin.
#include "core/sqlite.hpp"
#include "server/storage/case_rules.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

constexpr const char* kSelectCanned =
    "SELECT id, facility_id, title, text, updated_ms, updated_by, retired_ms FROM canned_answers ";

CannedAnswer canned_from_row(const sql::Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.text(5),
          row.optional_integer(6)};
}

CannedAnswer require_canned(sql::Database& db, const std::string& facility_id, std::int64_t id) {
  auto find = db.prepare(std::string(kSelectCanned) + "WHERE id = ?1 AND facility_id = ?2");
  find.bind(1, id).bind(2, facility_id);
  if (!find.step()) throw StorageError(StorageErrc::not_found, "there is no canned answer " + std::to_string(id));
  return canned_from_row(find);
}

// The bound on live answers, checked inside the writing transaction.
void check_room(sql::Database& db, const std::string& facility_id) {
  auto count = db.prepare("SELECT count(*) FROM canned_answers WHERE facility_id = ?1 AND retired_ms IS NULL");
  count.bind(1, facility_id);
  count.step();
  if (count.integer(0) >= static_cast<std::int64_t>(kMaxCannedAnswers))
    throw StorageError(StorageErrc::invalid,
                       "this puskesmas has " + std::to_string(kMaxCannedAnswers) + " canned answers; retire one first",
                       "error.canned.too_many", {{"n", std::to_string(kMaxCannedAnswers)}});
}

}  // namespace

std::vector<CannedAnswer> SqliteStorage::canned_answers(const std::string& facility_id, bool with_retired) {
  if (facility_id.empty()) throw StorageError(StorageErrc::invalid, "canned answers belong to one puskesmas");
  std::vector<CannedAnswer> out;
  read("list canned answers", [&](sql::Database& db) {
    out.clear();
    auto find = db.prepare(std::string(kSelectCanned) +
                           "WHERE facility_id = ?1 AND (?2 = 1 OR retired_ms IS NULL) "
                           "ORDER BY retired_ms IS NOT NULL, title COLLATE NOCASE, id");
    find.bind(1, facility_id).bind(2, std::int64_t{with_retired ? 1 : 0});
    while (find.step()) out.push_back(canned_from_row(find));
  });
  return out;
}

CannedAnswer SqliteStorage::add_canned_answer(const std::string& facility_id, const CannedAnswerText& words,
                                              const Actor& actor, std::int64_t now_ms) {
  std::optional<CannedAnswer> out;
  write("add a canned answer", [&](sql::Database& db) {
    auto facility = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    facility.bind(1, facility_id);
    if (!facility.step()) throw StorageError(StorageErrc::not_found, "there is no facility " + facility_id);
    check_room(db, facility_id);
    db.prepare(
          "INSERT INTO canned_answers (facility_id, title, text, created_ms, created_by, updated_ms, updated_by) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)")
        .bind(1, facility_id)
        .bind(2, words.title)
        .bind(3, words.text)
        .bind(4, now_ms)
        .bind(5, actor.name)
        .run();
    out = require_canned(db, facility_id, db.last_insert_rowid());
  });
  return *out;
}

CannedAnswer SqliteStorage::change_canned_answer(const std::string& facility_id, std::int64_t id,
                                                 const CannedAnswerChange& change, const Actor& actor,
                                                 std::int64_t now_ms) {
  std::optional<CannedAnswer> out;
  write("change a canned answer", [&](sql::Database& db) {
    auto before = require_canned(db, facility_id, id);
    using Kind = CannedAnswerChange::Kind;
    if (change.kind == Kind::restore && before.retired_ms) check_room(db, facility_id);
    auto update = db.prepare(
        "UPDATE canned_answers SET title = ?2, text = ?3, retired_ms = ?4, updated_ms = ?5, updated_by = ?6 "
        "WHERE id = ?1");
    // Retired stays retired (from when it first was) unless restored.
    const bool retired = change.kind == Kind::retire || (change.kind == Kind::edit && before.retired_ms);
    const std::int64_t retired_ms = before.retired_ms.value_or(now_ms);
    const auto& words = change.kind == Kind::edit ? change.words : CannedAnswerText{before.title, before.text};
    update.bind(1, id).bind(2, words.title).bind(3, words.text).bind(5, now_ms).bind(6, actor.name);
    retired ? update.bind(4, retired_ms) : update.bind(4, nullptr);
    update.run();
    out = require_canned(db, facility_id, id);
  });
  return *out;
}

std::map<std::int64_t, core::Identity> SqliteStorage::export_identities(const std::string& facility_id,
                                                                        std::span<const std::int64_t> case_ids,
                                                                        const Actor& actor, std::int64_t now_ms,
                                                                        const std::string& reason) {
  std::map<std::int64_t, core::Identity> out;
  write("read contact details for an export", [&](sql::Database& db) {
    out.clear();
    const auto detail = identity_view_detail(reason);
    auto mine = db.prepare("SELECT 1 FROM cases WHERE id = ?1 AND (?2 = '' OR facility_id = ?2)");
    for (auto id : case_ids) {
      mine.reset();
      mine.bind(1, id).bind(2, facility_id);
      if (!mine.step()) continue;
      auto contact = sqlite_cases::read_contact(db, id);
      if (contact.name.empty() && contact.phone.empty() && contact.address.empty()) continue;
      out[id] = {contact.name, contact.phone, contact.address};
      // UU 27/2022: every look at personal data is on record, with its reason.
      sqlite_cases::add_event(db, id, actor, now_ms, "identity_viewed", detail);
    }
  });
  return out;
}

}  // namespace kotak::server
