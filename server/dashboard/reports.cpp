// The dashboard's reports and live parts: alerts for open dashboards, the
// monthly recap as JSON and as CSV, and the facility's board as staff see it.
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxAlerts = 20;
// Alerts also repeat the cases of the last two minutes: another server
// process may commit a lower case id after a higher one was seen.
constexpr std::int64_t kAlertLookBackMs = 120000;

json counts_json(const std::vector<reports::Count>& counts) {
  json out = json::array();
  for (const auto& c : counts) out.push_back({{"key", c.key}, {"count", c.count}});
  return out;
}

json faces_json(const std::vector<reports::FaceRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) out.push_back({{"key", r.key}, {"faces", r.faces}, {"total", r.total}});
  return out;
}

std::optional<std::pair<int, unsigned>> month_param(const WebRequest& request) {
  auto text = request.param("month");
  if (text.size() != 7 || text[4] != '-' || text.find_first_not_of("0123456789-") != std::string::npos)
    return std::nullopt;
  int year = std::stoi(text.substr(0, 4));
  int month = std::stoi(text.substr(5));
  if (year < 2000 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  return std::pair{year, static_cast<unsigned>(month)};
}

std::string local_time(std::int64_t ms, int offset_min) {
  auto iso = core::format_iso8601({ms, offset_min});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// The recap as CSV: one table after another, each with a title row, in the
// language of the catalog given.
std::string recap_csv_text(const reports::Recap& r, const core::Catalog& t, char sep) {
  reports::CsvWriter csv(sep);
  auto title = [&](const std::string& key) {
    csv.text(t.get(key));
    csv.end_row();
  };
  // A value's words from the catalog (channel.kiosk → "Kiosk Kotak"); unit
  // ids are shown as they are, and no unit as "(tanpa unit)".
  auto label = [&](const std::string& prefix, const std::string& key) {
    if (key.empty()) return t.get("unit.none");
    return t.contains(prefix + key) ? t.get(prefix + key) : key;
  };
  auto counts = [&](const std::string& heading, const std::vector<reports::Count>& rows,
                    const std::string& prefix) {
    title(heading);
    for (const auto& c : rows) {
      csv.text(label(prefix, c.key));
      csv.number(c.count);
      csv.end_row();
    }
    csv.end_row();
  };
  char period[16];
  std::snprintf(period, sizeof period, "%04d-%02u", r.year, r.month);
  csv.text(t.get("recap.title")).text(period);
  csv.end_row();
  csv.text(t.get("recap.total_cases")).number(r.cases);
  csv.end_row();
  csv.text(t.get("recap.answered")).number(r.answered);
  csv.end_row();
  csv.text(t.get("recap.median_hours"));
  r.median_hours ? csv.decimal(*r.median_hours, 1) : csv.empty();
  csv.end_row();
  csv.text(t.format("recap.in_time", {{"hours", std::to_string(r.due_hours)}}));
  r.in_time_percent ? csv.decimal(*r.in_time_percent, 1) : csv.empty();
  csv.number(r.answered_in_time).number(r.deadline_base);
  csv.end_row();
  csv.end_row();
  counts("recap.by_channel", r.by_channel, "channel.");
  counts("recap.by_type", r.by_type, "type.");
  counts("recap.by_unit", r.by_unit, "unit.");
  counts("recap.by_status", r.by_status, "status.");

  title("recap.unit_responses");
  for (auto key : {"case.unit", "recap.forwarded", "recap.unit_answered", "recap.unit_median", "recap.unit_mean"})
    csv.text(t.get(key));
  csv.end_row();
  for (const auto& u : r.unit_responses) {
    csv.text(label("unit.", u.unit)).number(u.forwarded).number(u.answered);
    u.median_hours ? csv.decimal(*u.median_hours, 1) : csv.empty();
    u.mean_hours ? csv.decimal(*u.mean_hours, 1) : csv.empty();
    csv.end_row();
  }
  csv.end_row();

  auto faces = [&](const std::string& heading, const std::vector<reports::FaceRow>& rows) {
    title(heading);
    csv.empty();
    for (int f = 1; f <= 4; ++f) csv.text(t.get("face." + std::to_string(f)));
    csv.text(t.get("recap.total"));
    csv.end_row();
    for (const auto& row : rows) {
      csv.text(row.key.empty() ? t.get("unit.none") : row.key);
      for (auto n : row.faces) csv.number(n);
      csv.number(row.total);
      csv.end_row();
    }
    csv.end_row();
  };
  faces("recap.faces_by_day", r.faces_by_day);
  faces("recap.faces_by_unit", r.faces_by_unit);

  title("recap.case_list");
  for (auto key : {"case.number", "case.received", "case.channel", "case.type", "case.unit",
                   "case.status", "recap.hours_to_answer", "case.content"})
    csv.text(t.get(key));
  csv.end_row();
  for (const auto& c : r.list) {
    csv.text(c.label).text(local_time(c.received_ms, c.utc_offset_min));
    csv.text(t.get("channel." + std::string(reg::to_string(c.channel))));
    csv.text(t.get("type." + std::string(core::to_string(c.type))));
    csv.text(c.unit);
    csv.text(t.get("status." + std::string(reg::to_string(c.status))));
    if (c.first_answer_ms)
      csv.decimal(static_cast<double>(*c.first_answer_ms - c.received_ms) / 3600000.0, 1);
    else
      csv.empty();
    // A rahasia case's text stays in the register.
    csv.text(c.rahasia ? t.get("recap.confidential") : c.content);
    csv.end_row();
  }
  return csv.str();
}

// Board items of published cases are named "c" and the case id.
json board_case_id(const std::string& item_id) {
  if (item_id.size() < 2 || item_id.size() > 16 || item_id[0] != 'c' ||
      item_id.find_first_not_of("0123456789", 1) != std::string::npos)
    return nullptr;
  return std::stoll(item_id.substr(1));
}

}  // namespace

WebResponse Dashboard::alerts(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    auto latest = storage_.latest_case_id(*facility);
    json cases = json::array();
    // Without after: the newest id, and the cases the look-back will repeat
    // (the page takes them as seen).
    auto after = request.param("after");
    std::int64_t from = latest;
    if (!after.empty() && after.size() < 16 && after.find_first_not_of("0123456789") == std::string::npos)
      from = std::stoll(after);
    auto now = now_ms();
    for (const auto& c : storage_.alarming_cases(*facility, from, now - kAlertLookBackMs, kMaxAlerts))
      cases.push_back(case_summary_json(c, now, caller.user().role));
    WebResponse response;
    response.body = json{{"latest", latest}, {"cases", cases}}.dump();
    return response;
  }, Use::poll);
}

