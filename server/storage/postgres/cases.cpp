// The register part of PgStorage: recording cases (from ingest and by
// hand), listing and reading them, the public ticket, and what dashboards
// and the mailer poll for. Changes to a case are in case_changes.cpp.
#include <map>
#include <nlohmann/json.hpp>

#include "server/storage/case_list.hpp"
#include "server/storage/case_rules.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

using reg::Case;

namespace {

// Gives the cases the next register numbers of their facility and year, in
// order. The counter row of a facility and year is locked by its increment
// until the transaction ends, so concurrent processes queue on it: no gaps
// (a rollback takes its numbers back), no doubles. Counters are taken in
// sorted order, so two batches never wait on each other in a circle.
void number_cases(pq::Connection& db, std::vector<Case>& cases) {
  std::map<std::pair<std::string, int>, std::int64_t> next;
  for (const auto& c : cases) ++next[{c.facility_id, c.year}];
  for (auto& [key, count] : next) {
    auto last = db.query(R"sql(
INSERT INTO register_counters (facility_id, year, last_number) VALUES ($1, $2, $3)
ON CONFLICT (facility_id, year) DO UPDATE SET last_number = register_counters.last_number + $3
RETURNING last_number)sql",
                         pq::Params().add(key.first).add(key.second).add(count));
    count = last.integer(0, 0) - count + 1;
  }
  for (auto& c : cases) c.number = next[{c.facility_id, c.year}]++;
}

// Inserts numbered cases (with their submission ids, or none for cases
// entered by hand) and their first history line; sets their ids.
void insert_cases(pq::Connection& db, std::vector<Case>& cases,
                  const std::vector<std::optional<std::string>>& submissions, std::int64_t now_ms,
                  const Actor& actor, std::string_view action, const std::string& detail) {
  pq::TextArray facility, year, number, submission, public_id, ticket, received, offset, channel, unit,
      type, urgent, rating, mode, content, due;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    facility.add(c.facility_id);
    year.add(c.year);
    number.add(c.number);
    submission.add(submissions[i]);
    public_id.add(c.public_id);
    ticket.add(c.ticket);
    received.add(c.received_ms);
    offset.add(c.utc_offset_min);
    channel.add(reg::to_string(c.channel));
    unit.add(c.unit);
    type.add(core::to_string(c.type));
    urgent.add(c.urgent ? 1 : 0);
    rating.add(c.rating ? std::optional<std::int64_t>(*c.rating) : std::nullopt);
    mode.add(core::to_string(c.identity_mode));
    content.add(c.content);
    due.add(c.due_ms);
  }
  auto inserted = db.query(R"sql(
INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
                   utc_offset_min, recorded_ms, channel, unit, type, urgent, rating, identity_mode,
                   content, due_ms, status, updated_ms)
SELECT u.facility, u.year, u.number, u.submission, u.public_id, u.ticket, u.received, u.utc_offset,
       $17, u.channel, u.unit, u.type, u.urgent, u.rating, u.mode, u.content, u.due, 'baru', $17
FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::text[], $5::text[], $6::text[],
            $7::bigint[], $8::integer[], $9::text[], $10::text[], $11::text[], $12::integer[],
            $13::integer[], $14::text[], $15::text[], $16::bigint[])
     WITH ORDINALITY AS u(facility, year, number, submission, public_id, ticket, received,
                          utc_offset, channel, unit, type, urgent, rating, mode, content, due,
                          position)
ORDER BY u.position
RETURNING public_id, id)sql",
                           pq::Params()
                               .add(facility.str()).add(year.str()).add(number.str())
                               .add(submission.str()).add(public_id.str()).add(ticket.str())
                               .add(received.str()).add(offset.str()).add(channel.str())
                               .add(unit.str()).add(type.str()).add(urgent.str()).add(rating.str())
                               .add(mode.str()).add(content.str()).add(due.str()).add(now_ms));
  std::map<std::string, std::int64_t> id_of;
  for (auto row : inserted) id_of[row.text(0)] = row.integer(1);
  pq::TextArray ids;
  for (auto& c : cases) {
    c.id = id_of.at(c.public_id);
    ids.add(c.id);
  }
  db.query(R"sql(
INSERT INTO case_events (case_id, at_ms, user_id, user_name, action, detail)
SELECT id, $2, $3, $4, $5, $6 FROM unnest($1::bigint[]) AS id)sql",
           pq::Params()
               .add(ids.str())
               .add(now_ms)
               .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
               .add(actor.name)
               .add(action)
               .add(detail));
}

pq::Params params_of(const std::vector<case_list::Value>& values) {
  pq::Params params;
  for (const auto& value : values) std::visit([&](const auto& v) { params.add(v); }, value);
  return params;
}

}  // namespace

