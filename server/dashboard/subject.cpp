// The rights of the data subject in the dashboard (issue 14 item 4, UU
// 27/2022 articles 7 and 8): the head of a puskesmas finds every case of a
// person by phone or name, exports them for the person (the right of
// access) and erases their contact details (the right to erasure), each
// with a reason on record. Only kepala, and only in their own puskesmas:
// the district admin never sees a sender's identity (docs/dashboard.md).
//
//   POST subject/search {phone, name, reason}   the cases found (at most 100)
//   POST subject/export {phone, name, reason}   the same as a JSON file
//   POST subject/erase {case_ids, reason}       erases their contact details
//   GET  subject/requests                       the log of these requests
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxPhoneField = 32;
constexpr std::size_t kMaxRequests = 200;

// A text field of the request, trimmed and bounded (bytes: every bound here
// is far above what a person types, and refuses what a script might send).
std::string field(const json& body, const char* key, std::size_t max_bytes) {
  if (!body.contains(key) || body[key].is_null()) return {};
  auto value = core::trim(body.at(key).get<std::string>());
  if (value.size() > max_bytes)
    throw StorageError(StorageErrc::invalid, std::string(key) + " is too long", "error.field.too_long",
                       {{"field", key}, {"n", std::to_string(max_bytes)}});
  return value;
}

SubjectQuery subject_query(const std::string& facility_id, const json& body, const char* action) {
  SubjectQuery q;
  q.facility_id = facility_id;
  q.phone = field(body, "phone", kMaxPhoneField);
  q.name = field(body, "name", kMaxSubjectName * 4);
  q.reason = field(body, "reason", kMaxSubjectReason * 4);
  q.action = action;
  q.limit = kMaxSubjectCases;
  return q;
}

json contact_json(const reg::Contact& c) {
  json out{{"name", c.name}, {"phone", c.phone}, {"address", c.address}};
  if (!c.email.empty()) out["email"] = c.email;
  return out;
}

WebResponse json_response(const json& body) {
  WebResponse response;
  response.body = body.dump();
  return response;
}

}  // namespace

WebResponse Dashboard::subject_search(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (!staff::can_serve_data_subject(caller.user().role)) return refuse(403, "error.role.subject");
    auto found = storage_.subject_cases(subject_query(caller.user().facility_id, json::parse(request.body), "search"),
                                        caller.actor(), now_ms());
    const bool more = found.size() > kMaxSubjectCases;
    if (more) found.resize(kMaxSubjectCases);
    json rows = json::array();
    for (const auto& s : found)
      rows.push_back({{"id", s.c.id},
                      {"label", reg::register_label(s.c.number, s.c.year)},
                      {"received_ms", s.c.received_ms},
                      {"status", reg::to_string(s.c.status)},
                      {"identity_mode", core::to_string(s.c.identity_mode)},
                      {"contact", contact_json(s.contact)}});
    core::log::info("dashboard: " + caller.user().username + " looked for a data subject: " +
                    std::to_string(found.size()) + " cases");
    return json_response({{"cases", rows}, {"more", more}, {"limit", kMaxSubjectCases}});
  });
}

WebResponse Dashboard::subject_export(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (!staff::can_serve_data_subject(caller.user().role)) return refuse(403, "error.role.subject");
    auto found = storage_.subject_cases(subject_query(caller.user().facility_id, json::parse(request.body), "export"),
                                        caller.actor(), now_ms());
    if (found.size() > kMaxSubjectCases) return refuse(409, "error.subject.too_many", {{"n", std::to_string(kMaxSubjectCases)}});
    auto facility = storage_.facility(caller.user().facility_id);
    json cases = json::array();
    for (const auto& s : found) {
      const auto& c = s.c;
      json answers = json::array();
      for (const auto& a : c.answers)
        answers.push_back({{"channel", reg::to_string(a.channel)},
                           {"text", a.text},
                           {"answered_at", core::format_iso8601({a.answered_ms, c.utc_offset_min})}});
      json item{{"register_number", reg::register_label(c.number, c.year)},
                {"received_at", core::format_iso8601({c.received_ms, c.utc_offset_min})},
                {"channel", reg::to_string(c.channel)},
                {"unit", c.unit},
                {"type", core::to_string(c.type)},
                {"identity_mode", core::to_string(c.identity_mode)},
                {"status", reg::to_string(c.status)},
                {"contact", contact_json(s.contact)},
                {"text", c.content},
                {"answers", answers}};
      if (!c.ticket.empty()) item["ticket"] = c.ticket;
      // The files staff attached (a slip in their hand, their photo) and
      // the messages sent to them are theirs too: listed, the files' bytes
      // given on request (each can be downloaded from the case).
      if (attachments_) {
        json files = json::array();
        for (const auto& a : attachments_->case_attachments(caller.user().facility_id, c.id))
          files.push_back({{"name", a.name},
                           {"type", a.media_type},
                           {"bytes", a.bytes},
                           {"sha256", a.sha256},
                           {"attached_at", core::format_iso8601({a.added_ms, c.utc_offset_min})}});
        item["files"] = files;
      }
      if (replies_) {
        json messages = json::array();
        for (const auto& r : replies_->case_replies(caller.user().facility_id, c.id)) {
          json m{{"channel", to_string(r.channel)}, {"to", r.destination}, {"text", r.body},
                 {"state", to_string(r.state)}};
          if (r.done_ms) m["done_at"] = core::format_iso8601({*r.done_ms, c.utc_offset_min});
          messages.push_back(m);
        }
        item["messages"] = messages;
      }
      if (c.published_ms) item["published"] = {{"summary", c.public_summary}, {"answer", c.public_answer}};
      cases.push_back(item);
    }
    // What the person gets: their own data as the puskesmas holds it. The
    // names of staff and the case's internal notes are not theirs.
    json document{{"puskesmas", facility ? facility->name : caller.user().facility_id},
                  {"exported_at", core::format_iso8601({now_ms(), 0})},
                  {"cases", cases}};
    WebResponse response;
    response.body = document.dump(2);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"data-pribadi.json\"");
    core::log::info("dashboard: " + caller.user().username + " exported " + std::to_string(found.size()) +
                    " cases for a data subject");
    return response;
  });
}

WebResponse Dashboard::subject_erase(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (!staff::can_serve_data_subject(caller.user().role)) return refuse(403, "error.role.subject");
    auto body = json::parse(request.body);
    IdentityErasure erasure{caller.user().facility_id, {}, "request", field(body, "reason", kMaxSubjectReason * 4)};
    const auto& ids = body.at("case_ids");
    if (!ids.is_array() || ids.empty() || ids.size() > kMaxSubjectCases)
      return error(400, "case_ids must list 1 to " + std::to_string(kMaxSubjectCases) + " case ids");
    for (const auto& id : ids) erasure.case_ids.push_back(id.get<std::int64_t>());
    auto erased = storage_.erase_identities(erasure, caller.actor(), now_ms());
    core::log::info("dashboard: " + caller.user().username + " erased the contact details of " +
                    std::to_string(erased) + " cases on a data subject's request");
    return json_response({{"erased", erased}});
  });
}

WebResponse Dashboard::subject_requests(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    if (!staff::can_serve_data_subject(caller.user().role)) return refuse(403, "error.role.subject");
    json rows = json::array();
    for (const auto& r : storage_.subject_requests(caller.user().facility_id, kMaxRequests))
      rows.push_back({{"at_ms", r.at_ms}, {"user", r.user}, {"action", r.action}, {"reason", r.reason}, {"cases", r.cases}});
    return json_response({{"requests", rows}});
  });
}

}  // namespace kotak::server