std::optional<reports::Recap> Dashboard::recap_of(const Caller& caller, const WebRequest& request,
                                                  std::string& facility, WebResponse& refusal) {
  auto chosen = facility_of(caller, request, refusal);
  if (!chosen) return std::nullopt;
  facility = *chosen;
  auto month = month_param(request);
  if (!month) {
    refusal = error(400, "give the month as ?month=YYYY-MM");
    return std::nullopt;
  }
  auto [first, last] = reports::month_days(month->first, month->second);
  return reports::compute_recap(storage_.recap(facility, first, last), month->first, month->second,
                                config_.due_hours);
}

WebResponse Dashboard::recap(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    std::string facility;
    auto recap = recap_of(caller, request, facility, refusal);
    if (!recap) return refusal;
    const auto& r = *recap;
    json list = json::array();
    for (const auto& c : r.list)
      list.push_back({{"id", c.id},
                      {"label", c.label},
                      {"received_ms", c.received_ms},
                      {"channel", reg::to_string(c.channel)},
                      {"type", core::to_string(c.type)},
                      {"unit", c.unit},
                      {"status", reg::to_string(c.status)},
                      {"first_answer_ms", c.first_answer_ms ? json(*c.first_answer_ms) : json(nullptr)}});
    json unit_responses = json::array();
    auto hours = [](const std::optional<double>& h) { return h ? json(*h) : json(nullptr); };
    for (const auto& u : r.unit_responses)
      unit_responses.push_back({{"unit", u.unit},
                                {"forwarded", u.forwarded},
                                {"answered", u.answered},
                                {"median_hours", hours(u.median_hours)},
                                {"mean_hours", hours(u.mean_hours)}});
    json body{{"month", request.param("month")},
              {"facility", facility},
              {"cases", r.cases},
              {"by_channel", counts_json(r.by_channel)},
              {"by_type", counts_json(r.by_type)},
              {"by_unit", counts_json(r.by_unit)},
              {"by_status", counts_json(r.by_status)},
              {"answered", r.answered},
              {"median_hours", r.median_hours ? json(*r.median_hours) : json(nullptr)},
              {"due_hours", r.due_hours},
              {"deadline_base", r.deadline_base},
              {"answered_in_time", r.answered_in_time},
              {"in_time_percent", r.in_time_percent ? json(*r.in_time_percent) : json(nullptr)},
              {"unit_responses", unit_responses},
              {"faces_by_day", faces_json(r.faces_by_day)},
              {"faces_by_unit", faces_json(r.faces_by_unit)},
              {"faces_total", {{"faces", r.faces_total.faces}, {"total", r.faces_total.total}}},
              {"list", list}};
    WebResponse response;
    response.body = body.dump();
    return response;
  });
}

WebResponse Dashboard::recap_csv(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    std::string facility;
    auto recap = recap_of(caller, request, facility, refusal);
    if (!recap) return refusal;
    const auto& r = *recap;
    std::string language = request.param("lang") == "en" ? "en" : "id";
    const auto& catalog = this->catalog(language);
    char sep = request.param("sep") == "comma" ? ',' : ';';
    WebResponse response;
    response.body = recap_csv_text(r, catalog, sep);
    response.content_type = "text/csv; charset=utf-8";
    std::string name = "rekap-" + (facility.empty() ? std::string("semua") : facility) + "-" +
                       request.param("month") + ".csv";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return response;
  });
}

const core::Catalog& Dashboard::catalog(const std::string& language) const {
  return catalogs_.at(language == "en" ? "en" : "id");
}

WebResponse Dashboard::board(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    if (facility->empty()) return error(400, "choose a facility");
    auto snapshot = storage_.board(*facility);
    json items = json::array();
    for (const auto& item : snapshot.items)
      items.push_back({{"id", item.id},
                       {"case_id", board_case_id(item.id)},
                       {"unit", item.unit},
                       {"type", item.type},
                       {"summary", item.summary},
                       {"answer", item.answer},
                       {"published_ms", item.published_ms}});
    WebResponse response;
    response.body = json{{"facility", *facility}, {"cursor", snapshot.cursor}, {"items", items}}.dump();
    return response;
  });
}

}  // namespace kotak::server
