// The dashboard's SKM routes (issues 6 and 16): the semester report as JSON
// and CSV, and what staff write into it - the population of the period and
// unit, the follow-up plan (RTL) with its rows, and the report's details
// (number, method, fieldwork, signing day). Imports are in skm_import.cpp,
// the letterhead in skm_letterhead.cpp. Who may do what is in
// staff/user.hpp; every route is about one facility, the caller's own (a
// district admin names one with ?facility=).
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/skm_json.hpp"
#include "server/reports/recap.hpp"
#include "server/reports/skm_csv.hpp"
#include "server/skm/import_fields.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxRtlChars = 5000;
constexpr std::size_t kMaxRtlRows = 30;
constexpr std::size_t kMaxFieldChars = 500;
constexpr std::int64_t kMaxPopulation = 100000000;

// What a request asks for besides the facility: from query parameters (a
// report) or the JSON body (a change), with the period's problem said.
struct Ask {
  reports::SkmPeriod period;
  std::string unit;
  SkmPeriodKey key(const std::string& facility_id) const {
    return {facility_id, period.first_day, period.last_day, unit};
  }
};

std::optional<Ask> ask_of(const std::string& semester, const std::string& from,
                          const std::string& to, const std::string& unit, WebResponse& refusal) {
  auto problem = reports::skm_period_problem(semester, from, to);
  if (!problem.empty()) refusal = Dashboard::refuse(400, problem);
  else if (!unit.empty() && !core::is_identifier(unit))
    refusal = Dashboard::error(400, "the unit is not a unit id");
  else return Ask{*reports::parse_skm_period(semester, from, to), unit};
  return std::nullopt;
}

std::optional<Ask> ask_of(const json& body, WebResponse& refusal) {
  return ask_of("", body.at("from").get<std::string>(), body.at("to").get<std::string>(),
                body.value("unit", std::string()), refusal);
}

// A line of text staff typed: UTF-8, at most max_chars, no control
// characters (new lines only where multi_line).
bool plain_text(const std::string& text, std::size_t max_chars, bool multi_line = false) {
  auto length = core::utf8_length(text);
  return length && *length <= max_chars && !core::has_control_chars(text) &&
         (multi_line || text.find_first_of("\r\n\t") == std::string::npos);
}

std::optional<std::int64_t> optional_day(const json& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null() || body.at(key).get<std::string>().empty())
    return std::nullopt;
  auto day = skm::parse_day(body.at(key).get<std::string>());
  if (!day) throw std::invalid_argument(key);
  return day;
}

// The plan's rows from the request, or nullopt with the reason.
std::optional<std::vector<SkmRtlRow>> rtl_rows(const json& rows, std::string& problem) {
  std::vector<SkmRtlRow> out;
  if (rows.size() > kMaxRtlRows) {
    problem = "error.skm.rtl_rows";
    return std::nullopt;
  }
  for (const auto& r : rows) {
    SkmRtlRow row{r.value("element", std::string()), r.value("activity", std::string()),
                  r.value("time_frame", std::string()), r.value("person", std::string()),
                  SkmRtlStatus::none, r.value("note", std::string())};
    auto status = parse_skm_rtl_status(r.value("status", std::string()));
    bool element_ok = row.element.empty() ||
                      (row.element.size() == 2 && row.element[0] == 'U' && row.element[1] >= '1' &&
                       row.element[1] <= '9');
    bool text_ok = true;
    for (const auto* field : {&row.activity, &row.time_frame, &row.person, &row.note})
      text_ok = text_ok && plain_text(*field, kMaxFieldChars);
    if (!status || !element_ok || !text_ok) {
      problem = "error.skm.rtl_row";
      return std::nullopt;
    }
    row.status = *status;
    // A row with nothing written is a blank line of the form, not a row.
    if (row.element.empty() && row.activity.empty() && row.time_frame.empty() && row.person.empty())
      continue;
    out.push_back(std::move(row));
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
    auto ask = facility ? ask_of(request.param("semester"), request.param("from"),
                                 request.param("to"), request.param("unit"), refusal)
                        : std::nullopt;
    if (!ask) return refusal;
    std::string unit_label;
    for (const auto& u : units_of(facility->id))
      if (u.id == ask->unit) unit_label = u.label_for("id");
    auto document = reports::read_skm_document(storage_, *facility, ask->unit, unit_label, ask->period);
    return view(caller, document);
  });
}

