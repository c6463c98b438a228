// The SQL of schema version 24 (schema_skm_counts.hpp) in both dialects,
// built from one description of where answered responses are read: the
// tables, their backfill from the responses already stored, and the
// triggers that keep them.
//
// A trigger adds or removes the counts of the responses one statement
// touches with INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE, the
// same statement in SQLite (trigger bodies) and PostgreSQL (plpgsql
// functions: statement triggers for inserts, row triggers otherwise). While kotak-server migrate-to-postgres copies
// a SQLite file, the counts are copied as they are: its session sets
// kotak.copying and the PostgreSQL triggers then count nothing.
#include <string>
#include <vector>

#include "server/storage/schema_skm_counts.hpp"

namespace kotak::server {

namespace {

enum class Dialect { sqlite, postgres };

// Answered responses as one statement reads them: SQL expressions for each
// one's facility, local day, unit and source, the FROM clause and its
// condition, and the alias (or NEW / OLD) of the row holding u1..u9 and the
// profile.
struct Answers {
  std::string facility, day, unit, source, from, where, row;
};

// uE_A: how many answered element E with A.
std::string column(int element, int answer) {
  std::string out = "u";
  out += std::to_string(element);
  out += '_';
  out += std::to_string(answer);
  return out;
}

std::string answered(const std::string& row) {
  std::string out = "coalesce(";
  for (int e = 1; e <= 9; ++e) {
    if (e > 1) out += ", ";
    out += row;
    out += ".u";
    out += std::to_string(e);
  }
  return out + ") IS NOT NULL";
}

std::string where_of(const Answers& a) {
  std::string out = " WHERE ";
  if (!a.where.empty()) out += "(" + a.where + ") AND ";
  return out + answered(a.row);
}

std::string signed_count(int sign) { return sign < 0 ? "-count(*)" : "count(*)"; }

}  // namespace

std::string skm_count_columns() {
  std::string out = "respondents";
  for (int e = 1; e <= 9; ++e)
    for (int v = 1; v <= 4; ++v) out += ", " + column(e, v);
  return out;
}

namespace {

std::string add_day_counts(const Answers& a, int sign) {
  std::string out = "INSERT INTO skm_day_counts (facility_id, day, unit, source, " + skm_count_columns() +
                    ")\nSELECT " + a.facility + ", " + a.day + ", " + a.unit + ", " + a.source +
                    ", " + signed_count(sign);
  for (int e = 1; e <= 9; ++e)
    for (int v = 1; v <= 4; ++v)
      out += std::string(",\n  ") + (sign < 0 ? "-" : "") + "sum(CASE " + a.row + ".u" +
             std::to_string(e) + " WHEN " + std::to_string(v) + " THEN 1 ELSE 0 END)";
  out += "\n" + a.from + where_of(a) + "\nGROUP BY 1, 2, 3, 4\n" +
         "ON CONFLICT (facility_id, day, unit, source) DO UPDATE SET respondents = "
         "skm_day_counts.respondents + excluded.respondents";
  for (int e = 1; e <= 9; ++e)
    for (int v = 1; v <= 4; ++v) {
      auto c = column(e, v);
      out += ",\n  " + c + " = skm_day_counts." + c + " + excluded." + c;
    }
  return out + ";\n";
}

std::string add_profile_counts(const Answers& a, int sign) {
  std::string out =
      "INSERT INTO skm_profile_counts (facility_id, day, unit, field, value, respondents)\n"
      "SELECT facility_id, day, unit, field, value, " + signed_count(sign) + " FROM (";
  const char* fields[] = {"sex", "age_group", "education", "occupation"};
  for (const char* field : fields)
    out += std::string(field == fields[0] ? "\n  " : "\n  UNION ALL ") + "SELECT " + a.facility +
           " AS facility_id, " + a.day + " AS day, " + a.unit + " AS unit, '" + field +
           "' AS field, " + a.row + "." + field + " AS value " + a.from + where_of(a);
  return out + ") AS p\nWHERE true GROUP BY 1, 2, 3, 4, 5\n"
               "ON CONFLICT (facility_id, day, unit, field, value) DO UPDATE SET respondents = "
               "skm_profile_counts.respondents + excluded.respondents;\n";
}

std::string add_counts(const Answers& a, int sign) {
  return add_day_counts(a, sign) + add_profile_counts(a, sign);
}

// A kiosk (or phone) response of submission `s` (a table alias, or NEW /
// OLD), with its scores in row `r`.
Answers kiosk(const std::string& s, const std::string& r, std::string from, std::string where) {
  return {s + ".facility_id",
          "(" + s + ".created_at_ms + " + s + ".utc_offset_min * 60000) / 86400000",
          "CASE WHEN " + s + ".unit <> '' THEN " + s + ".unit ELSE " + r + ".service END",
          "CASE WHEN coalesce(" + s + ".channel, '') = 'ponsel' THEN 'ponsel' ELSE 'kiosk' END",
          std::move(from), std::move(where), r};
}

Answers imported(const std::string& i, std::string from, std::string where) {
  return {i + ".facility_id", i + ".day", i + ".unit", i + ".source", std::move(from),
          std::move(where), i};
}

// Every kiosk response of a table of skm_responses rows (the table itself,
// or a statement's inserted rows), and every live imported response of a
// table of skm_imported rows.
Answers kiosk_rows(const std::string& table) {
  return kiosk("s", "r", "FROM " + table + " r JOIN submissions s ON s.seq = r.submission_seq",
               "s.kind = 'skm'");
}
// The same for a PostgreSQL statement trigger's inserted rows, each joined
// to its submission through the primary key (version 27). The LATERAL
// subquery, kept apart by OFFSET 0, fixes that plan: a plain join let the
// function's cached plan, made while the database was young, hash every SKM
// submission ever stored for each batch (4.6 s of 100,000 submissions).
Answers kiosk_rows_each(const std::string& table) {
  return kiosk("s", "r",
               "FROM " + table + " r CROSS JOIN LATERAL (SELECT facility_id, created_at_ms, "
               "utc_offset_min, unit, channel, kind FROM submissions WHERE seq = r.submission_seq "
               "OFFSET 0) s",
               "s.kind = 'skm'");
}
Answers imported_rows(const std::string& table) {
  return imported("i", "FROM " + table + " i JOIN skm_imports m ON m.id = i.import_id",
                  "m.undone_ms IS NULL");
}

std::string tables(Dialect d) {
  const std::string integer = d == Dialect::sqlite ? "INTEGER" : "BIGINT";
  const std::string rowid = d == Dialect::sqlite ? " WITHOUT ROWID" : "";
  std::string out =
      "CREATE TABLE skm_day_counts (\n  facility_id TEXT NOT NULL,\n  day " + integer +
      " NOT NULL,\n  unit TEXT NOT NULL,\n  source TEXT NOT NULL,\n  respondents " + integer +
      " NOT NULL";
  for (int e = 1; e <= 9; ++e)
    for (int v = 1; v <= 4; ++v)
      out += ",\n  " + column(e, v) + " " + integer + " NOT NULL";
  out += ",\n  PRIMARY KEY (facility_id, day, unit, source)\n)" + rowid + ";\n";
  out += "CREATE TABLE skm_profile_counts (\n  facility_id TEXT NOT NULL,\n  day " + integer +
         " NOT NULL,\n  unit TEXT NOT NULL,\n  field TEXT NOT NULL,\n  value TEXT NOT NULL,\n"
         "  respondents " + integer + " NOT NULL,\n"
         "  PRIMARY KEY (facility_id, day, unit, field, value)\n)" + rowid + ";\n";
  return out;
}

// The responses stored before this version.
std::string backfill() {
  return add_counts(kiosk_rows("skm_responses"), 1) + add_counts(imported_rows("skm_imported"), 1);
}

// What each trigger does, written once for both dialects with the row
// names new_row and old_row.
struct Change {
  std::string name, event, table, when, body;
  // PostgreSQL, for an insert: the body of a statement trigger reading the
  // rows inserted as the table `added`, so a statement of many rows updates
  // each count once. Row by row, a bulk insert updated the same counter rows
  // over and over in one transaction, and each update walked the chain of
  // versions the transaction had left (a million answers ran over an hour).
  std::string pg_statement_body = "";
};

std::vector<Change> changes(Dialect d) {
  // SQLite names the rows new and old; plpgsql NEW and OLD, the same
  // identifiers case-insensitively.
  const std::string new_row = d == Dialect::sqlite ? "new" : "NEW";
  const std::string old_row = d == Dialect::sqlite ? "old" : "OLD";
  auto kiosk_of = [&](const std::string& s) {
    return kiosk(s, "r", "FROM skm_responses r", "r.submission_seq = " + s + ".seq AND " + s +
                                                     ".kind = 'skm'");
  };
  auto response_of = [&](const std::string& r) {
    return kiosk("s", r, "FROM submissions s", "s.seq = " + r + ".submission_seq AND s.kind = 'skm'");
  };
  auto import_rows_of = [&](const std::string& i) {
    return imported(i, "FROM skm_imports m", "m.id = " + i + ".import_id AND m.undone_ms IS NULL");
  };
  auto rows_of_import = [&](const std::string& m) {
    return imported("i", "FROM skm_imported i", "i.import_id = " + m + ".id");
  };
  return {
      {"skm_counts_response_added", "INSERT", "skm_responses", "", add_counts(response_of(new_row), 1),
       add_counts(kiosk_rows("added"), 1)},
      {"skm_counts_response_removed", "DELETE", "skm_responses", "", add_counts(response_of(old_row), -1)},
      // A clock correction (device_clocks.cpp) moves created_at_ms.
      {"skm_counts_submission_moved",
       "UPDATE OF facility_id, created_at_ms, utc_offset_min, unit, channel, kind", "submissions",
       old_row + ".kind = 'skm' OR " + new_row + ".kind = 'skm'",
       add_counts(kiosk_of(old_row), -1) + add_counts(kiosk_of(new_row), 1)},
      {"skm_counts_imported_added", "INSERT", "skm_imported", "", add_counts(import_rows_of(new_row), 1),
       add_counts(imported_rows("added"), 1)},
      {"skm_counts_imported_removed", "DELETE", "skm_imported", "",
       add_counts(import_rows_of(old_row), -1)},
      {"skm_counts_import_undone", "UPDATE OF undone_ms", "skm_imports",
       "(" + old_row + ".undone_ms IS NULL) <> (" + new_row + ".undone_ms IS NULL)",
       // Undone: its rows' counts go; taken back: they return.
       [&] {
         auto gone = rows_of_import(new_row), back = rows_of_import(new_row);
         gone.where += " AND " + new_row + ".undone_ms IS NOT NULL";
         back.where += " AND " + new_row + ".undone_ms IS NULL";
         return add_counts(gone, -1) + add_counts(back, 1);
       }()},
  };
}

// A PostgreSQL trigger function (CREATE, or CREATE OR REPLACE) doing body.
std::string pg_function(const std::string& create, const std::string& name, const std::string& body) {
  return create + " FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
         "IF current_setting('kotak.copying', true) = 'on' THEN RETURN NULL; END IF;\n" +
         body + "RETURN NULL;\nEND\n$body$;\n";
}

std::string build(Dialect d) {
  std::string out = tables(d) + backfill();
  for (const auto& c : changes(d)) {
    if (d == Dialect::sqlite) {
      out += "CREATE TRIGGER " + c.name + " AFTER " + c.event + " ON " + c.table +
             (c.when.empty() ? "" : " WHEN " + c.when) + " BEGIN\n" + c.body + "END;\n";
      continue;
    }
    const bool statement = !c.pg_statement_body.empty();
    out += pg_function("CREATE", c.name, statement ? c.pg_statement_body : c.body);
    out += "CREATE TRIGGER " + c.name + " AFTER " + c.event + " ON " + c.table +
           (statement ? std::string(" REFERENCING NEW TABLE AS added FOR EACH STATEMENT")
                      : " FOR EACH ROW" + (c.when.empty() ? "" : " WHEN (" + c.when + ")")) +
           " EXECUTE FUNCTION " + c.name + "();\n";
  }
  return out;
}

}  // namespace

namespace sqlite_sql {
std::string_view v24() {
  static const std::string sql = build(Dialect::sqlite);
  return sql;
}

std::string_view v27() { return "SELECT 1;\n"; }

const std::string (&skm_counts_added_since())[2] {
  // The rows of skm_responses from ?1 on, through its primary key.
  static const Answers batch = kiosk("s", "r", "FROM skm_responses r JOIN submissions s ON s.seq = r.submission_seq",
                                     "r.submission_seq >= ?1 AND s.kind = 'skm'");
  static const std::string statements[2] = {add_day_counts(batch, 1), add_profile_counts(batch, 1)};
  return statements;
}
}  // namespace sqlite_sql

namespace pg_sql {
std::string_view v24() {
  static const std::string sql = build(Dialect::postgres);
  return sql;
}

std::string_view v27() {
  static const std::string sql =
      pg_function("CREATE OR REPLACE", "skm_counts_response_added", add_counts(kiosk_rows_each("added"), 1));
  return sql;
}
}  // namespace pg_sql

}  // namespace kotak::server
