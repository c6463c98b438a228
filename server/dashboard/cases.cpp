// The register endpoints of the dashboard (the list is in
// register_list.cpp, what identifies a patient in case_private.cpp): one
// case, a case from another channel, and the changes staff make. See
// dashboard.hpp.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/phone.hpp"
#include "core/text.hpp"
#include "core/ticket.hpp"
#include "server/dashboard/byte_range.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"
#include "server/register/personal_data.hpp"
#include "server/reports/lapor.hpp"
#include "server/reports/recap.hpp"
#include "server/units.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::int64_t kFutureSlackMs = 10 * 60000;
// Feedback from another channel is recorded when it arrives, or soon after
// (a slip from the box opened monthly): a year back at most.
constexpr std::int64_t kPastLimitMs = 366LL * 24 * 3600 * 1000;

// A field named as the form names it.
std::map<std::string, std::string> field(const char* key) { return {{"field", key}}; }

}  // namespace

std::string text_field(const json& body, const char* key, std::size_t max_chars, bool required) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) throw BadInput(std::string("fill in ") + key, "error.field.missing", field(key));
    return {};
  }
  auto value = core::trim(body.at(key).get<std::string>());
  auto length = core::utf8_length(value);
  if (!length) throw BadInput(std::string(key) + " is not valid UTF-8 text", "error.field.not_text", field(key));
  if (*length > max_chars)
    throw BadInput(std::string(key) + " is longer than " + std::to_string(max_chars) + " characters",
                   "error.field.too_long", {{"field", key}, {"n", std::to_string(max_chars)}});
  if (required && value.empty()) throw BadInput(std::string("fill in ") + key, "error.field.missing", field(key));
  return value;
}

namespace {

std::string unit_field(const json& body, const char* key) {
  auto unit = text_field(body, key, 64, false);
  if (!unit.empty() && !core::is_identifier(unit)) throw BadInput("unknown unit '" + unit + "'", "error.field.unknown", field(key));
  return unit;
}

template <typename T, typename Parse>
T enum_field(const json& body, const char* key, Parse parse) {
  auto value = parse(body.at(key).get<std::string>());
  if (!value)
    throw BadInput(std::string("unknown ") + key + " '" + body.at(key).get<std::string>() + "'",
                   "error.field.unknown", field(key));
  return *value;
}

// Passing a case on through SP4N-LAPOR! (reports/lapor.hpp): the agency,
// LAPOR!'s category and classification, the report's title, and whether a
// named reporter's contact details go with it (only a role that may see
// them can send them).
Escalate escalate_change(const json& body, staff::Role role) {
  Escalate e{text_field(body, "agency", 200, true), text_field(body, "category", 100, true),
             text_field(body, "classification", 40, true), text_field(body, "title", 150, true),
             body.value("with_identity", false)};
  if (!reports::is_lapor_classification(e.classification))
    throw BadInput("unknown classification '" + e.classification + "'", "error.field.unknown",
                   field("classification"));
  if (e.with_identity && !staff::can_see_identity(role))
    throw BadInput("your role may not pass on contact details", "error.role.identity");
  return e;
}

// A change of owner (issue 15 item 1): {"kind": "take"} takes the case;
// {"kind": "hand_over" | "assign", "to": username} gives it ("assign" with
// "to" empty or null: nobody owns it).
OwnerChange owner_change(const json& body, const staff::User& by) {
  OwnerChange o;
  o.by_user_id = by.id;
  auto kind = body.value("kind", std::string());
  if (kind == "take") {
    o.kind = OwnerChange::Kind::take;
    o.to_username = by.username;
    return o;
  }
  if (kind == "hand_over") o.kind = OwnerChange::Kind::hand_over;
  else if (kind != "assign") throw BadInput("unknown kind '" + kind + "'", "error.field.unknown", field("kind"));
  o.to_username = text_field(body, "to", 64, false);
  if (!o.to_username.empty() && !staff::is_username(o.to_username))
    throw BadInput("there is no account " + o.to_username, "error.case.owner_unknown", {{"user", o.to_username}});
  return o;
}

// Text for the public (the board, the kiosks, /papan, the ticket page)
// holding personal data is refused, naming what was found (issue 14 item 1).
void check_public_text(const std::string& text, const char* key, const reg::Contact& own) {
  auto found = reg::find_personal_data(text, own);
  if (found.empty()) return;
  // Built by appending: GCC 12 at -O3 gives a false -Wrestrict on
  // "literal" + std::string temporaries.
  std::vector<std::string_view> kinds;
  std::string kind_list, shown;
  for (const auto& f : found) {
    auto kind = reg::to_string(f.kind);
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      if (!kinds.empty()) kind_list += ',';
      kind_list.append(kind);
      kinds.push_back(kind);
    }
    shown.append(shown.empty() ? "“" : ", “").append(f.text).append("”");
  }
  std::string why(key);
  why.append(" holds personal data: ").append(shown);
  throw BadInput(why, "error.case.personal_data", {{"field", key}, {"kinds", kind_list}, {"found", shown}});
}

