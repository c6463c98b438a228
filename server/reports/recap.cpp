// See recap.hpp.
#include "server/reports/recap.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace kotak::server::reports {

namespace {

constexpr double kHourMs = 3600000.0;

std::optional<double> hours(const std::optional<double>& ms) {
  if (!ms) return std::nullopt;
  return *ms / kHourMs;
}

// Every value of an enumeration, zeros included, with the groups' counts.
template <typename Enum, std::size_t N>
std::vector<Count> count_all(const Enum (&all)[N], const std::map<std::string, std::int64_t>& counted) {
  std::vector<Count> out;
  for (auto value : all) {
    std::string key(to_string(value));
    auto found = counted.find(key);
    out.push_back({key, found == counted.end() ? 0 : found->second});
  }
  return out;
}

void add_face(FaceRow& row, int rating, std::int64_t count) {
  if (rating < 1 || rating > 4) return;
  row.faces[rating - 1] += count;
  row.total += count;
}

}  // namespace

std::pair<std::int64_t, std::int64_t> month_days(int year, unsigned month) {
  auto first = core::days_from_civil(year, month, 1);
  auto next = month == 12 ? core::days_from_civil(year + 1, 1, 1) : core::days_from_civil(year, month + 1, 1);
  return {first, next - 1};
}

std::string format_day(std::int64_t day) {
  int y = 0;
  unsigned m = 0, d = 0;
  core::civil_from_days(day, y, m, d);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
  return text;
}

Recap assemble_recap(const RecapFigures& figures, int year, unsigned month, int due_hours) {
  using core::FeedbackType;
  Recap r;
  r.year = year;
  r.month = month;
  std::tie(r.first_day, r.last_day) = month_days(year, month);
  r.due_hours = due_hours;

  std::map<std::string, std::int64_t> channels, types, statuses, units;
  for (const auto& g : figures.groups) {
    r.cases += g.cases;
    r.answered += g.answered;
    r.deadline_base += g.deadline_base;
    r.answered_in_time += g.answered_in_time;
    channels[g.channel] += g.cases;
    types[g.type] += g.cases;
    statuses[g.status] += g.cases;
    units[g.unit] += g.cases;
  }
  r.by_channel = count_all(reg::kChannels, channels);
  static constexpr FeedbackType kTypes[] = {FeedbackType::saran, FeedbackType::keluhan,
                                            FeedbackType::pujian, FeedbackType::pertanyaan};
  r.by_type = count_all(kTypes, types);
  r.by_status = count_all(reg::kStatuses, statuses);
  for (const auto& [unit, n] : units) r.by_unit.push_back({unit, n});
  std::stable_sort(r.by_unit.begin(), r.by_unit.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });

  r.median_hours = hours(figures.median_answer_ms);
  if (r.deadline_base > 0)
    r.in_time_percent = 100.0 * static_cast<double>(r.answered_in_time) / static_cast<double>(r.deadline_base);

  for (const auto& u : figures.units)
    r.unit_responses.push_back({u.unit, u.forwarded, u.answered, hours(u.median_ms), hours(u.mean_ms)});
  // By unit id, as bytes (the engines' collations differ).
  std::sort(r.unit_responses.begin(), r.unit_responses.end(),
            [](const UnitResponseRow& a, const UnitResponseRow& b) { return a.unit < b.unit; });

  for (auto day = r.first_day; day <= r.last_day; ++day) r.faces_by_day.push_back({format_day(day), {}, 0});
  std::map<std::string, FaceRow> by_unit;
  for (const auto& f : figures.faces) {
    if (f.day >= r.first_day && f.day <= r.last_day)
      add_face(r.faces_by_day[static_cast<std::size_t>(f.day - r.first_day)], f.rating, f.count);
    auto& row = by_unit[f.unit];
    row.key = f.unit;
    add_face(row, f.rating, f.count);
    add_face(r.faces_total, f.rating, f.count);
  }
  for (auto& [unit, row] : by_unit) r.faces_by_unit.push_back(row);
  return r;
}

}  // namespace kotak::server::reports
