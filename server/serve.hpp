// `kotak-server serve`: the ingest API until SIGTERM or SIGINT.
#pragma once

#include "core/config.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

// Serves until a stop signal; returns the process exit code. Prints
// "kotak-server listening on http://HOST:PORT" on stdout once bound (with
// port 0 in the config, the port the system chose) and tells systemd READY=1.
int serve(const core::ServerConfig& config, Storage& storage);

}  // namespace kotak::server
