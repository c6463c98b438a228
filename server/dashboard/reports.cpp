// The dashboard's live parts: alerts for open dashboards and the facility's
// board as staff see it (the monthly recap is in recap.cpp).
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxAlerts = 20;
// Alerts also repeat the cases of the last two minutes: another server
// process may commit a lower case id after a higher one was seen.
constexpr std::int64_t kAlertLookBackMs = 120000;

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
