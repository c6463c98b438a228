// The monthly recap at the API (issue 13, issue 15 item 11): its figures as
// the engine counts them (Storage::recap_figures, the same cost whatever the
// month holds), the month's cases a page at a time, the signatory who signs
// the printed recap (the head of the puskesmas from the SKM letterhead), and
// all of it as CSV for spreadsheets.
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/reports/csv.hpp"
#include "server/reports/recap.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// A page of the case list; the CSV reads the month in larger pages.
constexpr std::size_t kCasePage = 50;
constexpr std::size_t kCsvPage = 1000;

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

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::optional<std::pair<int, unsigned>> month_param(const WebRequest& request) {
  auto text = request.param("month");
  if (text.size() != 7 || text[4] != '-' || text.find_first_not_of("0123456789-") != std::string::npos)
    return std::nullopt;
  int year = std::stoi(text.substr(0, 4));
  int month = std::stoi(text.substr(5));
  if (year < 2000 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  return std::pair{year, static_cast<unsigned>(month)};
}

// The cursor of a case list page: received_ms.id of the last case before it.
std::optional<RecapCursor> parse_cursor(const std::string& text) {
  auto dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == text.size() || dot > 16 || text.size() - dot > 17 ||
      text.find_first_not_of("0123456789.") != std::string::npos || text.find('.', dot + 1) != std::string::npos)
    return std::nullopt;
  return RecapCursor{std::stoll(text.substr(0, dot)), std::stoll(text.substr(dot + 1))};
}

std::string local_time(std::int64_t ms, int offset_min) {
  auto iso = core::format_iso8601({ms, offset_min});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// The summary tables of the recap as CSV: one table after another, each
// with a title row, in the language of the catalog given.
void recap_csv_summary(reports::CsvWriter& csv, const reports::Recap& r, const core::Catalog& t) {
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
}

void recap_csv_case(reports::CsvWriter& csv, const RecapCase& c, const core::Catalog& t) {
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

}  // namespace

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
  auto due_ms = std::int64_t{config_.due_hours} * 3600000;
  return reports::assemble_recap(storage_.recap_figures(facility, first, last, due_ms), month->first,
                                 month->second, config_.due_hours);
}

WebResponse Dashboard::recap(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    std::string facility;
    auto recap = recap_of(caller, request, facility, refusal);
    if (!recap) return refusal;
    const auto& r = *recap;
    json unit_responses = json::array();
    for (const auto& u : r.unit_responses)
      unit_responses.push_back({{"unit", u.unit},
                                {"forwarded", u.forwarded},
                                {"answered", u.answered},
                                {"median_hours", optional_json(u.median_hours)},
                                {"mean_hours", optional_json(u.mean_hours)}});
    // Who signs the printed recap: the head of the puskesmas as the SKM
    // letterhead names them (null: all facilities, or no letterhead yet).
    json signature = nullptr;
    if (!facility.empty())
      if (auto l = storage_.letterhead(facility))
        signature = {{"place", l->place}, {"head_name", l->head_name}, {"head_nip", l->head_nip}};
    json body{{"month", request.param("month")},
              {"facility", facility},
              {"cases", r.cases},
              {"by_channel", counts_json(r.by_channel)},
              {"by_type", counts_json(r.by_type)},
              {"by_unit", counts_json(r.by_unit)},
              {"by_status", counts_json(r.by_status)},
              {"answered", r.answered},
              {"median_hours", optional_json(r.median_hours)},
              {"due_hours", r.due_hours},
              {"deadline_base", r.deadline_base},
              {"answered_in_time", r.answered_in_time},
              {"in_time_percent", optional_json(r.in_time_percent)},
              {"unit_responses", unit_responses},
              {"faces_by_day", faces_json(r.faces_by_day)},
              {"faces_by_unit", faces_json(r.faces_by_unit)},
              {"faces_total", {{"faces", r.faces_total.faces}, {"total", r.faces_total.total}}},
              {"signature", signature}};
    WebResponse response;
    response.body = body.dump();
    return response;
  });
}

WebResponse Dashboard::recap_cases(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    auto month = month_param(request);
    if (!month) return error(400, "give the month as ?month=YYYY-MM");
    std::optional<RecapCursor> after;
    if (auto text = request.param("after"); !text.empty()) {
      after = parse_cursor(text);
      if (!after) return refuse(400, "error.register.cursor");
    }
    auto [first, last] = reports::month_days(month->first, month->second);
    auto cases = storage_.recap_cases(*facility, first, last, after, kCasePage + 1);
    json next = nullptr;
    if (cases.size() > kCasePage) {
      cases.resize(kCasePage);
      next = std::to_string(cases.back().received_ms) + "." + std::to_string(cases.back().id);
    }
    json list = json::array();
    for (const auto& c : cases)
      list.push_back({{"id", c.id},
                      {"label", c.label},
                      {"received_ms", c.received_ms},
                      {"channel", reg::to_string(c.channel)},
                      {"type", core::to_string(c.type)},
                      {"unit", c.unit},
                      {"status", reg::to_string(c.status)},
                      {"first_answer_ms", c.first_answer_ms ? json(*c.first_answer_ms) : json(nullptr)}});
    WebResponse response;
    response.body = json{{"cases", list}, {"next", next}}.dump();
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
    const auto& t = this->catalog(language);
    reports::CsvWriter csv(request.param("sep") == "comma" ? ',' : ';');
    recap_csv_summary(csv, r, t);
    csv.text(t.get("recap.case_list"));
    csv.end_row();
    for (auto key : {"case.number", "case.received", "case.channel", "case.type", "case.unit", "case.status",
                     "recap.hours_to_answer", "case.content"})
      csv.text(t.get(key));
    csv.end_row();
    // The cases a page at a time: only the text grows with the month.
    std::optional<RecapCursor> after;
    for (;;) {
      auto cases = storage_.recap_cases(facility, r.first_day, r.last_day, after, kCsvPage);
      for (const auto& c : cases) recap_csv_case(csv, c, t);
      if (cases.size() < kCsvPage) break;
      after = RecapCursor{cases.back().received_ms, cases.back().id};
    }
    WebResponse response;
    response.body = csv.str();
    response.content_type = "text/csv; charset=utf-8";
    std::string name = "rekap-" + (facility.empty() ? std::string("semua") : facility) + "-" +
                       request.param("month") + ".csv";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return response;
  });
}

}  // namespace kotak::server
