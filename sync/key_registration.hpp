// The kiosk's bundle key (core/signing.hpp) and its registration with the
// server. kotak-sync makes the key pair the first time it needs it (an
// export, or a sync run that finds no key registered yet) and registers the
// public key over the authenticated API after a successful sync. The server
// then verifies the kiosk's USB bundles against it. A key the server
// accepted is remembered in "<key file>.registered", so a run registers at
// most once. register_device_key is the one call that does it, so that
// enrolment (issue 17) can reuse it.
#pragma once

#include <string>

#include "core/config.hpp"
#include "sync/http_client.hpp"

namespace kotak::sync {

struct KeyRegistrationOutcome {
  bool ok = false;     // the server holds this key for the device now
  std::string detail;  // why not, or what happened
};

// POST /api/v1/device/key with the public key (base64).
KeyRegistrationOutcome register_device_key(HttpClient& http, const std::string& public_key);

// Makes the key pair when there is none and registers it unless the server
// already accepted this very key. Failures are logged, never fatal to a
// run: the deliveries matter more, and the next run tries again.
void ensure_key_registered(const core::SyncConfig& config, HttpClient& http);

}  // namespace kotak::sync
