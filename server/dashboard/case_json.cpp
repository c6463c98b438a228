// See case_json.hpp.
#include "server/dashboard/case_json.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

json optional_ms(const std::optional<std::int64_t>& ms) { return ms ? json(*ms) : json(nullptr); }

bool text_hidden(const reg::Case& c, staff::Role reader) {
  return c.identity_mode == core::IdentityMode::rahasia && !staff::can_read_rahasia_text(reader);
}

std::string identity_access(const reg::Case& c, staff::Role reader) {
  if (!c.has_identity || !staff::can_see_identity(reader)) return "none";
  if (c.identity_mode != core::IdentityMode::rahasia) return "open";
  return staff::can_see_rahasia_identity(reader) ? "reason" : "none";
}

}  // namespace

json case_summary_json(const reg::Case& c, std::int64_t now_ms, staff::Role reader) {
  const bool hidden = text_hidden(c, reader);
  return {{"id", c.id},
          {"label", reg::register_label(c.number, c.year)},
          {"facility", c.facility_id},
          {"ticket", c.ticket},
          {"received_ms", c.received_ms},
          // A corrected time keeps the kiosk's own in claimed_ms too; only
          // an uncorrected one is the far-ahead clock of clock_suspect.
          {"clock_suspect", c.claimed_ms.has_value() && c.clock != "corrected"},
          {"clock", c.clock},
          {"claimed_ms", optional_ms(c.claimed_ms)},
          {"utc_offset_min", c.utc_offset_min},
          {"channel", reg::to_string(c.channel)},
          {"unit", c.unit},
          {"type", core::to_string(c.type)},
          {"urgent", c.urgent},
          {"rating", c.rating ? json(*c.rating) : json(nullptr)},
          {"alarming", c.alarming()},
          {"identity_mode", core::to_string(c.identity_mode)},
          {"content", hidden ? std::string() : c.content},
          {"voice_ms", c.voice_ms},
          {"text_hidden", hidden},
          {"due_ms", c.due_ms},
          {"overdue", c.overdue(now_ms)},
          {"status", reg::to_string(c.status)},
          {"forwarded_unit", c.forwarded_unit},
          {"first_answer_ms", optional_ms(c.first_answer_ms)},
          {"published", c.published_ms.has_value()},
          {"owner_id", optional_ms(c.owner_id)},
          {"owner_name", c.owner_name}};
}

json case_json(const reg::Case& c, std::int64_t now_ms, const std::string& public_url,
               staff::Role reader) {
  json out = case_summary_json(c, now_ms, reader);
  const bool hidden = text_hidden(c, reader);
  json next = json::array();
  for (auto s : reg::next_statuses(c.status)) next.push_back(reg::to_string(s));
  json answers = json::array();
  for (const auto& a : c.answers)
    answers.push_back({{"channel", reg::to_string(a.channel)},
                       {"text", hidden ? std::string() : a.text},
                       {"officer", a.officer},
                       {"answered_ms", a.answered_ms},
                       {"recorded_ms", a.recorded_ms}});
  json history = json::array();
  for (const auto& e : c.history) {
    json detail = json::parse(e.detail, nullptr, false);
    if (detail.is_discarded() || hidden) detail = json::object();
    history.push_back({{"at_ms", e.at_ms}, {"user", e.user}, {"action", e.action}, {"detail", detail}});
  }
  out["has_identity"] = c.has_identity;
  out["identity_erased_ms"] = optional_ms(c.identity_erased_ms);
  out["identity_access"] = identity_access(c, reader);
  // A voice identifies its speaker: never a unit's, and a rahasia one as
  // its identity (cases.cpp, Dashboard::audio, decides the same).
  out["voice_access"] = c.voice_ms > 0 && reader != staff::Role::unit &&
                        (c.identity_mode != core::IdentityMode::rahasia ||
                         staff::can_see_rahasia_identity(reader));
  out["next_statuses"] = next;
  out["analysis"] = hidden ? std::string() : c.analysis;
  out["rtl"] = hidden ? std::string() : c.rtl;
  out["updated_ms"] = c.updated_ms;
  out["published_ms"] = optional_ms(c.published_ms);
  out["public_summary"] = c.public_summary;
  out["public_answer"] = c.public_answer;
  out["publishable"] = c.identity_mode != core::IdentityMode::rahasia && c.first_answer_ms.has_value();
  out["tracking_url"] = public_url.empty() ? json(nullptr) : json(public_url + "/t/" + c.public_id);
  out["tracking_path"] = "/t/" + c.public_id;
  // The unit it was forwarded to and its answer back (issue 15 item 2).
  out["forwarded_ms"] = optional_ms(c.forwarded_ms);
  out["unit_response"] = hidden ? std::string() : c.unit_response;
  out["unit_response_ms"] = optional_ms(c.unit_response_ms);
  out["unit_response_by"] = c.unit_response_by;
  out["answers"] = answers;
  out["history"] = history;
  return out;
}

}  // namespace kotak::server
