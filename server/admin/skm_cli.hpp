// The command line of `kotak-server skm ...` (CLI11), apart from main.cpp so
// that each feature's commands stay with the feature.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "core/config.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::admin {

using Action = std::function<int(Storage&, const core::ServerConfig&)>;

// Adds `skm import`, `skm population` and `skm report`; the one chosen sets action.
void add_skm_commands(CLI::App& app, Action& action);

}  // namespace kotak::server::admin
