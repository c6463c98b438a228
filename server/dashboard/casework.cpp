// The casework tools of the register (issue 15 items 7 and 8): a facility's
// canned answers, which its head manages and staff pick when answering,
// and one action on many cases at once. See dashboard.hpp.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// One request acts on at most this many cases: a page of the register is
// 50, so four pages' worth, and a bound on what one request may cost.
constexpr std::size_t kMaxBulkCases = 200;

json canned_json(const CannedAnswer& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"text", a.text},
          {"updated_ms", a.updated_ms},
          {"updated_by", a.updated_by},
          {"retired", a.retired_ms.has_value()},
          {"retired_ms", a.retired_ms ? json(*a.retired_ms) : json(nullptr)}};
}

CannedAnswerText canned_words(const json& body) {
  return {text_field(body, "title", kMaxCannedTitleChars, true),
          text_field(body, "text", reg::kMaxAnswerChars, true)};
}

// The case ids of a bulk request: 1 to kMaxBulkCases positive integers,
// each once, in the order given.
std::vector<std::int64_t> bulk_ids(const json& body) {
  const auto& ids = body.at("ids");
  if (!ids.is_array() || ids.empty() || ids.size() > kMaxBulkCases)
    throw BadInput("choose 1 to " + std::to_string(kMaxBulkCases) + " cases", "error.bulk.count",
                   {{"n", std::to_string(kMaxBulkCases)}});
  std::vector<std::int64_t> out;
  for (const auto& id : ids) {
    if (!id.is_number_integer() || id.get<std::int64_t>() <= 0)
      throw BadInput("ids must be case numbers", "error.field.unknown", {{"field", "ids"}});
    if (std::find(out.begin(), out.end(), id.get<std::int64_t>()) == out.end()) out.push_back(id.get<std::int64_t>());
  }
  return out;
}

}  // namespace

WebResponse Dashboard::canned_answers(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    const auto role = caller.user().role;
    // Whoever answers cases picks from them; the head also sees the
    // retired ones, to bring one back.
    if (!staff::can_answer(role)) return refuse(403, "error.role.answer");
    const bool all = request.param("all") == "1" && role == staff::Role::kepala;
    json rows = json::array();
    for (const auto& a : storage_.canned_answers(caller.user().facility_id, all)) rows.push_back(canned_json(a));
    WebResponse response;
    response.body = json{{"answers", rows}, {"max", kMaxCannedAnswers}}.dump();
    return response;
  });
}

WebResponse Dashboard::add_canned_answer(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (caller.user().role != staff::Role::kepala) return refuse(403, "error.role.canned");
    try {
      auto a = storage_.add_canned_answer(caller.user().facility_id, canned_words(json::parse(request.body)),
                                          caller.actor(), now_ms());
      core::log::info("dashboard: " + caller.user().username + " added canned answer " + std::to_string(a.id));
      WebResponse response;
      response.status = 201;
      response.body = canned_json(a).dump();
      return response;
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

WebResponse Dashboard::change_canned_answer(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (caller.user().role != staff::Role::kepala) return refuse(403, "error.role.canned");
    if (request.captures.size() < 2 || request.captures[0].size() > 15) return error(404, "there is no such canned answer");
    const auto id = std::stoll(request.captures[0]);
    const auto& action = request.captures[1];
    try {
      CannedAnswerChange change;
      if (action == "edit") change = {CannedAnswerChange::Kind::edit, canned_words(json::parse(request.body))};
      if (action == "retire") change.kind = CannedAnswerChange::Kind::retire;
      if (action == "restore") change.kind = CannedAnswerChange::Kind::restore;
      // Another facility's answer is not found, exactly as a made-up id.
      auto a = storage_.change_canned_answer(caller.user().facility_id, id, change, caller.actor(), now_ms());
      core::log::info("dashboard: " + caller.user().username + " " + action + " canned answer " + std::to_string(id));
      WebResponse response;
      response.body = canned_json(a).dump();
      return response;
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

// One action on many cases (issue 15 item 8). Each case is changed by the
// same storage call, with the same checks and history line, as when it is
// changed on its own page, each in its own transaction: a case the caller
// may not change (another facility's, a status the rules refuse, an owner
// who cannot hold it) is refused with its reason and the others are done,
// and no transaction holds the database's writer for two hundred cases at
// once. A retry with the same request_id does nothing twice: each case's
// action carries its own id derived from it.
WebResponse Dashboard::bulk_cases(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto role = caller.user().role;
    if (!staff::can_change_cases(role)) return refuse(403, "error.role.change");
    try {
      auto body = json::parse(request.body);
      const auto action = body.value("action", std::string());
      const auto ids = bulk_ids(body);
      const auto note = text_field(body, "note", reg::kMaxNoteChars, false);
      CaseChange change;
      if (action == "read") {
        change = StatusChange{reg::Status::diverifikasi, note};
      } else if (action == "close") {
        change = StatusChange{reg::Status::bukan_wewenang, note};
      } else if (action == "forward") {
        auto unit = text_field(body, "unit", 64, false);
        if (unit.empty()) throw BadInput("choose the unit", "error.case.unit_missing");
        change = Forward{known_unit(caller.user().facility_id, unit, "unit"), note};
      } else if (action == "assign") {
        if (!staff::may_own_cases(role)) return refuse(403, "error.role.owner");
        OwnerChange owner;
        owner.kind = OwnerChange::Kind::assign;
        owner.by_user_id = caller.user().id;
        owner.to_username = text_field(body, "to", 64, false);
        if (!owner.to_username.empty() && !staff::is_username(owner.to_username))
          throw BadInput("there is no account " + owner.to_username, "error.case.owner_unknown",
                         {{"user", owner.to_username}});
        change = owner;
      } else {
        return refuse(400, "error.no_action");
      }
      json results = json::array();
      std::size_t done = 0;
      for (auto id : ids) {
        auto actor = caller.actor();
        if (!actor.request_id.empty()) actor.request_id.append("-").append(std::to_string(id));
        try {
          auto c = storage_.change_case(case_scope(caller), id, change, actor, now_ms());
          results.push_back({{"id", id}, {"ok", true}, {"label", reg::register_label(c.number, c.year)},
                             {"status", reg::to_string(c.status)}});
          ++done;
        } catch (const StorageError& failure) {
          // The reason of this case alone, worded as its own page would.
          WebResponse why = failure.code() == StorageErrc::unavailable ? refuse(503, "error.busy")
                            : !failure.key().empty()                   ? refuse(409, failure.key(), failure.params())
                            : failure.code() == StorageErrc::not_found ? refuse(404, "case.not_found")
                                                                       : refuse(409, "error.failed");
          if (failure.code() == StorageErrc::failed) core::log::error(std::string("dashboard: ") + failure.what());
          localize(why, request.language);
          auto reason = json::parse(why.body);
          results.push_back({{"id", id}, {"ok", false}, {"code", reason["code"]}, {"error", reason["error"]}});
        }
      }
      core::log::info("dashboard: " + caller.user().username + " " + action + " on " + std::to_string(done) + " of " +
                      std::to_string(ids.size()) + " cases at once");
      WebResponse response;
      response.body = json{{"action", action}, {"done", done}, {"refused", ids.size() - done}, {"results", results}}.dump();
      return response;
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

}  // namespace kotak::server
