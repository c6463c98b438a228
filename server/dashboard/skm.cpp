// The dashboard's SKM routes (issue 6): the semester report as JSON and
// CSV, the facility's population, CSV imports and the follow-up plan (RTL).
// Who may do what is in staff/user.hpp; every route is about one facility,
// the caller's own (a district admin names one with ?facility=).
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/reports/recap.hpp"
#include "server/reports/skm_csv.hpp"
#include "server/skm/import.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxRtlChars = 5000;
constexpr std::int64_t kMaxPopulation = 100000000;
constexpr std::size_t kListedErrors = 500;  // bad lines sent back at most


// What a report request asks for besides the facility.
struct Ask {
  reports::SkmPeriod period;
  std::string unit;
  SkmPeriodKey key(const std::string& facility_id) const {
    return {facility_id, period.first_day, period.last_day, unit};
  }
};

std::optional<Ask> ask_of(const WebRequest& request, WebResponse& refusal) {
  auto period = reports::parse_skm_period(request.param("semester"), request.param("from"),
                                          request.param("to"));
  auto unit = request.param("unit");
  if (!period) refusal = Dashboard::refuse(400, "error.skm.period");
  else if (!unit.empty() && !core::is_identifier(unit))
    refusal = Dashboard::error(400, "the unit is not a unit id");
  else return Ask{*period, unit};
  return std::nullopt;
}

std::optional<std::string> decode_base64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  bytes.resize(length);
  return bytes;
}

json import_errors_json(const std::vector<skm::ImportLineError>& errors, const core::Catalog& t) {
  json out = json::array();
  for (const auto& e : errors) {
    if (out.size() == kListedErrors) break;
    json problems = json::array();
    for (const auto& p : e.problems)
      problems.push_back({{"code", p.code}, {"column", p.column}, {"value", p.value},
                          {"text", skm::describe(p, t)}});
    out.push_back({{"line", e.line}, {"problems", problems}});
  }
  return out;
}

}  // namespace

std::optional<Facility> Dashboard::skm_facility(const Caller& caller, const WebRequest& request,
                                                WebResponse& refusal) {
  auto id = facility_of(caller, request, refusal);
  if (!id) return std::nullopt;
  if (id->empty()) {
    refusal = error(400, "choose a facility for the SKM report");
    return std::nullopt;
  }
  auto facility = storage_.facility(*id);
  if (!facility) refusal = error(404, "there is no facility '" + *id + "'");
  return facility;
}

WebResponse Dashboard::skm_view(const WebRequest& request, const SkmView& view) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = skm_facility(caller, request, refusal);
    auto ask = facility ? ask_of(request, refusal) : std::nullopt;
    if (!ask) return refusal;
    auto report = reports::read_skm_report(storage_, facility->id, ask->unit, ask->period);
    return view(caller, *facility, ask->key(facility->id), report);
  });
}

WebResponse Dashboard::skm_report(const WebRequest& request) {
  return skm_view(request, [&](const Caller& caller, const Facility& facility, const SkmPeriodKey& key,
                               const reports::SkmReport& report) {
    auto body = skm_report_json(report);
    body["facility"] = facility.id;
    body["facility_name"] = facility.name;
    body["population"] = skm_population_json(storage_.skm_population(facility.id));
    body["rtl"] = skm_rtl_json(storage_.skm_rtl(key, 10));
    body["imports"] = skm_imports_json(storage_.skm_imports(facility.id, 10));
    body["can_manage"] = staff::can_manage_skm(caller.user().role);
    body["can_rtl"] = staff::can_review(caller.user().role);
    WebResponse response;
    response.body = body.dump();
    return response;
  });
}

WebResponse Dashboard::skm_csv(const WebRequest& request) {
  return skm_view(request, [&](const Caller&, const Facility& facility, const SkmPeriodKey& key,
                               const reports::SkmReport& report) {
    reports::SkmCsvContext context{facility.name, key.unit, storage_.skm_rtl(key, 1)};
    for (const auto& u : units_of(facility.id))
      if (u.id == key.unit) context.unit_label = u.label_for("id");
    WebResponse response;
    response.body = reports::skm_csv_text(report, context, catalog(request.param("lang")),
                                          request.param("sep") == "comma" ? ',' : ';');
    response.content_type = "text/csv; charset=utf-8";
    std::string name = "skm-" + facility.id + "-" + reports::format_day(key.first_day) + "_" +
                       reports::format_day(key.last_day) + (key.unit.empty() ? "" : "-" + key.unit) + ".csv";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return response;
  });
}

