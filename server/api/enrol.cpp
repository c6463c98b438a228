// POST /api/v1/enrol (api.hpp): a kiosk trades a one-time enrolment code
// (server/enrolment.hpp) for its device token. The only API request without
// a token, so wrong codes are counted against the sender's address in the
// database, the way failed staff log-ins are (staff/rate_limit.hpp).
#include <string>

#include "core/log.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/enrolment.hpp"
#include "server/tokens.hpp"

namespace kotak::server {

namespace wire = core::wire;

namespace {

// What the limiter counts wrong codes under; staff account names are
// counted as typed, so this one cannot lock out a member of staff.
const std::string kEnrolAccount = "(enrolment code)";

std::string when(std::optional<std::int64_t> ms) {
  return ms ? core::format_iso8601({*ms, 0}) : std::string("?");
}

}  // namespace

ApiResponse Api::post_enrol(const ApiRequest& request) {
  try {
    auto now = core::now().unix_ms;
    if (auto wait = enrol_limiter_.wait_ms(kEnrolAccount, request.remote, now); wait > 0) {
      core::log::warning("enrolment from " + request.remote + " refused: too many wrong codes");
      auto response = error(429, "too many wrong enrolment codes; wait " +
                                     std::to_string((wait + 59'999) / 60'000) +
                                     " minutes and try again");
      response.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
      return response;
    }
    auto asked = wire::decode_enrolment(request.body);
    auto wrong = [&](int status, const std::string& reason) {
      enrol_limiter_.failed(kEnrolAccount, request.remote, now);
      core::log::info("enrolment from " + request.remote + " refused: " + reason);
      return error(status, reason);
    };
    auto code = normalise_enrolment_code(asked.code);
    if (!code) {
      // Appended piece by piece: GCC 12 sees a false overlap (-Wrestrict) in "'" + text.
      std::string reason = "'";
      reason += core::quote_prefix(asked.code, 20);
      reason += "' is not an enrolment code: a code is 8 letters and digits, like K7QM-4XPD";
      return wrong(400, reason);
    }
    std::string token = new_device_token();
    auto done = storage_.redeem_enrolment_code(hash_enrolment_code(*code), asked.name,
                                               hash_token(token), now);
    switch (done.outcome) {
      case EnrolmentOutcome::unknown:
        return wrong(403,
                     "this enrolment code is not known: check what was typed, or ask the admin "
                     "for a new code");
      case EnrolmentOutcome::used:
        return wrong(403, "this enrolment code was used already (" + when(done.at_ms) +
                              "); a code works once: ask the admin for a new one");
      case EnrolmentOutcome::expired:
        return wrong(403, "this enrolment code expired (" + when(done.at_ms) +
                              "); ask the admin for a new one");
      case EnrolmentOutcome::no_name:
        return error(400, "this code names no device: send the kiosk's name (device.id)");
      case EnrolmentOutcome::name_taken:
        return error(409, "facility " + done.device.facility_id + " has a device named '" +
                              done.device.device_id +
                              "' already: give this kiosk another name, or, if it replaces that "
                              "one, ask the admin for a code made for it (kotak-server device "
                              "code --facility " +
                              done.device.facility_id + " --name " + done.device.device_id + ")");
      case EnrolmentOutcome::enrolled:
      case EnrolmentOutcome::reenrolled:
        break;
    }
    enrol_limiter_.succeeded(kEnrolAccount, request.remote);
    core::log::info(done.device.facility_id + "/" + done.device.device_id +
                    (done.outcome == EnrolmentOutcome::enrolled ? " enrolled with a code from "
                                                                : " re-enrolled with a code from ") +
                    request.remote);
    ApiResponse response;
    wire::Enrolled enrolled{done.device.facility_id, done.device.device_id, token, {}};
    if (request.wants_seal_key) enrolled.seal_key = seal_public_key();
    response.body = wire::encode_enrolled(enrolled);
    // A token is a secret: no cache between here and the kiosk may keep it.
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  } catch (const wire::WireError& bad) {
    return error(400, bad.what());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "enrol a device");
  }
}

}  // namespace kotak::server