namespace pg_cases {

void record_written(pq::Connection& db, const std::vector<const core::Submission*>& written,
                    std::int64_t due_hours, std::int64_t now_ms, reg::Channel channel) {
  if (written.empty()) return;
  std::vector<Case> cases;
  std::vector<std::optional<std::string>> submissions;
  for (const auto* s : written) {
    cases.push_back(written_case(*s, due_hours, channel));
    submissions.emplace_back(s->id);
  }
  number_cases(db, cases);
  insert_cases(db, cases, submissions, now_ms, {}, "received", "{}");
}

std::optional<Case> read_case(pq::Connection& db, const std::string& facility_id, std::int64_t id,
                              bool lock) {
  auto found = db.query(std::string(rows::kSelectCase) + "WHERE c.id = $1 AND ($2 = '' OR c.facility_id = $2)" +
                            (lock ? " FOR UPDATE OF c" : ""),
                        pq::Params().add(id).add(facility_id));
  if (found.rows() == 0) return std::nullopt;
  return rows::case_from_row(found.row(0));
}

void add_event(pq::Connection& db, std::int64_t case_id, const Actor& actor, std::int64_t now_ms,
               std::string_view action, const std::string& detail) {
  db.query(
      "INSERT INTO case_events (case_id, at_ms, user_id, user_name, action, detail) VALUES "
      "($1, $2, $3, $4, $5, $6)",
      pq::Params()
          .add(case_id)
          .add(now_ms)
          .add(actor.user_id ? std::optional(actor.user_id) : std::nullopt)
          .add(actor.name)
          .add(action)
          .add(detail));
}

std::optional<std::int64_t> done_before(pq::Connection& db, const Actor& actor,
                                        std::optional<std::int64_t> case_id, std::int64_t now_ms) {
  if (actor.request_id.empty()) return std::nullopt;
  auto claimed = db.query(
      "INSERT INTO staff_requests (id, user_id, case_id, done_ms) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO NOTHING",
      pq::Params().add(actor.request_id).add(actor.user_id).add(case_id).add(now_ms));
  if (claimed.affected() > 0) return std::nullopt;
  auto earlier = db.query("SELECT case_id, user_id FROM staff_requests WHERE id = $1",
                          pq::Params().add(actor.request_id));
  return request_case(earlier.optional_integer(0, 0), earlier.integer(0, 1), actor, case_id);
}

void settle_request(pq::Connection& db, const Actor& actor, std::int64_t case_id) {
  if (actor.request_id.empty()) return;
  db.query("UPDATE staff_requests SET case_id = $2 WHERE id = $1", pq::Params().add(actor.request_id).add(case_id));
}

void bump_board(pq::Connection& db, const std::string& facility_id) {
  db.query(R"sql(
INSERT INTO board_revisions (facility_id, revision) VALUES ($1, 1)
ON CONFLICT (facility_id) DO UPDATE SET revision = board_revisions.revision + 1)sql",
           pq::Params().add(facility_id));
}

}  // namespace pg_cases

CasePage PgStorage::cases(const CaseQuery& query) {
  CasePage page;
  snapshot("list cases", [&](pq::Connection& db) {
    constexpr auto engine = case_list::Engine::postgresql;
    case_list::TextHits hits;
    if (!query.text.empty() && case_list::indexable_text(query, engine)) {
      auto sql = case_list::text_hits(query, engine);
      std::vector<std::int64_t> ids;
      for (auto row : db.query(sql.text, params_of(sql.params))) ids.push_back(row.integer(0));
      hits = case_list::hits_of(std::move(ids));
    }
    // The count planned with its values: its generic plan, which
    // PostgreSQL takes after five runs of a statement, guesses a sixth of
    // the cases for any status or unit and so reads the table until
    // kCountCap instead of the unit's index (27 instead of 11 ms of CPU for
    // "open + unit" at 100,000 cases).
    db.exec("SET LOCAL plan_cache_mode = force_custom_plan");
    auto count = case_list::count(query, engine, hits);
    auto counted = db.query(count.text, params_of(count.params)).integer(0, 0);
    db.exec("SET LOCAL plan_cache_mode = auto");
    auto list = case_list::page(query, engine, hits, rows::kSelectCase);
    std::vector<Case> found;
    for (auto row : db.query(list.text, params_of(list.params))) found.push_back(rows::case_from_row(row));
    page = case_list::finish(query, std::move(found), counted);
  });
  return page;
}

