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

json day_or_null(const std::optional<std::int64_t>& day) {
  return day ? json(reports::format_day(*day)) : json(nullptr);
}

json period_json(const reports::SkmPeriod& period) {
  return {{"from", reports::format_day(period.first_day)},
          {"to", reports::format_day(period.last_day)}};
}

json elements_json(const core::IkmResult& ikm, const reports::SkmPlaces& places) {
  json out = json::array();
  for (std::size_t i = 0; i < ikm.elements.size(); ++i) {
    const auto& e = ikm.elements[i];
    out.push_back({{"code", e.code},
                   {"respondents", e.respondents},
                   {"answers", e.answers},
                   {"sum", e.sum},
                   {"nrr", or_null(e.nrr)},
                   {"nrr_places", places.nrr[i]},
                   {"weighted", or_null(e.weighted)},
                   {"converted", or_null(e.converted)},
                   {"mutu", e.converted ? json(core::to_string(core::classify_nik(*e.converted)))
                                        : json(nullptr)}});
  }
  return out;
}

json profile_json(const core::ProfileTally& p) {
  return {{"sex", p.sex},
          {"age_group", p.age_group},
          {"education", p.education},
          {"occupation", p.occupation},
          {"service", p.service}};
}

// The order of each profile table (the questionnaire's, then other values,
// "not given" last): JSON objects have no order of their own.
json profile_order_json(const core::ProfileTally& p) {
  auto order = [](const std::map<std::string, std::int64_t>& counts, std::span<const std::string_view> o) {
    json out = json::array();
    for (const auto& [value, n] : reports::in_profile_order(counts, o)) out.push_back(value);
    return out;
  };
  return {{"sex", order(p.sex, reports::kSexOrder)},
          {"age_group", order(p.age_group, reports::kAgeOrder)},
          {"education", order(p.education, reports::kEducationOrder)},
          {"occupation", order(p.occupation, reports::kOccupationOrder)},
          {"service", order(p.service, {})}};
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
                  {"mutu", mutu_json(p.mutu)},
                  {"ikm_places", p.ikm_places}});
    out.push_back(point);
  }
  return out;
}

json intervals_json() {
  json out = json::array();
  for (const auto& i : reports::kMutuIntervals)
    out.push_back({{"perception", i.perception},
                   {"ni", {i.ni_low, i.ni_high}},
                   {"nik", {i.nik_low, i.nik_high}},
                   {"mutu", core::to_string(i.mutu)}});
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
               {"elements", elements_json(r.ikm, r.places)},
               {"missing", r.ikm.missing},
               {"weight", or_null(r.ikm.weight)},
               {"weighted_places", r.places.weighted},
               {"ikm", or_null(r.ikm.ikm)},
               {"ikm_places", r.places.ikm},
               {"nik", or_null(r.ikm.nik)},
               {"mutu", mutu_json(r.ikm.mutu)},
               {"weakest", or_null(r.ikm.weakest)},
               {"strongest", or_null(r.ikm.strongest)},
               {"minimum_sample", or_null(r.minimum_sample)},
               {"sample_reached", or_null(r.sample_reached)},
               {"by_source", by_source},
               {"profile", profile_json(r.profile)},
               {"profile_order", profile_order_json(r.profile)},
               {"trend", trend_json(r.trend)},
               {"intervals", intervals_json()}});
  return body;
}

json skm_population_json(const std::optional<SkmPopulation>& population) {
  if (!population) return nullptr;
  return {{"value", population->population},
          {"user_name", population->user_name},
          {"updated_ms", population->updated_ms}};
}

json skm_rtl_version_json(const SkmRtl& v) {
  json rows = json::array();
  for (const auto& r : v.rows)
    rows.push_back({{"element", r.element},
                    {"activity", r.activity},
                    {"time_frame", r.time_frame},
                    {"person", r.person},
                    {"status", to_string(r.status)},
                    {"note", r.note}});
  return {{"text", v.text}, {"rows", rows}, {"user_name", v.user_name}, {"saved_ms", v.saved_ms}};
}

json skm_rtl_json(const std::vector<SkmRtl>& versions) {
  json out = json::array();
  for (const auto& v : versions) out.push_back(skm_rtl_version_json(v));
  return out;
}

json skm_imports_json(const std::vector<SkmImportRecord>& imports) {
  json out = json::array();
  for (const auto& i : imports)
    out.push_back({{"id", i.id},
                   {"file_name", i.file_name},
                   {"responses", i.responses},
                   {"user_name", i.user_name},
                   {"imported_ms", i.imported_ms},
                   {"user_role", i.user_role},
                   {"undone_ms", or_null(i.undone_ms)},
                   {"undone_user_name", i.undone_user_name}});
  return out;
}

json skm_letterhead_json(const std::optional<SkmLetterhead>& l) {
  if (!l) return nullptr;
  json logo = nullptr;
  if (!l->logo_base64.empty()) logo = "data:" + l->logo_type + ";base64," + l->logo_base64;
  return {{"government", l->government}, {"name", l->name},         {"address", l->address},
          {"contact", l->contact},       {"place", l->place},       {"head_name", l->head_name},
          {"head_nip", l->head_nip},     {"mutu_name", l->mutu_name}, {"mutu_nip", l->mutu_nip},
          {"logo", logo},                {"user_name", l->user_name}, {"updated_ms", l->updated_ms}};
}

json skm_document_json(const reports::SkmDocument& d) {
  auto body = skm_report_json(d.report);
  body["facility"] = d.key.facility_id;
  body["facility_name"] = d.facility_name;
  body["unit_label"] = d.unit_label;
  body["population"] = skm_population_json(d.population);
  body["fieldwork"] = {{"from", day_or_null(d.report.first_answer_day)},
                       {"to", day_or_null(d.report.last_answer_day)}};
  body["letterhead"] = skm_letterhead_json(d.letterhead);
  body["details"] = nullptr;
  if (const auto& x = d.details)
    body["details"] = {{"number", x->number},
                       {"method", x->method},
                       {"fieldwork_from", day_or_null(x->fieldwork_from)},
                       {"fieldwork_to", day_or_null(x->fieldwork_to)},
                       {"signed_day", day_or_null(x->signed_day)},
                       {"user_name", x->user_name},
                       {"updated_ms", x->updated_ms}};
  json ranking = json::array(), mentions = json::object();
  for (int i : d.analysis.ranking) ranking.push_back(core::kSkmCodes[i]);
  for (int i = 0; i < core::kSkmElements; ++i)
    mentions[std::string(core::kSkmCodes[i])] = d.analysis.mentions[i];
  body["analysis"] = {{"ranking", ranking},          {"cases", d.analysis.cases},
                      {"by_type", d.analysis.by_type}, {"rahasia", d.analysis.rahasia},
                      {"mentions", mentions},        {"examples", d.analysis.examples},
                      {"cut", d.analysis.cut}};
  body["rtl"] = skm_rtl_json(d.rtl);
  body["previous"] = nullptr;
  if (const auto& k = d.previous_key) {
    body["previous"] = {{"from", reports::format_day(k->first_day)},
                        {"to", reports::format_day(k->last_day)},
                        {"rtl", d.previous_rtl ? skm_rtl_version_json(*d.previous_rtl) : json(nullptr)}};
    auto [year, half] = reports::semester_of(k->first_day);
    body["previous"]["year"] = year;
    body["previous"]["half"] = half;
  }
  return body;
}

}  // namespace kotak::server