WebResponse Dashboard::skm_change(const WebRequest& request, bool (*allowed)(staff::Role),
                                  const std::string& refused, const SkmChange& change) {
  return guarded(request, true, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = skm_facility(caller, request, refusal);
    if (!facility) return refusal;
    if (!allowed(caller.user().role)) return refuse(403, refused);
    return change(caller, *facility, json::parse(request.body));
  });
}

WebResponse Dashboard::skm_population(const WebRequest& request) {
  auto refused = "error.role.skm_population";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    std::optional<std::int64_t> population;
    if (!body.at("population").is_null()) {
      if (!body.at("population").is_number_integer())
        return refuse(400, "error.skm.population");
      population = body.at("population").get<std::int64_t>();
      if (*population < 1 || *population > kMaxPopulation)
        return refuse(400, "error.skm.population");
    }
    storage_.set_skm_population(facility.id, population, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " set the SKM population of " +
                    facility.id + " to " + (population ? std::to_string(*population) : "none"));
    WebResponse response;
    response.body = json{{"population", skm_population_json(storage_.skm_population(facility.id))}}.dump();
    return response;
  });
}

WebResponse Dashboard::skm_rtl(const WebRequest& request) {
  auto refused = "error.role.skm_rtl";
  return skm_change(request, staff::can_review, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    auto period = reports::parse_skm_period("", body.at("from").get<std::string>(), body.at("to").get<std::string>());
    if (!period) return refuse(400, "error.skm.period");
    auto unit = body.value("unit", std::string());
    if (!unit.empty() && !core::is_identifier(unit)) return error(400, "the unit is not a unit id");
    auto text = body.at("text").get<std::string>();
    auto length = core::utf8_length(text);
    if (!length || *length > kMaxRtlChars || core::has_control_chars(text))
      return refuse(400, "error.skm.rtl_long");
    SkmPeriodKey key{facility.id, period->first_day, period->last_day, unit};
    storage_.add_skm_rtl(key, text, caller.actor(), now_ms());
    WebResponse response;
    response.body = json{{"rtl", skm_rtl_json(storage_.skm_rtl(key, 10))}}.dump();
    return response;
  });
}

WebResponse Dashboard::skm_import(const WebRequest& request) {
  auto refused = "error.role.skm_import";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    const auto& t = catalog(body.value("lang", std::string("id")));
    auto bytes = decode_base64(body.at("content_base64").get<std::string>());
    if (!bytes) return error(400, "content_base64 is not base64");
    skm::ImportOptions options;
    auto source = parse_skm_source(body.value("source", std::string("kertas")));
    if (!source || *source == SkmSource::kiosk) return error(400, "source must be kertas or web");
    options.default_source = *source;
    options.units = units_of(facility.id);
    auto now = now_ms();
    options.today = skm::local_day(now);
    auto name = skm::plain_name(body.value("file_name", std::string()), "berkas.csv");
    auto outcome = skm::import_skm_csv(storage_, facility.id, name, *bytes, options, caller.actor(), now);
    if (const auto& p = outcome.previous)
      return error(409, t.format("skm.import.duplicate", {{"file", p->file_name},
                                                          {"user", p->user_name},
                                                          {"count", std::to_string(p->responses)}}));
    WebResponse response;
    if (!outcome.errors.empty()) {
      json answer{{"protocol", 1},
                  {"error", t.format("skm.import.refused", {{"count", std::to_string(outcome.errors.size())}})},
                  {"bad_lines", outcome.errors.size()},
                  {"errors", import_errors_json(outcome.errors, t)}};
      response.status = 422;
      response.body = answer.dump();
      return response;
    }
    core::log::info("dashboard: " + caller.user().username + " imported " +
                    std::to_string(outcome.responses) + " SKM responses into " + facility.id + " from " + name);
    response.body = json{{"imported", outcome.responses},
                         {"import_id", *outcome.import_id},
                         {"ignored_columns", outcome.ignored_columns}}
                        .dump();
    return response;
  });
}

}  // namespace kotak::server