std::optional<Case> PgStorage::find_case(const std::string& facility_id, std::int64_t id) {
  std::optional<Case> out;
  snapshot("read a case", [&](pq::Connection& db) {
    out = pg_cases::read_case(db, facility_id, id);
    if (!out) return;
    for (auto row : db.query("SELECT id, channel, text, officer, answered_ms, recorded_ms FROM case_answers "
                             "WHERE case_id = $1 ORDER BY answered_ms, id",
                             pq::Params().add(id)))
      out->answers.push_back(
          {row.integer(0), reg::parse_answer_channel(row.text(1)).value_or(reg::AnswerChannel::telepon),
           row.text(2), row.text(3), row.integer(4), row.integer(5)});
    for (auto row : db.query("SELECT at_ms, user_name, action, detail FROM case_events WHERE case_id = $1 "
                             "ORDER BY id",
                             pq::Params().add(id)))
      out->history.push_back({row.integer(0), row.text(1), row.text(2), row.text(3)});
  });
  return out;
}

Case PgStorage::add_case(const NewCase& n, std::int64_t due_hours, const Actor& actor, std::int64_t now_ms) {
  std::optional<Case> out;
  write("record a case", [&](pq::Connection& db) {
    pg::require_facility(db, n.facility_id);
    if (auto earlier = pg_cases::done_before(db, actor, std::nullopt, now_ms)) {
      out = pg_cases::read_case(db, "", *earlier);
      return;
    }
    std::vector<Case> cases{entered_case(n, due_hours)};
    number_cases(db, cases);
    insert_cases(db, cases, {std::nullopt}, now_ms, actor, "recorded",
                 nlohmann::json{{"channel", reg::to_string(n.channel)}}.dump());
    auto id = cases.front().id;
    pg_cases::settle_request(db, actor, id);
    if (!n.identity.empty())
      db.query("INSERT INTO case_identities (case_id, name, phone, address) VALUES ($1, $2, $3, $4)",
               pq::Params().add(id).add(n.identity.name).add(n.identity.phone).add(n.identity.address));
    out = pg_cases::read_case(db, "", id);
  });
  return *out;
}

std::optional<PublicTicket> PgStorage::public_ticket(const std::string& key) {
  std::optional<PublicTicket> out;
  read("read a ticket", [&](pq::Connection& db) {
    const bool by_code = !core::is_uuid(key);
    auto found = db.query(
        by_code ? "SELECT status, CASE WHEN published_ms IS NOT NULL THEN public_answer ELSE '' END, "
                  "ticket FROM cases WHERE ticket = $1 AND ticket <> '' LIMIT 2"
                : "SELECT status, CASE WHEN published_ms IS NOT NULL THEN public_answer ELSE '' END, "
                  "ticket FROM cases WHERE public_id = $1",
        pq::Params().add(key));
    // No case, or a code two facilities' cases share: not found.
    if (found.rows() != 1) return;
    out = PublicTicket{reg::parse_status(found.text(0, 0)).value_or(reg::Status::baru), found.text(0, 1),
                       found.text(0, 2)};
  });
  return out;
}

std::int64_t PgStorage::latest_case_id(const std::string& facility_id) {
  std::int64_t out = 0;
  read("find the newest case", [&](pq::Connection& db) {
    out = db.query("SELECT coalesce(max(id), 0) FROM cases WHERE $1 = '' OR facility_id = $1",
                   pq::Params().add(facility_id))
              .integer(0, 0);
  });
  return out;
}

std::vector<Case> PgStorage::alarming_cases(const std::string& facility_id, std::int64_t after_id,
                                            std::int64_t since_ms, std::size_t limit) {
  std::vector<Case> out;
  read("list alarming cases", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectCase) + pq::dollar_params(rows::kAlarmingAfter) +
                              "ORDER BY c.id LIMIT $4",
                          pq::Params().add(after_id).add(facility_id).add(since_ms).add(static_cast<std::int64_t>(limit)));
    for (auto row : found) out.push_back(rows::case_from_row(row));
  });
  return out;
}

std::vector<Case> PgStorage::unmailed_alarms(std::int64_t since_ms, std::size_t limit) {
  std::vector<Case> out;
  read("list cases to mail about", [&](pq::Connection& db) {
    auto found = db.query(std::string(rows::kSelectCase) +
                             "WHERE c.mailed_ms IS NULL AND (c.urgent = 1 OR c.rating = 1) "
                             "AND c.recorded_ms >= $1 ORDER BY c.id LIMIT $2",
                         pq::Params().add(since_ms).add(static_cast<std::int64_t>(limit)));
    for (auto row : found) out.push_back(rows::case_from_row(row));
  });
  return out;
}

void PgStorage::mark_mailed(const std::vector<std::int64_t>& case_ids, std::int64_t now_ms) {
  pq::TextArray ids;
  for (auto id : case_ids) ids.add(id);
  write("note mailed cases", [&](pq::Connection& db) {
    db.query("UPDATE cases SET mailed_ms = $2 WHERE id = ANY($1::bigint[])", pq::Params().add(ids.str()).add(now_ms));
  });
}

}  // namespace kotak::server
