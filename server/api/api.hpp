// API v1 for kiosks, as plain functions from a request to a response, so
// that the endpoints are tested without sockets and the HTTP library stays
// in one file (http_server.cpp).
//
//   POST /api/v1/submissions   Bearer token; a batch → one result per item
//   GET  /api/v1/board?since=C Bearer token; the facility's public board
//                              (&tickets=1: with the device's own tickets)
//   GET  /api/v1/settings      Bearer token; remote kiosk settings, ETag and
//                              If-None-Match (304 when unchanged)
//   GET  /api/v1/health        no token; 200 when the storage answers
//   POST /api/v1/device/key    Bearer token; the key that signs the device's
//                              USB bundles (409 when it has another one)
//   POST /api/v1/enrol         no token; a one-time enrolment code for the
//                              device's token (403 wrong, used or expired code;
//                              409 name taken; 429 too many wrong codes)
//   GET  /api/v1/time          Bearer token; the server's clock, by which
//                              kotak-sync measures the kiosk's
//   POST /api/v1/device/clock  Bearer token; the offset kotak-sync measured
//                              in a boot (device_clock.cpp)
//   POST /api/v1/device/health Bearer token; the kiosk's queue, quarantined,
//                              version, disk free, clock offset (device_health.cpp)
//
// Every response, errors included, is JSON with the X-Kotak-Protocol header
// (added by the HTTP layer), so that a kiosk can tell this server from a
// captive portal. Errors are {"protocol": 1, "error": "<reason>"}:
//   400 the body or a parameter is unusable      401 no or unknown token
//   404 no such endpoint                         405 wrong method
//   411 chunked body (send Content-Length)       413 body or batch too large (split it)
//   415 compressed or non-JSON body
//   503 storage unavailable (Retry-After: try later)   500 anything else
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/seal_keys.hpp"
#include "server/staff/rate_limit.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

struct ApiRequest {
  std::string authorization;  // the Authorization header, as sent
  std::string body;
  std::optional<std::string> since;  // ?since= of the board
  bool tickets = false;              // ?tickets=1 of the board
  std::string if_none_match;         // the If-None-Match header
  std::string remote;                // address, for logs
  bool wants_seal_key = false;       // X-Kotak-Seal-Key: 1 (enrolment, wire.hpp)
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON, or empty for 304
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ApiLimits {
  std::size_t max_batch_items = 500;
  // server.public_url: where phones reach the phone pages (issue 18). Set,
  // kiosks of a facility whose settings name no external skm_url get
  // {"phone": {"url", "facility", "secret"}} beside their settings and show
  // a fresh QR code of that page; "" : none (the kiosks' own skm_url).
  std::string public_url = {};
};

class Api {
 public:
  // seal_keys: the keys kiosks seal contact details to (null: none; sealed
  // ones are then refused as invalid and no key is handed out).
  Api(Storage& storage, ApiLimits limits, const SealKeys* seal_keys = nullptr)
      : storage_(storage),
        limits_(limits),
        seal_keys_(seal_keys),
        enrol_limiter_(storage, kEnrolAttempts, kEnrolAttemptsAnywhere, kEnrolWindowMs) {}

  // Wrong enrolment codes allowed per client address, and from everywhere,
  // within the window; past either the answer is 429 with Retry-After.
  static constexpr int kEnrolAttempts = 10;
  static constexpr int kEnrolAttemptsAnywhere = 200;
  static constexpr std::int64_t kEnrolWindowMs = 15 * 60 * 1000;

  ApiResponse post_submissions(const ApiRequest& request);
  ApiResponse get_board(const ApiRequest& request);
  ApiResponse get_settings(const ApiRequest& request);
  ApiResponse get_health();
  // POST /api/v1/device/key: the device registers its bundle key.
  ApiResponse post_device_key(const ApiRequest& request);
  // POST /api/v1/enrol: a kiosk redeems an enrolment code (enrol.cpp).
  ApiResponse post_enrol(const ApiRequest& request);
  // GET /api/v1/time and POST /api/v1/device/clock (device_clock.cpp).
  ApiResponse get_time(const ApiRequest& request);
  ApiResponse post_device_clock(const ApiRequest& request);
  // POST /api/v1/device/health (device_health.cpp).
  ApiResponse post_device_health(const ApiRequest& request);

  // A JSON error response with the reason.
  static ApiResponse error(int status, std::string_view reason);

 private:
  // The device of the request's token, or the 401 to send.
  std::optional<DeviceRef> authenticate(const ApiRequest& request, ApiResponse& refusal);
  // Turns a storage failure into 503 (try later) or 500.
  ApiResponse storage_failure(const StorageError& error, std::string_view what);

  // The current public seal key, "" when there is none (logged, not thrown:
  // a damaged key file must not stop settings or enrolment).
  std::string seal_public_key();
  // The phone member of a facility's settings answer, or null (see
  // ApiLimits::public_url).
  nlohmann::json phone_settings(const std::string& facility_id, const std::string& settings_json);

  Storage& storage_;
  ApiLimits limits_;
  const SealKeys* seal_keys_;
  staff::LoginLimiter enrol_limiter_;
};

// The ETag of a settings document: a quoted prefix of its SHA-256.
std::string settings_etag(std::string_view json);
// True when an If-None-Match value names etag (or is "*"); weak tags match.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace kotak::server
