// See key_registration.hpp.
#include "sync/key_registration.hpp"

#include <fstream>

#include "core/log.hpp"
#include "core/signing.hpp"
#include "core/wire.hpp"

namespace kotak::sync {

namespace {

std::filesystem::path marker_of(const std::filesystem::path& key_file) {
  auto marker = key_file;
  marker += ".registered";
  return marker;
}

std::string read_marker(const std::filesystem::path& marker) {
  std::ifstream in(marker);
  std::string key;
  in >> key;
  return key;
}

}  // namespace

KeyRegistrationOutcome register_device_key(HttpClient& http, const std::string& public_key) {
  auto reply = http.post_json("/api/v1/device/key", core::wire::encode_key_registration(public_key));
  const auto& answer = reply.answer;
  if (answer.transport != Transport::ok)
    return {false, "the server could not be reached: " + answer.transport_detail};
  if (!answer.kotak) return {false, "something that is not the Kotak server answered"};
  if (answer.status == 200) return {true, "the server holds this kiosk's bundle key"};
  return {false, "the server refused the bundle key (HTTP " + std::to_string(answer.status) +
                     "): " + answer.server_reason};
}

void ensure_key_registered(const core::SyncConfig& config, HttpClient& http) {
  try {
    auto key = core::signing::load_or_create(config.signing_key_file);
    auto marker = marker_of(config.signing_key_file);
    if (read_marker(marker) == key.public_key) return;
    auto outcome = register_device_key(http, key.public_key);
    if (!outcome.ok) {
      core::log::warning("bundle key not registered: " + outcome.detail +
                         ". USB bundles of this kiosk are refused until it is.");
      return;
    }
    std::ofstream(marker) << key.public_key << "\n";
    core::log::info("registered this kiosk's bundle key with the server");
  } catch (const std::exception& error) {
    core::log::warning(std::string("bundle key not registered: ") + error.what());
  }
}

}  // namespace kotak::sync
