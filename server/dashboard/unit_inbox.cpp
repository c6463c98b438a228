// A unit's inbox (issue 15 item 2): the cases forwarded to the unit of the
// account (poli umum, apotek, laboratorium...), as the unit may read them,
// and its answer back to the complaint officer. See dashboard.hpp.
//
// What a unit reads (docs/dashboard.md, "Privacy"): never who sent a case.
// No contact details, no identity action, no ticket code, no history (it
// holds who looked at the identity and why), no answers to the person, no
// analysis. The complaint text of a named or anonymous case comes with the
// case's own name, phone, address and email, and anyone's phone number, NIK
// or email address replaced by "[…]". The text of a rahasia case is not
// shown at all: its words alone may say who wrote them, so the unit works
// from the complaint officer's forwarding note (also redacted), which the
// officer writes for the unit.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/register/personal_data.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::size_t kInboxPage = 200;

json optional_ms(const std::optional<std::int64_t>& ms) { return ms ? json(*ms) : json(nullptr); }

// The officer's note of the latest forwarding, from the case's history.
std::string forward_note(const reg::Case& c) {
  for (auto e = c.history.rbegin(); e != c.history.rend(); ++e) {
    if (e->action != "forwarded") continue;
    auto detail = json::parse(e->detail, nullptr, false);
    return detail.is_object() ? detail.value("note", std::string()) : std::string();
  }
  return {};
}

bool in_inbox(const reg::Case& c, const std::string& unit) {
  return c.forwarded_unit == unit && (c.status == reg::Status::diteruskan || c.unit_response_ms.has_value());
}

}  // namespace

nlohmann::json Dashboard::unit_case_json(const reg::Case& c, bool full) {
  const bool rahasia = c.identity_mode == core::IdentityMode::rahasia;
  json out = {{"id", c.id},
              {"label", reg::register_label(c.number, c.year)},
              {"received_ms", c.received_ms},
              {"utc_offset_min", c.utc_offset_min},
              {"type", core::to_string(c.type)},
              {"urgent", c.urgent},
              {"rahasia", rahasia},
              {"status", reg::to_string(c.status)},
              {"due_ms", c.due_ms},
              {"overdue", c.overdue(now_ms())},
              {"unit", c.forwarded_unit},
              {"forwarded_ms", optional_ms(c.forwarded_ms)},
              {"answered", c.unit_response_ms.has_value()},
              {"unit_response_ms", optional_ms(c.unit_response_ms)},
              {"open", c.status == reg::Status::diteruskan}};
  if (!full) return out;
  auto own = storage_.case_contact(c.facility_id, c.id);
  out["content"] = rahasia ? std::string() : reg::redact(c.content, own);
  out["text_withheld"] = rahasia;
  out["note"] = reg::redact(forward_note(c), own);
  out["unit_response"] = c.unit_response;
  out["unit_response_by"] = c.unit_response_by;
  return out;
}

WebResponse Dashboard::unit_cases(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    CaseQuery query;
    query.facility_id = caller.user().facility_id;
    query.inbox_unit = caller.user().unit;
    query.rahasia_text = false;
    query.sort = CaseQuery::Sort::due;
    query.now_ms = now_ms();
    query.limit = kInboxPage;
    auto page = storage_.cases(query);
    json rows = json::array();
    for (const auto& c : page.cases) rows.push_back(unit_case_json(c, false));
    WebResponse response;
    response.body = json{{"total", page.total}, {"cases", rows}}.dump();
    return response;
  }, Use::activity, Who::unit);
}

std::optional<reg::Case> Dashboard::inbox_case(const Caller& caller, const WebRequest& request,
                                               WebResponse& refusal) {
  const auto& text = request.captures.empty() ? std::string() : request.captures[0];
  std::optional<reg::Case> c;
  if (!text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string::npos)
    c = storage_.find_case(caller.user().facility_id, std::stoll(text));
  if (!c) {
    refusal = error(404, "there is no such case in your puskesmas");
    return std::nullopt;
  }
  // Another unit's case, or one not (or no longer) forwarded to this unit.
  if (!in_inbox(*c, caller.user().unit)) {
    refusal = refuse(403, "error.unit.not_forwarded");
    return std::nullopt;
  }
  return c;
}

WebResponse Dashboard::unit_case(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto c = inbox_case(caller, request, refusal);
    if (!c) return refusal;
    WebResponse response;
    response.body = unit_case_json(*c, true).dump();
    return response;
  }, Use::activity, Who::unit);
}

WebResponse Dashboard::unit_response(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    WebResponse refusal;
    auto c = inbox_case(caller, request, refusal);
    if (!c) return refusal;
    auto body = json::parse(request.body);
    auto text = core::trim(body.at("text").get<std::string>());
    auto length = core::utf8_length(text);
    if (!length || *length == 0) return refuse(400, "error.field.missing", {{"field", "unit_response"}});
    if (*length > reg::kMaxAnswerChars)
      return refuse(400, "error.field.too_long",
                    {{"field", "unit_response"}, {"n", std::to_string(reg::kMaxAnswerChars)}});
    const auto& user = caller.user();
    storage_.change_case(user.facility_id, c->id, UnitResponse{user.unit, text, user.display_name}, caller.actor(),
                         now_ms());
    core::log::info("dashboard: unit " + user.unit + " (" + user.username + ") answered case " +
                    reg::register_label(c->number, c->year));
    auto after = storage_.find_case(user.facility_id, c->id);
    if (!after) return error(404, "there is no such case in your puskesmas");
    WebResponse response;
    response.body = unit_case_json(*after, true).dump();
    return response;
  }, Use::activity, Who::unit);
}

}  // namespace kotak::server
