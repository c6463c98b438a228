// What identifies a patient, each read on request and on record (see
// dashboard.hpp): a case's contact details, its recording (a voice
// identifies its speaker), and the log of who opened them.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "server/dashboard/byte_range.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/dashboard/form_input.hpp"
#include "server/register/personal_data.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {
// The access log shows this many of the newest views.
constexpr std::size_t kMaxIdentityViews = 1000;
}  // namespace

WebResponse Dashboard::identity(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    if (!staff::can_see_identity(caller.user().role))
      return refuse(403, "error.role.identity");
    auto id = case_id(request);
    if (!id) return error(404, "there is no such case in your puskesmas");
    try {
      auto reason = text_field(json::parse(request.body), "reason", reg::kMaxNoteChars, false);
      // A rahasia identity: the complaint officer alone, with a reason on record.
      auto c = storage_.find_case(case_scope(caller), *id);
      if (!c) return error(404, "there is no such case in your puskesmas");
      if (c->identity_mode == core::IdentityMode::rahasia) {
        if (!staff::can_see_rahasia_identity(caller.user().role)) return refuse(403, "error.role.identity_rahasia");
        if (reason.empty()) throw BadInput("say why you open a rahasia identity", "error.identity.reason");
      }
      auto identity = storage_.case_identity(case_scope(caller), *id, caller.actor(), now_ms(), reason);
      core::log::info("dashboard: " + caller.user().username + " viewed the contact details of case " +
                      std::to_string(*id));
      return json_ok({{"name", identity.name},
                      {"phone", identity.phone},
                      {"address", identity.address},
                      {"email", identity.email}});
    } catch (const BadInput& bad) {
      return refuse(400, bad.key, bad.params);
    }
  });
}

WebResponse Dashboard::audio(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    const auto role = caller.user().role;
    // A voice identifies its speaker: a unit never hears it (it reads a
    // redacted text), and a rahasia complaint's voice is opened as its
    // identity is, by the complaint officer alone.
    if (role == staff::Role::unit) return refuse(403, "error.role.audio");
    auto id = case_id(request);
    if (!id) return error(404, "there is no such case in your puskesmas");
    auto c = storage_.find_case(case_scope(caller), *id);
    if (!c) return error(404, "there is no such case in your puskesmas");
    if (c->identity_mode == core::IdentityMode::rahasia && !staff::can_see_rahasia_identity(role))
      return refuse(403, "error.role.audio_rahasia");
    auto recording = storage_.case_recording(case_scope(caller), *id);
    if (!recording) return error(404, "this case has no recording (none was made, or it was erased)");
    if (c->identity_mode == core::IdentityMode::rahasia) {
      // Like opening its identity: a reason, and a line in the access log
      // (identity-views) for each listen. A player asks for the rest of
      // the file in ranges; only the request from its first byte is a new
      // listen.
      try {
        auto reason = text_field(json{{"reason", request.param("reason")}}, "reason", reg::kMaxNoteChars, false);
        if (reason.empty()) throw BadInput("say why you play a rahasia complaint's voice", "error.identity.reason");
        const bool from_start = request.range.empty() || request.range.rfind("bytes=0-", 0) == 0;
        if (from_start) {
          storage_.case_identity(case_scope(caller), *id, caller.actor(), now_ms(), reason);
          core::log::info("dashboard: " + caller.user().username + " played the rahasia recording of case " +
                          std::to_string(*id));
        }
      } catch (const BadInput& bad) {
        return refuse(400, bad.key, bad.params);
      }
    }
    return byte_range_response(recording->ogg, request.range, "audio/ogg");
  });
}

WebResponse Dashboard::identity_views(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    if (!staff::can_review_access(caller.user())) return refuse(403, "error.role.access_review");
    json rows = json::array();
    for (const auto& v : storage_.identity_views(caller.user().facility_id, kMaxIdentityViews))
      rows.push_back({{"case_id", v.case_id},
                      {"label", v.label},
                      {"identity_mode", core::to_string(v.identity_mode)},
                      {"at_ms", v.at_ms},
                      {"user", v.user},
                      {"reason", v.reason},
                      {"use", v.use},
                      {"channels", v.channels}});
    return json_ok({{"views", rows}});
  });
}

}  // namespace kotak::server
