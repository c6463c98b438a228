// See recap.hpp.
#include "server/reports/recap.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace kotak::server::reports {

namespace {

constexpr double kHourMs = 3600000.0;

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

template <typename Enum, std::size_t N, typename Get>
std::vector<Count> count_all(const Enum (&all)[N], const std::vector<RecapCase>& cases, Get get) {
  std::vector<Count> out;
  for (auto value : all) {
    Count c{std::string(to_string(value)), 0};
    for (const auto& x : cases)
      if (get(x) == value) ++c.count;
    out.push_back(c);
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

Recap compute_recap(const RecapData& data, int year, unsigned month, int due_hours) {
  using core::FeedbackType;
  Recap r;
  r.year = year;
  r.month = month;
  std::tie(r.first_day, r.last_day) = month_days(year, month);
  r.due_hours = due_hours;
  r.cases = static_cast<std::int64_t>(data.cases.size());
  r.list = data.cases;

  r.by_channel = count_all(reg::kChannels, data.cases, [](const RecapCase& c) { return c.channel; });
  static constexpr FeedbackType kTypes[] = {FeedbackType::saran, FeedbackType::keluhan,
                                            FeedbackType::pujian, FeedbackType::pertanyaan};
  r.by_type = count_all(kTypes, data.cases, [](const RecapCase& c) { return c.type; });
  r.by_status = count_all(reg::kStatuses, data.cases, [](const RecapCase& c) { return c.status; });
  std::map<std::string, std::int64_t> units;
  for (const auto& c : data.cases) ++units[c.unit];
  for (const auto& [unit, n] : units) r.by_unit.push_back({unit, n});
  std::stable_sort(r.by_unit.begin(), r.by_unit.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });

  std::vector<double> hours;
  const std::int64_t due_ms = std::int64_t{due_hours} * 3600000;
  for (const auto& c : data.cases) {
    if (c.first_answer_ms) {
      ++r.answered;
      hours.push_back(static_cast<double>(*c.first_answer_ms - c.received_ms) / kHourMs);
    }
    if (c.status == reg::Status::bukan_wewenang) continue;
    ++r.deadline_base;
    if (c.first_answer_ms && *c.first_answer_ms - c.received_ms <= due_ms) ++r.answered_in_time;
  }
  r.median_hours = median(hours);
  if (r.deadline_base > 0)
    r.in_time_percent = 100.0 * static_cast<double>(r.answered_in_time) / static_cast<double>(r.deadline_base);

  std::map<std::string, std::pair<UnitResponseRow, std::vector<double>>> forwarded;
  for (const auto& c : data.cases) {
    if (c.forwarded_unit.empty()) continue;
    auto& [row, took] = forwarded[c.forwarded_unit];
    row.unit = c.forwarded_unit;
    ++row.forwarded;
    if (c.forwarded_ms && c.unit_response_ms) {
      ++row.answered;
      took.push_back(static_cast<double>(std::max<std::int64_t>(0, *c.unit_response_ms - *c.forwarded_ms)) / kHourMs);
    }
  }
  for (auto& [unit, entry] : forwarded) {
    auto& [row, took] = entry;
    row.median_hours = median(took);
    if (!took.empty()) {
      double sum = 0;
      for (double h : took) sum += h;
      row.mean_hours = sum / static_cast<double>(took.size());
    }
    r.unit_responses.push_back(row);
  }

  for (auto day = r.first_day; day <= r.last_day; ++day) r.faces_by_day.push_back({format_day(day), {}, 0});
  std::map<std::string, FaceRow> by_unit;
  for (const auto& f : data.faces) {
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
