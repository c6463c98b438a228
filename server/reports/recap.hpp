// The monthly recap (rekap bulanan, SOP step 9) assembled from the figures
// the engine counts (Storage::recap_figures): counts of cases by channel,
// type, unit and status; the median time to the first answer; the share
// answered within the deadline (3×24 h by default); faces per day and per
// unit. The month's cases themselves are read a page at a time
// (Storage::recap_cases), never all at once.
//
// Definitions, so that a report can be checked by hand:
// - A case belongs to the month of its received time, in its own local time.
// - Time to first answer is first answer minus received time, over the
//   cases answered so far; the median of an even count is the mean of the
//   middle two.
// - Per unit forwarded to: the month's cases last forwarded to it, how many
//   it answered, and the median and mean hours from the forwarding to its
//   answer (over those it answered).
// - "Answered in time" counts cases answered within due_hours of arrival,
//   out of all cases of the month except those found bukan wewenang (not the
//   puskesmas' to answer).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/storage.hpp"

namespace kotak::server::reports {

struct Count {
  std::string key;  // channel, type, status name or unit id
  std::int64_t count = 0;
};

struct FaceRow {
  std::string key;                     // YYYY-MM-DD or unit id ("" for none chosen)
  std::array<std::int64_t, 4> faces{};  // Tidak puas, Kurang puas, Puas, Sangat puas
  std::int64_t total = 0;
};

struct UnitResponseRow {
  std::string unit;
  std::int64_t forwarded = 0;
  std::int64_t answered = 0;
  std::optional<double> median_hours, mean_hours;
};

struct Recap {
  int year = 0;
  unsigned month = 0;
  std::int64_t first_day = 0, last_day = 0;
  int due_hours = 72;
  std::int64_t cases = 0;
  std::vector<Count> by_channel, by_type, by_status;  // every value, zeros included
  std::vector<Count> by_unit;                         // units that occur, most first
  std::int64_t answered = 0;
  std::optional<double> median_hours;
  std::int64_t deadline_base = 0;  // cases counted for the deadline share
  std::int64_t answered_in_time = 0;
  std::optional<double> in_time_percent;
  std::vector<UnitResponseRow> unit_responses;  // units forwarded to, by unit id
  std::vector<FaceRow> faces_by_day;  // every day of the month
  std::vector<FaceRow> faces_by_unit;
  FaceRow faces_total;
};

// The first and last local day (days since 1970-01-01) of a month.
std::pair<std::int64_t, std::int64_t> month_days(int year, unsigned month);
// The month's figures, as read with due_hours, into the report.
Recap assemble_recap(const RecapFigures& figures, int year, unsigned month, int due_hours);
std::string format_day(std::int64_t day);  // YYYY-MM-DD

}  // namespace kotak::server::reports
