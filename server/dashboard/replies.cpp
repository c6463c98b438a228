// The answer sent to the patient on the case page (issue 15 item 4): what
// the caller may send for a case, the state of each message, and queueing
// an answer by email and/or SMS. The messages are composed here, in the
// reader-independent words of the catalogs (notify/replies.hpp); the reply
// job sends them. See dashboard.hpp.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/case_json.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/notify/replies.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// Enough of an address or number for staff to tell two apart, not to read
// it: the contact details themselves are opened with a logged request.
std::string masked(const Reply& r) {
  const auto& d = r.destination;
  if (d.empty()) return "";
  if (r.channel == ReplyChannel::email) {
    auto at = d.find('@');
    return at == std::string::npos ? "…" : d.substr(0, 1) + "…" + d.substr(at);
  }
  return d.size() > 7 ? d.substr(0, 6) + "…" + d.substr(d.size() - 3) : "…";
}

json message_json(const Reply& r) {
  return {{"id", r.id},
          {"channel", to_string(r.channel)},
          {"via", r.via},
          {"state", to_string(r.state)},
          {"attempts", r.attempts},
          {"error", r.last_error},
          {"to", masked(r)},
          {"created_ms", r.created_ms},
          {"next_ms", r.state == ReplyState::queued ? json(r.next_ms) : json(nullptr)},
          {"done_ms", r.done_ms ? json(*r.done_ms) : json(nullptr)},
          {"user", r.user_name}};
}

bool may_send(const reg::Case& c, staff::Role role) {
  return staff::can_answer(role) &&
         (c.identity_mode != core::IdentityMode::rahasia || staff::can_see_rahasia_identity(role));
}

}  // namespace

json Dashboard::with_replies(json page, const reg::Case& c, const std::vector<Reply>& sent, const Caller& caller) {
  if (!replies_) return page;
  const auto role = caller.user().role;
  json messages = json::array();
  for (const auto& r : sent) messages.push_back(message_json(r));
  const bool sending = may_send(c, role) && c.status != reg::Status::arsip;
  json reply{{"messages", messages}, {"may_send", sending}};
  if (sending) {
    // Whether each channel can be used, never the details themselves.
    auto contact = storage_.case_contact(case_scope(caller), c.id);
    reply["email"] = !reply_.email ? "off" : contact.email.empty() ? "none" : "ready";
    reply["sms"] = !reply_.sms_on()              ? "off"
                   : contact.phone.empty()              ? "none"
                   : !international_phone(contact.phone) ? "invalid"
                                                         : "ready";
  }
  page["reply"] = reply;
  return page;
}

WebResponse Dashboard::send_reply(const Caller& caller, std::int64_t id, const json& body) {
  const auto role = caller.user().role;
  if (!staff::can_answer(role)) return refuse(403, "error.role.answer");
  if (!replies_) return refuse(400, "error.reply.email_off");
  auto c = storage_.find_case(case_scope(caller), id);
  if (!c) return error(404, "there is no such case in your puskesmas");
  if (!may_send(*c, role)) return refuse(403, "error.reply.rahasia");
  if (c->status == reg::Status::arsip) return refuse(400, "error.case.archived");
  auto text = core::trim(body.value("text", std::string()));
  auto length = core::utf8_length(text);
  if (!length || text.empty()) return refuse(400, "error.field.missing", {{"field", "text"}});
  if (*length > reg::kMaxAnswerChars)
    return refuse(400, "error.field.too_long", {{"field", "text"}, {"n", std::to_string(reg::kMaxAnswerChars)}});
  const bool email = body.value("email", false), sms = body.value("sms", false);
  if (!email && !sms) return refuse(400, "error.reply.no_channel");
  auto contact = storage_.case_contact(case_scope(caller), id);
  auto facility = storage_.facility(c->facility_id);
  const auto code = c->ticket.empty() ? c->public_id : c->ticket;
  ReplyContext context{facility ? facility->name : c->facility_id, c->ticket.empty() ? reg::register_label(c->number, c->year) : c->ticket,
                       config_.public_url + "/t/" + code};
  std::vector<NewReply> replies;
  if (email) {
    if (!reply_.email) return refuse(400, "error.reply.email_off");
    if (contact.email.empty()) return refuse(400, "error.reply.no_email");
    replies.push_back(reply_email(catalog("id"), catalog("en"), context, text, contact.email));
  }
  if (sms) {
    if (!reply_.sms_on()) return refuse(400, "error.reply.sms_off");
    if (contact.phone.empty()) return refuse(400, "error.reply.no_phone");
    auto number = international_phone(contact.phone);
    if (!number) return refuse(400, "error.reply.phone_invalid");
    replies.push_back(reply_sms(catalog("id"), reply_, context, text, *number));
  }
  replies_->queue_replies(case_scope(caller), id, replies, caller.actor(), now_ms());
  core::log::info("dashboard: " + caller.user().username + " queued " + std::to_string(replies.size()) +
                  " messages to the patient of case " + reg::register_label(c->number, c->year) + " of " + c->facility_id);
  return case_page(id, caller);
}

}  // namespace kotak::server
