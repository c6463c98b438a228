// The PostgreSQL engine's casework tools (storage.hpp; issue 15 items 7 and
// 10): a facility's canned answers and the contact details of an export.
// sqlite/casework.cpp is its twin.
#include "server/storage/case_rules.hpp"
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

namespace {

constexpr const char* kSelectCanned =
    "SELECT id, facility_id, title, text, updated_ms, updated_by, retired_ms FROM canned_answers ";

template <typename Row>
CannedAnswer canned_from_row(const Row& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.text(5),
          row.optional_integer(6)};
}

// FOR UPDATE: two heads changing one answer at once take turns.
CannedAnswer require_canned(pq::Connection& db, const std::string& facility_id, std::int64_t id) {
  auto found = db.query(std::string(kSelectCanned) + "WHERE id = $1 AND facility_id = $2 FOR UPDATE",
                        pq::Params().add(id).add(facility_id));
  for (auto row : found) return canned_from_row(row);
  throw StorageError(StorageErrc::not_found, "there is no canned answer " + std::to_string(id));
}

// The bound on live answers. The facility's row is locked first, so two
// processes adding at once count one after the other (READ COMMITTED
// would otherwise let both see room for one).
void check_room(pq::Connection& db, const std::string& facility_id) {
  if (!db.query("SELECT 1 FROM facilities WHERE id = $1 FOR UPDATE", pq::Params().add(facility_id)).rows())
    throw StorageError(StorageErrc::not_found, "there is no facility " + facility_id);
  auto count = db.query("SELECT count(*) FROM canned_answers WHERE facility_id = $1 AND retired_ms IS NULL",
                        pq::Params().add(facility_id));
  if (count.integer(0, 0) >= static_cast<std::int64_t>(kMaxCannedAnswers))
    throw StorageError(StorageErrc::invalid,
                       "this puskesmas has " + std::to_string(kMaxCannedAnswers) + " canned answers; retire one first",
                       "error.canned.too_many", {{"n", std::to_string(kMaxCannedAnswers)}});
}

}  // namespace

std::vector<CannedAnswer> PgStorage::canned_answers(const std::string& facility_id, bool with_retired) {
  if (facility_id.empty()) throw StorageError(StorageErrc::invalid, "canned answers belong to one puskesmas");
  std::vector<CannedAnswer> out;
  read("list canned answers", [&](pq::Connection& db) {
    out.clear();
    for (auto row : db.query(std::string(kSelectCanned) +
                                 "WHERE facility_id = $1 AND ($2 = 1 OR retired_ms IS NULL) "
                                 "ORDER BY retired_ms IS NOT NULL, lower(title), id",
                             pq::Params().add(facility_id).add(with_retired ? 1 : 0)))
      out.push_back(canned_from_row(row));
  });
  return out;
}

CannedAnswer PgStorage::add_canned_answer(const std::string& facility_id, const CannedAnswerText& words,
                                          const Actor& actor, std::int64_t now_ms) {
  std::optional<CannedAnswer> out;
  write("add a canned answer", [&](pq::Connection& db) {
    check_room(db, facility_id);
    auto id = db.query(
        "INSERT INTO canned_answers (facility_id, title, text, created_ms, created_by, updated_ms, updated_by) "
        "VALUES ($1, $2, $3, $4, $5, $4, $5) RETURNING id",
        pq::Params().add(facility_id).add(words.title).add(words.text).add(now_ms).add(actor.name));
    out = require_canned(db, facility_id, id.integer(0, 0));
  });
  return *out;
}

CannedAnswer PgStorage::change_canned_answer(const std::string& facility_id, std::int64_t id,
                                             const CannedAnswerChange& change, const Actor& actor,
                                             std::int64_t now_ms) {
  std::optional<CannedAnswer> out;
  write("change a canned answer", [&](pq::Connection& db) {
    using Kind = CannedAnswerChange::Kind;
    auto before = require_canned(db, facility_id, id);
    if (change.kind == Kind::restore && before.retired_ms) check_room(db, facility_id);
    // Retired stays retired (from when it first was) unless restored.
    const bool retired = change.kind == Kind::retire || (change.kind == Kind::edit && before.retired_ms);
    const std::int64_t retired_ms = before.retired_ms.value_or(now_ms);
    const auto& words = change.kind == Kind::edit ? change.words : CannedAnswerText{before.title, before.text};
    pq::Params params;
    params.add(id).add(words.title).add(words.text);
    retired ? params.add(retired_ms) : params.add(nullptr);
    db.query(
        "UPDATE canned_answers SET title = $2, text = $3, retired_ms = $4, updated_ms = $5, updated_by = $6 "
        "WHERE id = $1",
        params.add(now_ms).add(actor.name));
    out = require_canned(db, facility_id, id);
  });
  return *out;
}

std::map<std::int64_t, core::Identity> PgStorage::export_identities(const std::string& facility_id,
                                                                    std::span<const std::int64_t> case_ids,
                                                                    const Actor& actor, std::int64_t now_ms,
                                                                    const std::string& reason) {
  std::map<std::int64_t, core::Identity> out;
  write("read contact details for an export", [&](pq::Connection& db) {
    out.clear();
    const auto detail = identity_view_detail(reason);
    for (auto id : case_ids) {
      if (!db.query("SELECT 1 FROM cases WHERE id = $1 AND ($2 = '' OR facility_id = $2)",
                    pq::Params().add(id).add(facility_id))
               .rows())
        continue;
      auto contact = pg_cases::read_contact(db, id);
      if (contact.name.empty() && contact.phone.empty() && contact.address.empty()) continue;
      out[id] = {contact.name, contact.phone, contact.address};
      // UU 27/2022: every look at personal data is on record, with its reason.
      pg_cases::add_event(db, id, actor, now_ms, "identity_viewed", detail);
    }
  });
  return out;
}

}  // namespace kotak::server
