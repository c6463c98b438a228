// See case_rules.hpp.
#include "server/storage/case_rules.hpp"

#include <nlohmann/json.hpp>

#include "core/ticket.hpp"
#include "core/timestamp.hpp"

namespace kotak::server {

using nlohmann::json;
using reg::Case;
using reg::Status;

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;

[[noreturn]] void refuse(const std::string& why, const char* key,
                         std::map<std::string, std::string> params = {}) {
  throw StorageError(StorageErrc::invalid, why, key, std::move(params));
}

std::string name(Status status) { return std::string(reg::to_string(status)); }

// Each change below: checks it, applies it to edit.after and says its
// history line.
struct Planner {
  CaseEdit& edit;
  const Case& c;
  std::int64_t now_ms;

  void operator()(const StatusChange& change) {
    if (!reg::allowed_transition(c.status, change.to))
      refuse("a case in status " + name(c.status) + " cannot move to " + name(change.to),
             "error.case.transition", {{"from", name(c.status)}, {"to", name(change.to)}});
    if (change.to == Status::diteruskan && c.forwarded_unit.empty())
      refuse("say which unit the case goes to (forward it)", "error.case.unit_missing");
    edit.after.status = change.to;
    edit.action = "status";
    edit.detail = json{{"from", name(c.status)}, {"to", name(change.to)}, {"note", change.note}}.dump();
  }

  void operator()(const Forward& change) {
    if (change.unit.empty()) refuse("say which unit the case goes to", "error.case.unit_missing");
    if (c.status != Status::diteruskan && !reg::allowed_transition(c.status, Status::diteruskan))
      refuse("a case in status " + name(c.status) + " cannot be forwarded", "error.case.no_forward",
             {{"from", name(c.status)}});
    edit.after.forwarded_unit = change.unit;
    edit.after.status = Status::diteruskan;
    // A new forwarding asks the unit anew: its clock starts now, and an
    // earlier unit's answer stays only in the history.
    edit.after.forwarded_ms = now_ms;
    edit.after.unit_response.clear();
    edit.after.unit_response_ms.reset();
    edit.after.unit_response_by.clear();
    edit.action = "forwarded";
    edit.detail = json{{"from", name(c.status)}, {"unit", change.unit}, {"note", change.note},
                       {"unit_before", c.forwarded_unit}}
                      .dump();
  }

  void operator()(const NewAnswer& answer) {
    if (c.status == Status::arsip) refuse("an archived case takes no more answers", "error.case.archived");
    if (answer.text.empty()) refuse("an answer needs its text", "error.case.answer_empty");
    std::int64_t at = answer.answered_ms.value_or(std::max(now_ms, c.received_ms));
    if (at < c.received_ms)
      refuse("the answer cannot be earlier than the case itself", "error.case.answer_early");
    edit.answer = reg::Answer{0, answer.channel, answer.text, "", at, now_ms};
    edit.after.status = reg::answered_status(c.status);
    edit.after.first_answer_ms = c.first_answer_ms ? std::min(*c.first_answer_ms, at) : at;
    edit.action = "answered";
    edit.detail = json{{"channel", reg::to_string(answer.channel)},
                       {"from", name(c.status)},
                       {"to", name(edit.after.status)}}
                      .dump();
  }

  void operator()(const Review& review) {
    edit.after.analysis = review.analysis;
    edit.after.rtl = review.rtl;
    edit.action = "reviewed";
    // What changed, before and after (issue 14 item 3).
    json detail = json::object();
    if (review.analysis != c.analysis) detail["analysis"] = {{"before", c.analysis}, {"after", review.analysis}};
    if (review.rtl != c.rtl) detail["rtl"] = {{"before", c.rtl}, {"after", review.rtl}};
    edit.detail = detail.dump();
  }

  void operator()(const Details& d) {
    edit.after.unit = d.unit;
    edit.after.type = d.type;
    edit.after.urgent = d.urgent;
    // The board shows a published case's unit and type.
    if (c.published_ms) edit.board = CaseEdit::Board::put;
    edit.action = "details";
    edit.detail = json{{"unit", d.unit},
                       {"type", core::to_string(d.type)},
                       {"urgent", d.urgent},
                       {"before", {{"unit", c.unit}, {"type", core::to_string(c.type)}, {"urgent", c.urgent}}}}
                      .dump();
  }

  void operator()(const Transcript& t) {
    if (c.voice_ms == 0)
      refuse("only a spoken complaint (with its recording) takes a transcript", "error.case.no_voice");
    edit.after.content = t.text;
    // The published summary is staff's own words: a transcript leaves it.
    edit.action = "transcript";
    edit.detail = json{{"text", t.text}, {"before", c.content}}.dump();
  }

