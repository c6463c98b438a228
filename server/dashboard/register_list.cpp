// The register's list endpoint of the dashboard: its filters, the search
// box, and pages that follow each other by cursor (issue 13). The rest of
// the register's endpoints are in cases.cpp; see dashboard.hpp.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/ticket.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"
#include "server/reports/recap.hpp"
#include "server/storage/case_list.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kPageSize = kRegisterPage;

// "2026-11" → (2026, 11).
std::optional<std::pair<int, unsigned>> parse_month(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int year = std::stoi(text.substr(0, 4));
  unsigned month = static_cast<unsigned>(std::stoi(text.substr(5)));
  if (year < 2000 || month < 1 || month > 12) return std::nullopt;
  return std::pair{year, month};
}

// Reads the search box: a ticket code, a register number ("7", "0007/2026")
// and always the text itself.
void read_search(const std::string& typed, CaseQuery& query) {
  auto q = core::trim(typed);
  if (q.empty()) return;
  query.text = q;
  query.ticket = core::normalize_ticket(q);
  auto slash = q.find('/');
  auto number = q.substr(0, slash);
  if (!number.empty() && number.size() <= 9 && number.find_first_not_of("0123456789") == std::string::npos) {
    query.number = std::stoll(number);
    auto year = slash == std::string::npos ? std::string() : q.substr(slash + 1);
    if (year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos)
      query.year = std::stoi(year);
  }
}

}  // namespace

CaseQuery read_filters(const WebRequest& request) {
  CaseQuery query;
  if (auto month = parse_month(request.param("month"))) {
    // The month in the server's time zone: a filter, not a report, so the
    // few hours' difference of a facility in another zone do not matter.
    auto [first, last] = reports::month_days(month->first, month->second);
    auto offset = std::int64_t{core::local_offset_minutes(first * 86400)} * 60000;
    query.from_ms = first * 86400000 - offset;
    query.to_ms = (last + 1) * 86400000 - offset;
  }
  auto status = request.param("status");
  if (status == "open") {
    query.statuses = {reg::Status::baru, reg::Status::diverifikasi, reg::Status::diteruskan};
  } else if (auto s = reg::parse_status(status)) {
    query.statuses = {*s};
  }
  query.unit = core::is_identifier(request.param("unit")) ? request.param("unit") : "";
  query.channel = reg::parse_channel(request.param("channel"));
  query.type = core::parse_feedback_type(request.param("type"));
  query.overdue_only = request.param("overdue") == "1";
  read_search(request.param("q"), query);
  auto sort = request.param("sort");
  if (sort == "newest") query.sort = CaseQuery::Sort::newest;
  if (sort == "oldest") query.sort = CaseQuery::Sort::oldest;
  if (sort == "due") query.sort = CaseQuery::Sort::due;
  auto page = request.param("page");
  if (!page.empty() && page.size() < 6 && page.find_first_not_of("0123456789") == std::string::npos)
    query.offset = static_cast<std::size_t>(std::max(0, std::stoi(page) - 1)) * kPageSize;
  query.limit = kPageSize;
  return query;
}

WebResponse Dashboard::list_cases(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    auto query = read_filters(request);
    query.facility_id = *facility;
    query.now_ms = now_ms();
    query.rahasia_text = staff::can_read_rahasia_text(caller.user().role);
    // "Kasus saya" and "Belum ada pemilik" (issue 15 item 1).
    auto owner = request.param("owner");
    if (owner == "me") query.owner_id = caller.user().id;
    if (owner == "none") query.unowned = true;
    const auto page_number = query.offset / kPageSize + 1;  // as the link says
    // Keyset paging (issue 13): the page after or before a case's sort keys.
    for (std::string_view name : {"after", "before"}) {
      auto cursor = request.param(std::string(name));
      if (cursor.empty()) continue;
      auto keys = case_list::parse_cursor(cursor, query.sort);
      if (!keys) return refuse(400, "error.register.cursor");
      query.after = std::move(*keys);
      query.before = name == "before";
      query.offset = 0;
    }
    auto page = storage_.cases(query);
    json rows = json::array();
    for (const auto& c : page.cases) rows.push_back(case_summary_json(c, query.now_ms, caller.user().role));
    // The cursors of the next and the previous page (null: none).
    json next = nullptr, prev = nullptr;
    if (!page.cases.empty()) {
      const bool more_after = query.before || page.more;
      const bool more_before = query.before ? page.more : !query.after.empty() || query.offset > 0;
      if (more_after) next = case_list::cursor_text(case_list::keys_of(page.cases.back(), query.sort));
      if (more_before) prev = case_list::cursor_text(case_list::keys_of(page.cases.front(), query.sort));
    }
    WebResponse response;
    response.body = json{{"total", page.total},
                         {"total_capped", page.total_capped},
                         {"page", page_number},
                         {"page_size", kPageSize},
                         {"next", next},
                         {"prev", prev},
                         {"cases", rows}}
                        .dump();
    return response;
  });
}

}  // namespace kotak::server
