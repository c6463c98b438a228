// See api.hpp.
#include "server/api/api.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/digest.hpp"
#include "core/log.hpp"
#include "core/qr_token.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/ingest.hpp"
#include "server/tokens.hpp"

namespace kotak::server {

namespace wire = core::wire;

namespace {

constexpr std::size_t kMaxCursorChars = 128;
constexpr const char* kRetryAfterSeconds = "5";

ApiResponse json_response(std::string body) {
  ApiResponse response;
  response.body = std::move(body);
  return response;
}

std::string describe(const DeviceRef& device) {
  return device.facility_id + "/" + device.device_id;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

ApiResponse Api::error(int status, std::string_view reason) {
  ApiResponse response;
  response.status = status;
  response.body = wire::encode_error(reason);
  return response;
}

std::optional<DeviceRef> Api::authenticate(const ApiRequest& request, ApiResponse& refusal) {
  auto refuse = [&](std::string_view reason) {
    refusal = error(401, reason);
    refusal.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"kotak\"");
    return std::nullopt;
  };
  if (request.authorization.empty())
    return refuse("no device token: send the header Authorization: Bearer <token>");
  auto token = bearer_token(request.authorization);
  if (!token) return refuse("the Authorization header does not hold a Kotak device token");
  auto device = storage_.authenticate(hash_token(*token), core::now().unix_ms);
  if (!device) {
    core::log::warning("refused an unknown or revoked device token from " + request.remote);
    return refuse("the device token is unknown or was revoked; ask the server admin for a new one");
  }
  return device;
}

ApiResponse Api::storage_failure(const StorageError& failure, std::string_view what) {
  if (failure.code() == StorageErrc::unavailable) {
    core::log::warning(std::string(what) + ": " + failure.what());
    auto response = error(503, "the server cannot store or read data just now; try again later");
    response.headers.emplace_back("Retry-After", kRetryAfterSeconds);
    return response;
  }
  core::log::error(std::string(what) + ": " + failure.what());
  return error(500, "the server failed to " + std::string(what) + "; its log says why");
}

ApiResponse Api::post_submissions(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto results = ingest_batch(storage_, *device, request.body, limits_.max_batch_items,
                                IngestSource::network, core::now().unix_ms, seal_keys_);
    IngestSummary summary;
    add_to_summary(summary, results);
    core::log::info(describe(*device) + ": " + std::to_string(results.size()) +
                    " submissions: " + std::to_string(summary.accepted) + " accepted, " +
                    std::to_string(summary.duplicate) + " duplicate, " +
                    std::to_string(summary.conflict) + " conflict, " +
                    std::to_string(summary.invalid) + " invalid");
    return json_response(wire::encode_results(results));
  } catch (const BatchTooLarge& too_large) {
    return error(413, too_large.what());
  } catch (const wire::WireError& bad) {
    return error(400, bad.what());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "store submissions");
  }
}

ApiResponse Api::get_board(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    if (request.since && request.since->size() > kMaxCursorChars)
      return error(400, "'since' is longer than a board cursor can be");
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto snapshot = storage_.board(device->facility_id);
    wire::Board board;
    board.cursor = snapshot.cursor;
    if (request.tickets) {
      // The kiosk's own tickets change apart from the board: the cursor
      // says both, so that a changed status is never "unchanged".
      board.tickets = storage_.device_tickets(*device, wire::kMaxBoardTickets);
      std::string statuses;
      for (const auto& t : *board.tickets)
        statuses += t.ticket + '\n' + t.status + '\n' + std::to_string(t.updated_ms) + '\n' +
                    core::sha256_hex(t.answer) + '\n';
      board.cursor += ".t";
      board.cursor += core::sha256_hex(statuses).substr(0, 32);
    }
    if (request.since && *request.since == board.cursor) {
      board.unchanged = true;
      board.tickets.reset();
    } else {
      board.items = std::move(snapshot.items);
    }
    return json_response(wire::encode_board(board));
  } catch (const StorageError& failure) {
    return storage_failure(failure, "read the public board");
  }
}