  void operator()(const Publish& p) {
    // The rules of the board: identity never goes there (board items carry
    // none), a rahasia case never, and only what has been answered.
    if (c.identity_mode == core::IdentityMode::rahasia)
      refuse("a rahasia case is never published", "error.case.rahasia");
    if (!c.first_answer_ms) refuse("only an answered case can be published", "error.case.unanswered");
    if (p.summary.empty() || p.answer.empty())
      refuse("write the public summary and the public answer", "error.case.public_text");
    edit.after.published_ms = c.published_ms.value_or(now_ms);
    edit.after.public_summary = p.summary;
    edit.after.public_answer = p.answer;
    edit.board = CaseEdit::Board::put;
    edit.action = c.published_ms ? "republished" : "published";
    // What the public reads, on record with who put it there (and what it
    // replaced).
    json detail = {{"summary", p.summary}, {"answer", p.answer}};
    if (c.published_ms) detail["before"] = {{"summary", c.public_summary}, {"answer", c.public_answer}};
    edit.detail = detail.dump();
  }

  void operator()(const UnitResponse& r) {
    if (c.status != Status::diteruskan || c.forwarded_unit != r.unit)
      refuse("the case is not forwarded to unit " + r.unit, "error.case.not_forwarded");
    if (r.text.empty()) refuse("write the unit's answer", "error.case.answer_empty");
    edit.after.unit_response = r.text;
    edit.after.unit_response_ms = now_ms;
    edit.after.unit_response_by = r.by;
    edit.action = "unit_response";
    // How long the unit took: from the forwarding to this answer.
    json detail = {{"unit", r.unit}, {"text", r.text}};
    if (c.forwarded_ms) detail["took_ms"] = std::max<std::int64_t>(0, now_ms - *c.forwarded_ms);
    if (c.unit_response_ms) detail["before"] = c.unit_response;
    edit.detail = detail.dump();
  }

  void operator()(const OwnerChange& o) {
    using Kind = OwnerChange::Kind;
    // A closed case is done with; reopening it comes first.
    if (reg::is_closed(c.status))
      refuse("a closed case (" + name(c.status) + ") gets no new owner; reopen it first",
             "error.case.owner_closed", {{"status", name(c.status)}});
    if (!o.to_username.empty()) check_owner(o);
    if (o.kind == Kind::take && c.owner_id && *c.owner_id != o.by_user_id)
      refuse("the case is owned by " + c.owner_name + "; ask them to hand it over", "error.case.owner_taken",
             {{"owner", c.owner_name}});
    if (o.kind == Kind::hand_over) {
      if (!c.owner_id || *c.owner_id != o.by_user_id)
        refuse("only the case's owner hands it over", "error.case.not_owner");
      if (o.to_username.empty()) refuse("choose the colleague who takes the case", "error.case.owner_missing");
    }
    std::optional<std::int64_t> to_id = o.to ? std::optional(o.to->id) : std::nullopt;
    if (to_id == c.owner_id) refuse("the case already has that owner", "error.case.owner_same");
    edit.after.owner_id = to_id;
    edit.after.owner_name = o.to ? o.to->display_name : std::string();
    edit.action = "owner";
    const char* kinds[] = {"take", "hand_over", "assign"};
    edit.detail = json{{"kind", kinds[static_cast<int>(o.kind)]},
                       {"from", c.owner_name},
                       {"to", edit.after.owner_name},
                       {"from_id", c.owner_id ? json(*c.owner_id) : json(nullptr)},
                       {"to_id", to_id ? json(*to_id) : json(nullptr)}}
                      .dump();
  }

  // The account named must work this facility's cases, today.
  void check_owner(const OwnerChange& o) {
    if (!o.to) refuse("there is no account " + o.to_username, "error.case.owner_unknown", {{"user", o.to_username}});
    if (o.to->facility_id != c.facility_id)
      refuse(o.to_username + " is an account of another puskesmas", "error.case.owner_facility",
             {{"user", o.to_username}});
    if (!staff::may_own_cases(o.to->role))
      refuse(o.to_username + " is a " + std::string(staff::to_string(o.to->role)) +
                 " account; only petugas, mutu and kepala own cases",
             "error.case.owner_role", {{"user", o.to_username}, {"role", std::string(staff::to_string(o.to->role))}});
    if (o.to->disabled_ms)
      refuse(o.to_username + " is disabled", "error.case.owner_disabled", {{"user", o.to_username}});
  }

