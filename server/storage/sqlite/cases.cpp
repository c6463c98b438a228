// The register part of SqliteStorage: recording cases (from ingest and by
// hand), listing and reading them, the public ticket, and what dashboards
// and the mailer poll for. Changes to a case are in case_changes.cpp.
#include <nlohmann/json.hpp>

#include "server/storage/case_list.hpp"
#include "server/storage/case_rules.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
using reg::Case;

namespace {

// The next register number of a facility's year, counted in the same
// transaction as the case that takes it: no gaps, no doubles.
std::int64_t next_number(sql::Database& db, const std::string& facility_id, int year) {
  auto next = db.prepare(R"sql(
INSERT INTO register_counters (facility_id, year, last_number) VALUES (?1, ?2, 1)
ON CONFLICT (facility_id, year) DO UPDATE SET last_number = last_number + 1
RETURNING last_number)sql");
  next.bind(1, facility_id).bind(2, year);
  next.step();
  return next.integer(0);
}

std::int64_t insert_case(sql::Database& db, const Case& c, const std::optional<std::string>& submission,
                         std::int64_t now_ms) {
  db.prepare(R"sql(
INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
                   utc_offset_min, recorded_ms, channel, unit, type, urgent, rating, identity_mode,
                   content, due_ms, status, updated_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 'baru', ?9))sql")
      .bind(1, c.facility_id)
      .bind(2, c.year)
      .bind(3, c.number)
      .bind(4, submission)
      .bind(5, c.public_id)
      .bind(6, c.ticket)
      .bind(7, c.received_ms)
      .bind(8, c.utc_offset_min)
      .bind(9, now_ms)
      .bind(10, reg::to_string(c.channel))
      .bind(11, c.unit)
      .bind(12, core::to_string(c.type))
      .bind(13, c.urgent ? 1 : 0)
      .bind(14, c.rating)
      .bind(15, core::to_string(c.identity_mode))
      .bind(16, c.content)
      .bind(17, c.due_ms)
      .run();
  return db.last_insert_rowid();
}

sql::Statement prepared(sql::Database& db, case_list::Sql sql) {
  auto st = db.prepare(sql.text);
  int index = 0;
  for (auto& value : sql.params)
    std::visit([&](auto& v) { st.bind(++index, v); }, value);
  return st;
}

}  // namespace