ApiResponse Api::get_settings(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto stored = storage_.settings(device->facility_id);
    std::string json = stored ? stored->json : "{}";
    std::string etag = stored ? stored->etag : settings_etag(json);
    // A new seal key (rotation) is news to a kiosk even when the settings
    // are not.
    std::string seal_key = seal_public_key();
    if (!seal_key.empty()) etag = settings_etag(etag + "\n" + seal_key);
    // So is the phone pages' address and secret (never logged).
    nlohmann::json phone = phone_settings(device->facility_id, json);
    if (!phone.is_null()) etag = settings_etag(etag + "\n" + phone.dump());
    ApiResponse response;
    response.headers.emplace_back("ETag", etag);
    response.headers.emplace_back("Cache-Control", "no-cache");
    if (etag_matches(request.if_none_match, etag)) {
      response.status = 304;
      return response;
    }
    nlohmann::json body{{"protocol", wire::kProtocol}, {"settings", nlohmann::json::parse(json)}};
    if (!seal_key.empty()) body["seal_key"] = seal_key;
    if (!phone.is_null()) body["phone"] = phone;
    response.body = body.dump();
    return response;
  } catch (const StorageError& failure) {
    return storage_failure(failure, "read the kiosk settings");
  } catch (const nlohmann::json::exception& damaged) {
    core::log::error(std::string("the stored kiosk settings are not JSON: ") + damaged.what());
    return error(500, "the stored kiosk settings are damaged; set them again");
  }
}

nlohmann::json Api::phone_settings(const std::string& facility_id, const std::string& settings_json) {
  if (limits_.public_url.empty()) return nullptr;
  // A facility that keeps its district's SKM site names it in its settings.
  auto settings = nlohmann::json::parse(settings_json);
  if (settings.is_object() && settings.contains("skm_url")) return nullptr;
  std::string base = limits_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {{"url", base + "/s/" + facility_id},
          {"facility", facility_id},
          {"secret", storage_.phone_secret(facility_id, core::qr_token::new_secret(), core::now().unix_ms)}};
}

std::string Api::seal_public_key() {
  if (!seal_keys_) return {};
  try {
    if (auto key = seal_keys_->current()) return key->public_key;
  } catch (const std::runtime_error& damaged) {
    core::log::error(damaged.what());
  }
  return {};
}

ApiResponse Api::get_health() {
  try {
    storage_.check();
    nlohmann::json body{
        {"protocol", wire::kProtocol}, {"status", "ok"}, {"version", KOTAK_VERSION}};
    return json_response(body.dump());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "reach its database");
  }
}

ApiResponse Api::post_device_key(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto key = wire::decode_key_registration(request.body);
    auto outcome = storage_.register_device_key(*device, key, core::now().unix_ms);
    if (outcome == KeyRegistration::other_key) {
      core::log::warning(describe(*device) + " offered a bundle key other than the one it has");
      return error(409,
                   "this device already has another bundle key; if the kiosk's key was replaced, "
                   "the server admin sets the new one: kotak-server device key set --facility " +
                       device->facility_id + " --name " + device->device_id + " --key " + key);
    }
    if (outcome == KeyRegistration::registered)
      core::log::info(describe(*device) + " registered its bundle key");
    nlohmann::json body{
        {"protocol", wire::kProtocol},
        {"status", outcome == KeyRegistration::registered ? "registered" : "unchanged"}};
    return json_response(body.dump());
  } catch (const wire::WireError& bad) {
    return error(400, bad.what());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "register the device's bundle key");
  }
}

std::string settings_etag(std::string_view json) {
  std::string etag = core::sha256_hex(json).substr(0, 32);
  return '"' + etag + '"';
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    auto end = if_none_match.find(',', start);
    if (end == std::string_view::npos) end = if_none_match.size();
    auto candidate = trim(if_none_match.substr(start, end - start));
    if (candidate == "*") return true;
    if (candidate.rfind("W/", 0) == 0) candidate.erase(0, 2);
    if (!candidate.empty() && candidate == etag) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace kotak::server