  void operator()(const Escalate& e) {
    if (c.status == Status::arsip) refuse("an archived case is not passed on", "error.escalation.archived");
    // Only a named reporter's contact details can go with the package: an
    // anonymous one gave none, a rahasia one asked that nobody outside the
    // complaint officer sees them.
    if (e.with_identity && (c.identity_mode != core::IdentityMode::named || !c.has_identity))
      refuse("only a named reporter's contact details can be passed on", "error.escalation.identity");
    edit.action = "escalated";
    edit.detail = json{{"n", e.earlier + 1},
                       {"agency", e.agency},
                       {"category", e.category},
                       {"classification", e.classification},
                       {"title", e.title},
                       {"with_identity", e.with_identity}}
                      .dump();
  }

  void operator()(const EscalationTracking& t) {
    if (t.n < 1 || t.n > t.passed_on)
      refuse("the case was not passed on as number " + std::to_string(t.n), "error.escalation.unknown");
    edit.action = "escalation_tracking";
    edit.detail = json{{"n", t.n}, {"tracking_id", t.tracking_id}}.dump();
  }

  void operator()(const Unpublish&) {
    if (!c.published_ms) refuse("the case is not on the board", "error.case.not_published");
    edit.after.published_ms.reset();
    edit.board = CaseEdit::Board::remove;
    edit.action = "unpublished";
    edit.detail = "{}";
  }
};

}  // namespace

int local_year(std::int64_t unix_ms, int utc_offset_min) {
  std::int64_t local = unix_ms + std::int64_t{utc_offset_min} * 60000;
  std::int64_t days = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  int year = 0;
  unsigned month = 0, day = 0;
  core::civil_from_days(days, year, month, day);
  return year;
}

Case written_case(const core::Submission& s, std::int64_t due_hours, reg::Channel channel) {
  Case c;
  c.facility_id = s.facility_id;
  c.year = local_year(s.created_at.unix_ms, s.created_at.utc_offset_min);
  c.public_id = s.id;
  c.ticket = s.ticket;
  c.received_ms = s.created_at.unix_ms;
  c.utc_offset_min = s.created_at.utc_offset_min;
  c.channel = channel;
  c.unit = s.unit;
  c.type = s.type.value_or(core::FeedbackType::keluhan);
  c.urgent = s.urgent;
  c.rating = s.rating;
  c.identity_mode = s.identity_mode;
  c.content = s.text;
  c.due_ms = c.received_ms + due_hours * kHourMs;
  return c;
}

Case entered_case(const NewCase& n, std::int64_t due_hours) {
  Case c;
  c.facility_id = n.facility_id;
  c.year = local_year(n.received.unix_ms, n.received.utc_offset_min);
  c.public_id = core::new_uuid();
  c.ticket = core::new_ticket();
  c.received_ms = n.received.unix_ms;
  c.utc_offset_min = n.received.utc_offset_min;
  c.channel = n.channel;
  c.unit = n.unit;
  c.type = n.type;
  c.urgent = n.urgent;
  c.identity_mode = n.identity_mode;
  c.content = n.content;
  c.due_ms = c.received_ms + due_hours * kHourMs;
  return c;
}

CaseEdit plan_edit(const Case& before, const CaseChange& change, std::int64_t now_ms) {
  CaseEdit edit;
  edit.after = before;
  edit.after.updated_ms = now_ms;
  std::visit(Planner{edit, before, now_ms}, change);
  // The retention period runs from the case's closing; reopening stops it.
  if (!reg::is_closed(edit.after.status))
    edit.after.closed_ms.reset();
  else if (!edit.after.closed_ms)
    edit.after.closed_ms = now_ms;
  return edit;
}

std::int64_t request_case(std::optional<std::int64_t> earlier_case, std::int64_t earlier_user,
                          const Actor& actor, std::optional<std::int64_t> case_id) {
  if (!earlier_case || earlier_user != actor.user_id || (case_id && *case_id != *earlier_case))
    throw StorageError(StorageErrc::invalid,
                       "the request id " + actor.request_id + " was used for another action; send a new one");
  return *earlier_case;
}

std::string board_item_id(std::int64_t case_id) {
  // Built by appending: GCC 12 at -O3 gives a false -Wrestrict on
  // "literal" + std::string temporaries.
  std::string id = "c";
  id += std::to_string(case_id);
  return id;
}

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::string identity_view_detail(const std::string& reason) {
  json detail = json::object();
  if (!reason.empty()) detail["reason"] = reason;
  return detail.dump();
}

}  // namespace kotak::server
