// Cases as the dashboard's JSON. Times are UTC milliseconds (the browser
// shows them in its own time zone) with the case's UTC offset beside them.
// Contact details are never part of a case's JSON: they come only from the
// logged identity endpoint.
#pragma once

#include <nlohmann/json.hpp>

#include "server/register/case.hpp"

namespace kotak::server {

// A row of the register list.
nlohmann::json case_summary_json(const reg::Case& c, std::int64_t now_ms);
// Everything of one case, for its page.
nlohmann::json case_json(const reg::Case& c, std::int64_t now_ms, const std::string& public_url);

}  // namespace kotak::server
