// `kotak-sync enroll CODE`: the kiosk trades a one-time enrolment code
// (made by `kotak-server device code`) for its device token, so that no
// token file has to be carried to it. The token lands in server.token_file
// (mode 0600, written beside it first and renamed, so a power cut leaves
// the old file or the new one); then the kiosk's bundle key is registered
// with the new token.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/log.hpp"
#include "core/seal.hpp"
#include "core/store.hpp"
#include "core/submission.hpp"
#include "core/wire.hpp"
#include "sync/commands.hpp"
#include "sync/http_client.hpp"
#include "sync/key_registration.hpp"
#include "sync/token_file.hpp"

namespace kotak::sync {

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

// The server's seal key, into the kiosk database at once, so that the first
// complaint after enrolment is sealed even before the first sync.
void keep_seal_key(const core::SyncConfig& config, const std::string& seal_key) {
  try {
    auto store = core::Store::open(config.database);
    store.set_seal_key(seal_key);
    std::printf("Contact details are sealed to the server's key %s from now on.\n",
                core::seal::key_id(seal_key).c_str());
  } catch (const std::exception& error) {
    core::log::warning(std::string("the server's seal key could not be kept yet (") +
                       error.what() + "); the next sync brings it again");
  }
}

}  // namespace

int enroll(const core::SyncConfig& config, const EnrollOptions& options,
           const std::atomic<bool>& stop) {
  std::string name = options.name.empty() ? host_name() : options.name;
  if (!core::is_identifier(name)) {
    core::log::error("the kiosk's name '" + name +
                     "' is not usable: give it with --name (1 to 64 of A-Z a-z 0-9 . _ -, e.g. "
                     "kiosk-lobby-1)");
    return 2;
  }
  std::string server = options.server_url.empty() ? config.server_url : options.server_url;
  if (server.empty()) {
    core::log::error("no server to enrol with: give --server URL or set server.url in " +
                     config.file.string());
    return 2;
  }
  // Before the code is spent: is there somewhere to put the token?
  TokenFileWriter token_file(config.token_file);

  HttpClient http(http_settings(config, server, "", &stop));
  auto reply = http.post_json("/api/v1/enrol", core::wire::encode_enrolment({options.code, name}),
                              {std::string(core::wire::kSealKeyHeader) + ": 1"});
  const auto& answer = reply.answer;
  if (answer.transport != Transport::ok) {
    core::log::error("enrolment failed: the server at " + server +
                     " could not be reached: " + answer.transport_detail);
    return 1;
  }
  if (!answer.kotak) {
    core::log::error("enrolment failed: something that is not a Kotak server answered at " +
                     server + " (HTTP " + std::to_string(answer.status) +
                     "; a captive portal or a wrong address?)");
    return 1;
  }
  if (answer.status != 200) {
    core::log::error("enrolment refused (HTTP " + std::to_string(answer.status) +
                     "): " + answer.server_reason);
    return 1;
  }
  core::wire::Enrolled enrolled;
  try {
    enrolled = core::wire::decode_enrolled(reply.body);
  } catch (const core::wire::WireError& bad) {
    core::log::error(std::string("enrolment failed: the server's answer is unusable: ") +
                     bad.what() + ". The code may be spent: ask the admin for a new one.");
    return 1;
  }
  token_file.commit(enrolled.token);
  std::printf("Enrolled as device %s of facility %s; the token is in %s (mode 0600).\n",
              enrolled.device_id.c_str(), enrolled.facility_id.c_str(),
              config.token_file.c_str());
  if (server != config.server_url)
    std::printf("Set server.url = \"%s\" in %s so that kotak-sync delivers there.\n",
                server.c_str(), config.file.c_str());

  if (!enrolled.seal_key.empty()) keep_seal_key(config, enrolled.seal_key);
  std::fflush(stdout);  // before the key's log lines, in the order things happened

  // A new token (perhaps a new server): register the bundle key afresh.
  std::error_code ignored;
  auto marker = config.signing_key_file;
  marker += ".registered";
  std::filesystem::remove(marker, ignored);
  HttpClient with_token(http_settings(config, server, enrolled.token, &stop));
  ensure_key_registered(config, with_token);
  return 0;
}

}  // namespace kotak::sync