namespace sqlite_cases {

std::int64_t record_written(sql::Database& db, const core::Submission& s, std::int64_t due_hours,
                            std::int64_t now_ms, reg::Channel channel) {
  Case c = written_case(s, due_hours, channel);
  c.number = next_number(db, c.facility_id, c.year);
  auto id = insert_case(db, c, s.id, now_ms);
  add_event(db, id, {}, now_ms, "received", "{}");
  return id;
}

void index_text_from(sql::Database& db, std::int64_t first_id) {
  db.prepare("INSERT INTO cases_text (rowid, content) SELECT id, content FROM cases WHERE id >= ?1")
      .bind(1, first_id)
      .run();
}

std::optional<Case> read_case(sql::Database& db, const std::string& facility_id, std::int64_t id) {
  auto find = db.prepare(std::string(rows::kSelectCase) + "WHERE c.id = ?1 AND (?2 = '' OR c.facility_id = ?2)");
  find.bind(1, id).bind(2, facility_id);
  if (!find.step()) return std::nullopt;
  return rows::case_from_row(find);
}

void add_event(sql::Database& db, std::int64_t case_id, const Actor& actor, std::int64_t now_ms,
               std::string_view action, const std::string& detail) {
  db.prepare(
        "INSERT INTO case_events (case_id, at_ms, user_id, user_name, action, detail) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, case_id)
      .bind(2, now_ms)
      .bind(3, actor.user_id ? std::optional(actor.user_id) : std::nullopt)
      .bind(4, actor.name)
      .bind(5, action)
      .bind(6, detail)
      .run();
}

std::optional<std::int64_t> done_before(sql::Database& db, const Actor& actor,
                                        std::optional<std::int64_t> case_id, std::int64_t now_ms) {
  if (actor.request_id.empty()) return std::nullopt;
  db.prepare(
        "INSERT INTO staff_requests (id, user_id, case_id, done_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (id) DO NOTHING")
      .bind(1, actor.request_id)
      .bind(2, actor.user_id)
      .bind(3, case_id)
      .bind(4, now_ms)
      .run();
  if (db.changes() > 0) return std::nullopt;
  auto earlier = db.prepare("SELECT case_id, user_id FROM staff_requests WHERE id = ?1");
  earlier.bind(1, actor.request_id);
  earlier.step();
  return request_case(earlier.optional_integer(0), earlier.integer(1), actor, case_id);
}

void settle_request(sql::Database& db, const Actor& actor, std::int64_t case_id) {
  if (actor.request_id.empty()) return;
  db.prepare("UPDATE staff_requests SET case_id = ?2 WHERE id = ?1").bind(1, actor.request_id).bind(2, case_id).run();
}

void bump_board(sql::Database& db, const std::string& facility_id) {
  db.prepare(R"sql(
INSERT INTO board_revisions (facility_id, revision) VALUES (?1, 1)
ON CONFLICT (facility_id) DO UPDATE SET revision = revision + 1)sql")
      .bind(1, facility_id)
      .run();
}

}  // namespace sqlite_cases

CasePage SqliteStorage::cases(const CaseQuery& query) {
  CasePage page;
  read("list cases", [&](sql::Database& db) {
    db.exec("BEGIN");
    try {
      constexpr auto engine = case_list::Engine::sqlite;
      case_list::TextHits hits;
      if (!query.text.empty() && case_list::indexable_text(query, engine)) {
        auto found = prepared(db, case_list::text_hits(query, engine));
        std::vector<std::int64_t> ids;
        while (found.step()) ids.push_back(found.integer(0));
        hits = case_list::hits_of(std::move(ids));
      }
      auto count = prepared(db, case_list::count(query, engine, hits));
      auto counted = count.step() ? count.integer(0) : 0;
      auto list = prepared(db, case_list::page(query, engine, hits, rows::kSelectCase));
      std::vector<Case> found;
      while (list.step()) found.push_back(rows::case_from_row(list));
      page = case_list::finish(query, std::move(found), counted);
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return page;
}

std::optional<Case> SqliteStorage::find_case(const std::string& facility_id, std::int64_t id) {
  std::optional<Case> out;
  read("read a case", [&](sql::Database& db) {
    db.exec("BEGIN");
    try {
      out = sqlite_cases::read_case(db, facility_id, id);
      if (out) {
        auto answers = db.prepare(
            "SELECT id, channel, text, officer, answered_ms, recorded_ms FROM case_answers "
            "WHERE case_id = ?1 ORDER BY answered_ms, id");
        answers.bind(1, id);
        while (answers.step())
          out->answers.push_back(
              {answers.integer(0),
               reg::parse_answer_channel(answers.text(1)).value_or(reg::AnswerChannel::telepon),
               answers.text(2), answers.text(3), answers.integer(4), answers.integer(5)});
        auto events = db.prepare(
            "SELECT at_ms, user_name, action, detail FROM case_events WHERE case_id = ?1 ORDER BY id");
        events.bind(1, id);
        while (events.step())
          out->history.push_back({events.integer(0), events.text(1), events.text(2), events.text(3)});
      }
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return out;
}

Case SqliteStorage::add_case(const NewCase& n, std::int64_t due_hours, const Actor& actor,
                             std::int64_t now_ms) {
  std::optional<Case> out;
  write("record a case", [&](sql::Database& db) {
    require_facility(db, n.facility_id);
    if (auto earlier = sqlite_cases::done_before(db, actor, std::nullopt, now_ms)) {
      out = sqlite_cases::read_case(db, "", *earlier);
      return;
    }
    Case c = entered_case(n, due_hours);
    c.number = next_number(db, c.facility_id, c.year);
    auto id = insert_case(db, c, std::nullopt, now_ms);
    sqlite_cases::index_text_from(db, id);
    sqlite_cases::settle_request(db, actor, id);
    if (!n.identity.empty())
      db.prepare("INSERT INTO case_identities (case_id, name, phone, address) VALUES (?1, ?2, ?3, ?4)")
          .bind(1, id)
          .bind(2, n.identity.name)
          .bind(3, n.identity.phone)
          .bind(4, n.identity.address)
          .run();
    sqlite_cases::add_event(db, id, actor, now_ms, "recorded",
                            nlohmann::json{{"channel", reg::to_string(n.channel)}}.dump());
    out = sqlite_cases::read_case(db, "", id);
  });
  return *out;
}

std::optional<PublicTicket> SqliteStorage::public_ticket(const std::string& key) {
  std::optional<PublicTicket> out;
  read("read a ticket", [&](sql::Database& db) {
    const bool by_code = !core::is_uuid(key);
    auto find = db.prepare(
        by_code ? "SELECT status, CASE WHEN published_ms IS NOT NULL THEN public_answer ELSE '' END, "
                  "ticket FROM cases WHERE ticket = ?1 AND ticket <> '' LIMIT 2"
                : "SELECT status, CASE WHEN published_ms IS NOT NULL THEN public_answer ELSE '' END, "
                  "ticket FROM cases WHERE public_id = ?1");
    find.bind(1, key);
    if (!find.step()) return;
    PublicTicket ticket{reg::parse_status(find.text(0)).value_or(reg::Status::baru),
                        find.text(1), find.text(2)};
    if (by_code && find.step()) return;  // two facilities' cases share the code
    out = std::move(ticket);
  });
  return out;
}

std::int64_t SqliteStorage::latest_case_id(const std::string& facility_id) {
  std::int64_t out = 0;
  read("find the newest case", [&](sql::Database& db) {
    auto find = db.prepare("SELECT coalesce(max(id), 0) FROM cases WHERE ?1 = '' OR facility_id = ?1");
    find.bind(1, facility_id);
    if (find.step()) out = find.integer(0);
  });
  return out;
}

std::vector<Case> SqliteStorage::alarming_cases(const std::string& facility_id, std::int64_t after_id,
                                                std::int64_t since_ms, std::size_t limit) {
  std::vector<Case> out;
  read("list alarming cases", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectCase) + std::string(rows::kAlarmingAfter) +
                           "ORDER BY c.id LIMIT ?4");
    list.bind(1, after_id).bind(2, facility_id).bind(3, since_ms).bind(4, static_cast<std::int64_t>(limit));
    while (list.step()) out.push_back(rows::case_from_row(list));
  });
  return out;
}

std::vector<Case> SqliteStorage::unmailed_alarms(std::int64_t since_ms, std::size_t limit) {
  std::vector<Case> out;
  read("list cases to mail about", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectCase) +
                           "WHERE c.mailed_ms IS NULL AND (c.urgent = 1 OR c.rating = 1) "
                           "AND c.recorded_ms >= ?1 ORDER BY c.id LIMIT ?2");
    list.bind(1, since_ms).bind(2, static_cast<std::int64_t>(limit));
    while (list.step()) out.push_back(rows::case_from_row(list));
  });
  return out;
}

void SqliteStorage::mark_mailed(const std::vector<std::int64_t>& case_ids, std::int64_t now_ms) {
  write("note mailed cases", [&](sql::Database& db) {
    auto mark = db.prepare("UPDATE cases SET mailed_ms = ?2 WHERE id = ?1");
    for (auto id : case_ids) {
      mark.bind(1, id).bind(2, now_ms).run();
    }
  });
}

}  // namespace kotak::server
