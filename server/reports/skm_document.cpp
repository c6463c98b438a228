// See skm_document.hpp.
#include "server/reports/skm_document.hpp"

namespace kotak::server::reports {

std::optional<SkmPeriod> previous_semester(SkmPeriod period) {
  auto [year, half] = semester_of(period.first_day);
  if (semester(year, half) != period) return std::nullopt;
  return half == 1 ? semester(year - 1, 2) : semester(year, 1);
}

SkmDocument read_skm_document(Storage& storage, const Facility& facility, const std::string& unit,
                              const std::string& unit_label, SkmPeriod period,
                              std::size_t rtl_versions) {
  SkmDocument d;
  d.key = {facility.id, period.first_day, period.last_day, unit};
  d.facility_name = facility.name;
  d.unit_label = unit_label;
  d.report = read_skm_report(storage, facility.id, unit, period);
  d.population = storage.skm_population(d.key);
  d.letterhead = storage.letterhead(facility.id);
  d.details = storage.skm_report_details(d.key);
  d.analysis = analyse_skm(d.report.ikm, storage.skm_complaints(facility.id, unit, period.first_day,
                                                                period.last_day, kMaxAnalysedCases));
  d.rtl = storage.skm_rtl(d.key, rtl_versions);
  if (auto previous = previous_semester(period)) {
    d.previous_key = SkmPeriodKey{facility.id, previous->first_day, previous->last_day, unit};
    auto plans = storage.skm_rtl(*d.previous_key, 1);
    if (!plans.empty()) d.previous_rtl = plans.front();
  }
  return d;
}

}  // namespace kotak::server::reports
