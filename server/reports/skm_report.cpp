// See skm_report.hpp.
#include "server/reports/skm_report.hpp"

#include <algorithm>

#include "core/timestamp.hpp"
#include "server/skm/import_fields.hpp"

namespace kotak::server::reports {

namespace {

SkmTrendPoint trend_point(const core::IkmResult& result, SkmPeriod period) {
  SkmTrendPoint point;
  point.period = period;
  auto [year, half] = semester_of(period.first_day);
  if (semester(year, half) == period) {
    point.year = year;
    point.half = half;
  }
  point.respondents = result.respondents;
  point.ikm = result.ikm;
  point.nik = result.nik;
  point.mutu = result.mutu;
  if (result.ikm) point.ikm_places = core::places_for_product(*result.ikm, 25);
  return point;
}

core::IkmResult index_of(const SkmCounts& counts) {
  core::IkmCalculator calculator;
  for (const auto& d : counts.days) calculator.add(d.answers, d.respondents);
  return calculator.result();
}

std::map<std::string, std::int64_t>* profile_field(core::ProfileTally& profile, const std::string& field) {
  if (field == "sex") return &profile.sex;
  if (field == "age_group") return &profile.age_group;
  if (field == "education") return &profile.education;
  if (field == "occupation") return &profile.occupation;
  return nullptr;
}

}  // namespace

SkmPlaces places_of(const core::IkmResult& ikm) {
  SkmPlaces places;
  for (std::size_t i = 0; i < ikm.elements.size(); ++i)
    if (ikm.elements[i].nrr) places.nrr[i] = core::places_for_product(*ikm.elements[i].nrr, 25);
  if (!ikm.ikm) return places;
  places.ikm = core::places_for_product(*ikm.ikm, 25);
  const double printed = core::round_places(*ikm.ikm, places.ikm);
  for (places.weighted = 4; places.weighted < 9; ++places.weighted) {
    long double total = 0;
    for (const auto& e : ikm.elements)
      if (e.weighted) total += core::round_places(*e.weighted, places.weighted);
    if (core::round_places(total, places.ikm) == printed) break;
  }
  return places;
}

std::vector<std::pair<std::string, std::int64_t>> in_profile_order(
    const std::map<std::string, std::int64_t>& counts, std::span<const std::string_view> order) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (auto value : order)
    if (auto it = counts.find(std::string(value)); it != counts.end()) out.emplace_back(*it);
  for (const auto& [value, n] : counts)
    if (!value.empty() && std::find(order.begin(), order.end(), value) == order.end())
      out.emplace_back(value, n);
  if (auto it = counts.find(""); it != counts.end()) out.emplace_back(*it);
  return out;
}

SkmPeriod semester(int year, int half) {
  if (half == 1) return {core::days_from_civil(year, 1, 1), core::days_from_civil(year, 6, 30)};
  return {core::days_from_civil(year, 7, 1), core::days_from_civil(year, 12, 31)};
}

std::string skm_period_problem(const std::string& semester, const std::string& from,
                               const std::string& to) {
  constexpr std::int64_t kMaxDays = 3 * 366;
  if (!semester.empty()) {
    if (semester.size() != 6 || semester[4] != '-' || (semester[5] != '1' && semester[5] != '2') ||
        !skm::parse_day(semester.substr(0, 4) + "-01-01"))
      return "error.skm.period_semester";
    return "";
  }
  auto first = skm::parse_day(from), last = skm::parse_day(to);
  if (from.size() != 10 || to.size() != 10 || !first || !last) return "error.skm.period_date";
  if (*first > *last) return "error.skm.period_order";
  if (*last - *first >= kMaxDays) return "error.skm.period_too_long";
  return "";
}

std::optional<SkmPeriod> parse_skm_period(const std::string& semester, const std::string& from,
                                          const std::string& to) {
  if (!skm_period_problem(semester, from, to).empty()) return std::nullopt;
  if (!semester.empty())
    return reports::semester(std::stoi(semester.substr(0, 4)), semester[5] - '0');
  return SkmPeriod{*skm::parse_day(from), *skm::parse_day(to)};
}

std::pair<int, int> semester_of(std::int64_t day) {
  int year = 0;
  unsigned month = 0, d = 0;
  core::civil_from_days(day, year, month, d);
  return {year, month <= 6 ? 1 : 2};
}

SkmReport compute_skm_report(const SkmCounts& counts, SkmPeriod period, const std::string& unit,
                             std::optional<std::int64_t> population) {
  SkmReport report;
  report.period = period;
  report.unit = unit;
  core::IkmCalculator calculator;
  for (const auto& d : counts.days) {
    if (d.respondents <= 0) continue;
    calculator.add(d.answers, d.respondents);
    if (!report.first_answer_day || d.day < *report.first_answer_day) report.first_answer_day = d.day;
    if (!report.last_answer_day || d.day > *report.last_answer_day) report.last_answer_day = d.day;
    report.by_source[static_cast<std::size_t>(d.source)] += d.respondents;
    report.profile.service[d.unit] += d.respondents;
  }
  for (const auto& p : counts.profile)
    if (auto* field = profile_field(report.profile, p.field); field && p.respondents > 0)
      (*field)[p.value] += p.respondents;
  report.ikm = calculator.result();
  report.places = places_of(report.ikm);
  if (population && *population > 0) {
    report.population = population;
    report.minimum_sample = core::minimum_sample(*population);
    report.sample_reached = report.ikm.respondents >= *report.minimum_sample;
  }
  report.trend.push_back(trend_point(report.ikm, period));
  return report;
}

SkmReport compute_skm_report(const std::vector<SkmRecord>& records, SkmPeriod period,
                             const std::string& unit, std::optional<std::int64_t> population) {
  return compute_skm_report(count_responses(records, period.first_day, period.last_day, unit), period,
                            unit, population);
}

void add_trend(SkmReport& report, const SkmCountsOf& counts, std::size_t points, int look_back) {
  // The last semester that ends before the period begins.
  auto [year, half] = semester_of(report.period.first_day - 1);
  if (semester(year, half).last_day >= report.period.first_day) {
    year -= half == 1 ? 1 : 0;
    half = half == 1 ? 2 : 1;
  }
  std::vector<SkmTrendPoint> earlier;
  for (int step = 0; step < look_back && earlier.size() < points; ++step) {
    auto period = semester(year, half);
    auto result = index_of(counts(period));
    if (result.respondents > 0) earlier.insert(earlier.begin(), trend_point(result, period));
    year -= half == 1 ? 1 : 0;
    half = half == 1 ? 2 : 1;
  }
  earlier.push_back(report.trend.back());
  report.trend = std::move(earlier);
}

SkmReport read_skm_report(Storage& storage, const std::string& facility_id,
                          const std::string& unit, SkmPeriod period) {
  std::optional<std::int64_t> population;
  if (auto stored = storage.skm_population({facility_id, period.first_day, period.last_day, unit}))
    population = stored->population;
  auto report = compute_skm_report(
      storage.skm_counts(facility_id, unit, period.first_day, period.last_day, true), period, unit,
      population);
  add_trend(report, [&](SkmPeriod earlier) {
    return storage.skm_counts(facility_id, unit, earlier.first_day, earlier.last_day, false);
  });
  return report;
}

}  // namespace kotak::server::reports