WebResponse Dashboard::skm_report(const WebRequest& request) {
  return skm_view(request, [&](const Caller& caller, const reports::SkmDocument& document) {
    auto body = skm_document_json(document);
    body["imports"] = skm_imports_json(storage_.skm_imports(document.key.facility_id, 10));
    body["role"] = staff::to_string(caller.user().role);
    body["can_manage"] = staff::can_manage_skm(caller.user().role);
    body["can_rtl"] = staff::can_review(caller.user().role);
    WebResponse response;
    response.body = body.dump();
    return response;
  });
}

WebResponse Dashboard::skm_csv(const WebRequest& request) {
  return skm_view(request, [&](const Caller&, const reports::SkmDocument& document) {
    WebResponse response;
    response.body = reports::skm_csv_text(document, catalog(request.param("lang")),
                                          request.param("sep") == "comma" ? ',' : ';');
    response.content_type = "text/csv; charset=utf-8";
    const auto& key = document.key;
    std::string name = "skm-" + key.facility_id + "-" + reports::format_day(key.first_day) + "_" +
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
    WebResponse refusal;
    auto ask = ask_of(body, refusal);
    if (!ask) return refusal;
    std::optional<std::int64_t> population;
    if (!body.at("population").is_null()) {
      if (!body.at("population").is_number_integer())
        return refuse(400, "error.skm.population");
      population = body.at("population").get<std::int64_t>();
      if (*population < 1 || *population > kMaxPopulation)
        return refuse(400, "error.skm.population");
    }
    auto key = ask->key(facility.id);
    storage_.set_skm_population(key, population, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " set the SKM population of " +
                    facility.id + " " + reports::format_day(key.first_day) + ".." +
                    reports::format_day(key.last_day) + (key.unit.empty() ? "" : " " + key.unit) +
                    " to " + (population ? std::to_string(*population) : "none"));
    WebResponse response;
    response.body = json{{"population", skm_population_json(storage_.skm_population(key))}}.dump();
    return response;
  });
}

WebResponse Dashboard::skm_rtl(const WebRequest& request) {
  auto refused = "error.role.skm_rtl";
  return skm_change(request, staff::can_review, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    WebResponse refusal;
    auto ask = ask_of(body, refusal);
    if (!ask) return refusal;
    SkmRtl plan;
    plan.text = body.value("text", std::string());
    if (!plain_text(plan.text, kMaxRtlChars, true)) return refuse(400, "error.skm.rtl_long");
    std::string problem;
    auto rows = rtl_rows(body.value("rows", json::array()), problem);
    if (!rows) return refuse(400, problem);
    plan.rows = std::move(*rows);
    auto key = ask->key(facility.id);
    storage_.add_skm_rtl(key, plan, caller.actor(), now_ms());
    WebResponse response;
    response.body = json{{"rtl", skm_rtl_json(storage_.skm_rtl(key, 10))}}.dump();
    return response;
  });
}

WebResponse Dashboard::skm_details(const WebRequest& request) {
  auto refused = "error.role.skm_details";
  return skm_change(request, staff::can_manage_skm, refused,
                    [&](const Caller& caller, const Facility& facility, const json& body) {
    WebResponse refusal;
    auto ask = ask_of(body, refusal);
    if (!ask) return refusal;
    SkmReportDetails details;
    details.number = body.value("number", std::string());
    details.method = body.value("method", std::string());
    if (!plain_text(details.number, 120) || !plain_text(details.method, 2000, true))
      return refuse(400, "error.skm.details_text");
    try {
      details.fieldwork_from = optional_day(body, "fieldwork_from");
      details.fieldwork_to = optional_day(body, "fieldwork_to");
      details.signed_day = optional_day(body, "signed_day");
    } catch (const std::invalid_argument&) {
      return refuse(400, "error.skm.details_day");
    }
    if (details.fieldwork_from && details.fieldwork_to && *details.fieldwork_from > *details.fieldwork_to)
      return refuse(400, "error.skm.details_day");
    auto key = ask->key(facility.id);
    storage_.set_skm_report_details(key, details, caller.actor(), now_ms());
    WebResponse response;
    response.body = json{{"saved", true}}.dump();
    return response;
  });
}

}  // namespace kotak::server