// The kiosk's rule for a phone number (core/phone.hpp), so that what staff
// type holds what a patient could have typed.
void check_phone_field(const std::string& phone) {
  if (phone.empty() || core::check_phone(phone) == core::PhoneCheck::ok) return;
  throw BadInput("the phone is not an Indonesian mobile number (08..., +62 8..., 10 to 13 digits)",
                 "error.field.phone", field("phone"));
}

}  // namespace

std::optional<std::int64_t> case_id(const WebRequest& request) {
  if (request.captures.empty()) return std::nullopt;
  const auto& text = request.captures[0];
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

WebResponse json_ok(const json& body) {
  WebResponse response;
  response.body = body.dump();
  return response;
}

std::string Dashboard::units_json(const std::string& facility_id) {
  json out = json::array();
  for (const auto& u : units_of(facility_id)) out.push_back({{"id", u.id}, {"label", u.label}});
  return out.dump();
}

std::vector<core::Unit> Dashboard::units_of(const std::string& facility_id) {
  return facility_units(storage_, config_.units, facility_id);
}

bool Dashboard::is_unit_of(const std::string& facility_id, const std::string& unit) {
  for (const auto& u : units_of(facility_id))
    if (u.id == unit) return true;
  return false;
}

// A unit named in a form must be one of the facility's own (issue 14 item 7:
// not another facility's, not a made-up one); "" is no unit.
std::string Dashboard::known_unit(const std::string& facility_id, const std::string& unit, const char* key) {
  if (unit.empty() || is_unit_of(facility_id, unit)) return unit;
  throw BadInput("'" + unit + "' is not a unit of this puskesmas", "error.field.unknown_unit",
                 {{"field", key}, {"unit", unit}});
}

WebResponse Dashboard::get_case(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    auto id = case_id(request);
    if (!id) return error(404, "there is no such case in your puskesmas");
    return case_page(*id, caller);
  });
}

