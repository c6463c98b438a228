// Cases as the dashboard's JSON. Times are UTC milliseconds (the browser
// shows them in its own time zone) with the case's UTC offset beside them.
// Contact details are never part of a case's JSON: they come only from the
// logged identity endpoint.
#pragma once

#include <nlohmann/json.hpp>

#include "server/register/case.hpp"
#include "server/staff/user.hpp"

namespace kotak::server {

// A row of the register list, as the reader's role may read it: the text of
// a rahasia case (its content, answers, analysis, notes) is left out for a
// role that may not read it, with "text_hidden" saying so.
nlohmann::json case_summary_json(const reg::Case& c, std::int64_t now_ms, staff::Role reader);
// Everything of one case, for its page; "identity_access" says what the
// reader may do with its contact details: "none", "open", or "reason" (a
// rahasia identity, opened only with a reason).
nlohmann::json case_json(const reg::Case& c, std::int64_t now_ms, const std::string& public_url,
                         staff::Role reader);

}  // namespace kotak::server
