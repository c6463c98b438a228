// The SKM report's counts (schema_skm_counts.hpp) as SqliteStorage reads
// them: a period's rows of skm_day_counts, and its profile summed by field
// and value, in one read transaction.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

SkmCounts SqliteStorage::skm_counts(const std::string& facility_id, const std::string& unit,
                                    std::int64_t first_day, std::int64_t last_day, bool with_profile) {
  if (facility_id.empty())
    throw StorageError(StorageErrc::invalid, "an SKM report is about one facility; choose one");
  static const std::string days_sql = "SELECT " + rows::day_count_columns() +
                                      " FROM skm_day_counts WHERE facility_id = ?1 AND day BETWEEN "
                                      "?2 AND ?3 AND (?4 = '' OR unit = ?4) AND respondents <> 0";
  SkmCounts out;
  read("read the SKM counts of a report", [&](core::sql::Database& db) {
    out = {};
    db.exec("BEGIN");
    try {
      auto days = db.prepare(days_sql);
      days.bind(1, facility_id).bind(2, first_day).bind(3, last_day).bind(4, unit);
      while (days.step()) out.days.push_back(rows::day_count_from_row(days));
      if (with_profile) {
        auto profile = db.prepare(R"sql(
SELECT field, value, sum(respondents) FROM skm_profile_counts
WHERE facility_id = ?1 AND day BETWEEN ?2 AND ?3 AND (?4 = '' OR unit = ?4)
GROUP BY field, value)sql");
        profile.bind(1, facility_id).bind(2, first_day).bind(3, last_day).bind(4, unit);
        while (profile.step()) out.profile.push_back({profile.text(0), profile.text(1), profile.integer(2)});
      }
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  tidy(out);
  return out;
}

}  // namespace kotak::server