WebResponse Dashboard::add_case(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (!staff::can_change_cases(caller.user().role)) return refuse(403, "error.role.record");
    try {
      auto body = json::parse(request.body);
      NewCase n;
      std::string email;  // kept with the reply storage (issue 15 item 4)
      n.facility_id = caller.user().facility_id;
      auto received = core::parse_iso8601(body.at("received_at").get<std::string>());
      if (!received) throw BadInput("received_at must be a time like 2026-11-23T09:30:00.000+07:00", "error.field.time", field("received_at"));
      if (received->unix_ms > now_ms() + kFutureSlackMs) throw BadInput("the received time is in the future", "error.field.future", field("received_at"));
      if (received->unix_ms < now_ms() - kPastLimitMs)
        throw BadInput("the received time is more than a year ago", "error.field.past", field("received_at"));
      n.received = *received;
      n.channel = enum_field<reg::Channel>(body, "channel", reg::parse_channel);
      if (n.channel == reg::Channel::kiosk || n.channel == reg::Channel::qr_ponsel)
        throw BadInput("kiosk and QR/phone cases arrive by themselves", "error.case.kiosk_channel");
      n.unit = known_unit(n.facility_id, unit_field(body, "unit"), "unit");
      n.type = enum_field<core::FeedbackType>(body, "type", core::parse_feedback_type);
      n.urgent = body.value("urgent", false);
      n.identity_mode = enum_field<core::IdentityMode>(body, "identity_mode", core::parse_identity_mode);
      n.content = text_field(body, "content", core::kMaxTextChars, true);
      if (body.contains("identity") && n.identity_mode != core::IdentityMode::anonim) {
        const auto& identity = body["identity"];
        n.identity.name = text_field(identity, "name", core::kMaxNameChars, false);
        n.identity.phone = text_field(identity, "phone", core::kMaxPhoneChars, false);
        n.identity.address = text_field(identity, "address", core::kMaxAddressChars, false);
        check_phone_field(n.identity.phone);
        // Where the answer may be mailed (issue 15 item 4).
        email = text_field(identity, "email", reg::kMaxEmailChars, false);
        if (!email.empty() && !core::plausible_address(email))
          throw BadInput("the email is not a mail address (name@example.com)", "error.field.email", field("email"));
      }
      if (n.identity_mode == core::IdentityMode::named && n.identity.name.empty() && n.identity.phone.empty() &&
          email.empty())
        throw BadInput("a named case needs a name or a phone number", "error.case.named_empty");
      if (!email.empty() && !replies_)
        throw BadInput("this server keeps no mail addresses of cases", "error.reply.email_off");
      auto c = storage_.add_case(n, config_.due_hours, caller.actor(), now_ms());
      // A retry of the same request finds the case made the first time and
      // sets the same address again.
      if (!email.empty()) replies_->set_case_email(n.facility_id, c.id, email);
      core::log::info("dashboard: " + caller.user().username + " recorded case " +
                      reg::register_label(c.number, c.year) + " of " + c.facility_id);
      auto response = json_ok(case_json(c, now_ms(), config_.public_url, caller.user().role));
      response.status = 201;
      return response;
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

WebResponse Dashboard::change_case(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    auto id = case_id(request);
    if (!id || request.captures.size() < 2) return error(404, "there is no such case in your puskesmas");
    const std::string& action = request.captures[1];
    auto role = caller.user().role;
    try {
      auto body = json::parse(request.body);
      if (action == "reply") return send_reply(caller, *id, body);
      CaseChange change;
      if (action == "status") {
        change = StatusChange{enum_field<reg::Status>(body, "to", reg::parse_status),
                              text_field(body, "note", reg::kMaxNoteChars, false)};
      } else if (action == "forward") {
        auto unit = unit_field(body, "unit");
        if (unit.empty()) throw BadInput("choose the unit", "error.case.unit_missing");
        auto c = storage_.find_case(case_scope(caller), *id);
        if (!c) return error(404, "there is no such case in your puskesmas");
        change = Forward{known_unit(c->facility_id, unit, "unit"), text_field(body, "note", reg::kMaxNoteChars, false)};
      } else if (action == "answer") {
        if (!staff::can_answer(role)) return refuse(403, "error.role.answer");
        NewAnswer answer{enum_field<reg::AnswerChannel>(body, "channel", reg::parse_answer_channel),
                         text_field(body, "text", reg::kMaxAnswerChars, true), std::nullopt};
        if (body.contains("answered_at") && !body["answered_at"].is_null()) {
          auto at = core::parse_iso8601(body["answered_at"].get<std::string>());
          if (!at) throw BadInput("answered_at must be a time like 2026-11-23T09:30:00.000+07:00", "error.field.time", field("answered_at"));
          if (at->unix_ms > now_ms() + kFutureSlackMs) throw BadInput("the answer time is in the future", "error.field.future", field("answered_at"));
          answer.answered_ms = at->unix_ms;
        }
        change = answer;
      } else if (action == "review") {
        if (!staff::can_review(role)) return refuse(403, "error.role.review");
        change = Review{text_field(body, "analysis", reg::kMaxNoteChars, false),
                        text_field(body, "rtl", reg::kMaxNoteChars, false)};
      } else if (action == "details") {
        auto unit = unit_field(body, "unit");
        auto before = storage_.find_case(case_scope(caller), *id);
        // A kiosk may have sent a unit since renamed: keeping it is no change.
        if (!before) return error(404, "there is no such case in your puskesmas");
        if (unit != before->unit) known_unit(before->facility_id, unit, "unit");
        change = Details{unit,
                         enum_field<core::FeedbackType>(body, "type", core::parse_feedback_type),
                         body.value("urgent", false)};
      } else if (action == "transcript") {
        if (!staff::can_change_cases(role)) return refuse(403, "error.role.change");
        // A rahasia complaint's words come from its voice: typed by whom
        // may hear it.
        auto before = storage_.find_case(case_scope(caller), *id);
        if (!before) return error(404, "there is no such case in your puskesmas");
        if (before->identity_mode == core::IdentityMode::rahasia && !staff::can_see_rahasia_identity(role))
          return refuse(403, "error.role.audio_rahasia");
        change = Transcript{text_field(body, "text", core::kMaxTextChars, true)};
      } else if (action == "publish" || action == "preview") {
        if (!staff::can_publish(role)) return refuse(403, "error.role.publish");
        Publish publish{text_field(body, "summary", reg::kMaxSummaryChars, true),
                        text_field(body, "answer", reg::kMaxAnswerChars, true)};
        auto own = storage_.case_contact(case_scope(caller), *id);
        check_public_text(publish.summary, "summary", own);
        check_public_text(publish.answer, "answer", own);
        if (action == "preview") {
          // Exactly the item the board, the kiosks and /papan would show.
          auto c = storage_.find_case(case_scope(caller), *id);
          if (!c) return error(404, "there is no such case in your puskesmas");
          return json_ok({{"item", {{"unit", c->unit},
                                    {"type", core::to_string(c->type)},
                                    {"summary", publish.summary},
                                    {"answer", publish.answer},
                                    {"published_ms", c->published_ms.value_or(now_ms())}}}});
        }
        change = publish;
      } else if (action == "escalate") {
        change = escalate_change(body, role);
      } else if (action == "tracking") {
        auto n = body.at("n").get<int>();
        auto tracking = text_field(body, "tracking_id", 64, true);
        if (tracking.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-#/") !=
            std::string::npos)
          throw BadInput("a LAPOR! tracking ID is letters, digits and - # /", "error.field.not_text",
                         field("tracking_id"));
        change = EscalationTracking{n, tracking};
      } else if (action == "owner") {
        if (!staff::may_own_cases(role)) return refuse(403, "error.role.owner");
        change = owner_change(body, caller.user());
      } else if (action == "unpublish") {
        if (!staff::can_publish(role)) return refuse(403, "error.role.publish");
        change = Unpublish{};
      } else {
        return error(404, "there is no such change: " + action);
      }
      if (!staff::can_change_cases(role)) return refuse(403, "error.role.change");
      storage_.change_case(case_scope(caller), *id, change, caller.actor(), now_ms());
      return case_page(*id, caller);
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

}  // namespace kotak::server
