// See skm_json.hpp.
#include "server/dashboard/skm_json.hpp"

#include "server/reports/recap.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json mutu_json(const std::optional<core::Mutu>& mutu) {
  return mutu ? json(core::to_string(*mutu)) : json(nullptr);
}

json period_json(const reports::SkmPeriod& period) {
  return {{"from", reports::format_day(period.first_day)},
          {"to", reports::format_day(period.last_day)}};
}

json elements_json(const core::IkmResult& ikm) {
  json out = json::array();
  for (const auto& e : ikm.elements)
    out.push_back({{"code", e.code},
                   {"respondents", e.respondents},
                   {"sum", e.sum},
                   {"nrr", or_null(e.nrr)},
                   {"converted", or_null(e.converted)},
                   {"mutu", e.converted ? json(core::to_string(core::classify_nik(*e.converted)))
                                        : json(nullptr)}});
  return out;
}

json profile_json(const core::ProfileTally& p) {
  return {{"sex", p.sex},
          {"age_group", p.age_group},
          {"education", p.education},
          {"occupation", p.occupation},
          {"service", p.service}};
}

json trend_json(const std::vector<reports::SkmTrendPoint>& trend) {
  json out = json::array();
  for (const auto& p : trend) {
    json point = period_json(p.period);
    point.update({{"year", p.year},
                  {"half", p.half},
                  {"respondents", p.respondents},
                  {"ikm", or_null(p.ikm)},
                  {"nik", or_null(p.nik)},
                  {"mutu", mutu_json(p.mutu)}});
    out.push_back(point);
  }
  return out;
}

}  // namespace

json skm_report_json(const reports::SkmReport& r) {
  json by_source = json::object();
  for (auto source : kSkmSources)
    by_source[std::string(to_string(source))] = r.by_source[static_cast<std::size_t>(source)];
  json body = period_json(r.period);
  body.update({{"unit", r.unit},
               {"respondents", r.ikm.respondents},
               {"elements", elements_json(r.ikm)},
               {"missing", r.ikm.missing},
               {"ikm", or_null(r.ikm.ikm)},
               {"nik", or_null(r.ikm.nik)},
               {"mutu", mutu_json(r.ikm.mutu)},
               {"weakest", or_null(r.ikm.weakest)},
               {"strongest", or_null(r.ikm.strongest)},
               {"minimum_sample", or_null(r.minimum_sample)},
               {"sample_reached", r.sample_reached},
               {"by_source", by_source},
               {"profile", profile_json(r.profile)},
               {"trend", trend_json(r.trend)}});
  return body;
}

json skm_population_json(const std::optional<SkmPopulation>& population) {
  if (!population) return nullptr;
  return {{"value", population->population},
          {"user_name", population->user_name},
          {"updated_ms", population->updated_ms}};
}

json skm_rtl_json(const std::vector<SkmRtl>& versions) {
  json out = json::array();
  for (const auto& v : versions)
    out.push_back({{"text", v.text}, {"user_name", v.user_name}, {"saved_ms", v.saved_ms}});
  return out;
}

json skm_imports_json(const std::vector<SkmImportRecord>& imports) {
  json out = json::array();
  for (const auto& i : imports)
    out.push_back({{"id", i.id},
                   {"file_name", i.file_name},
                   {"responses", i.responses},
                   {"user_name", i.user_name},
                   {"imported_ms", i.imported_ms}});
  return out;
}

}  // namespace kotak::server
