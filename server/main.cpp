// kotak-server: the central collector. `serve` runs the kiosk API; the other
// commands are for the operator on the server machine. Exit codes: 0 done,
// 1 failed (the message says why and what to do), 2 wrong command line.
#include <sodium.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>

#include "core/config.hpp"
#include "core/log.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/admin/skm_cli.hpp"
#include "server/retention.hpp"
#include "server/serve.hpp"
#include "server/storage/storage.hpp"

namespace {

using namespace kotak;

struct Options {
  std::string config = "/etc/kotak/server.toml";
  std::string facility, name, token_file, bundle, settings_file;
  std::string id;
  std::string from;
  std::int64_t chunk_rows = 20000;
  std::string key;
  bool clear = false;
  bool rotate = false;
  bool json = false;
  std::size_t limit = 50;
  int hours = 24;
  std::optional<std::int64_t> at_ms;
  server::admin::UserOptions user;
};

void add_device_options(CLI::App* command, Options& o) {
  command->add_option("--facility", o.facility, "facility id, e.g. pkm-klaten-tengah")->required();
  command->add_option("--name", o.name, "device name within the facility, e.g. kiosk-lobby-1")
      ->required();
}

}  // namespace

int main(int argc, char** argv) {
  core::log::set_program("kotak-server");
  // SQLite's memory statistics (which nothing here reads) take a mutex
  // shared by every connection around each allocation: 8% of ingest's CPU.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  // A statement inside a transaction keeps what it changes in a statement
  // journal, so that it alone can be undone; past 64 KB (the default) the
  // journal goes to a temporary file. Storing a written complaint touches
  // more pages than that, so each one wrote six pages to a file it then
  // threw away: 15 pwrite(2) calls a submission at ingest, a third of the
  // server's CPU. Up to 4 MB a statement stays in memory (one statement at
  // a time per connection).
  sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20);
  if (sodium_init() < 0) {
    core::log::error("libsodium could not be initialised");
    return 1;
  }
  Options o;
  CLI::App app{"kotak-server: the Kotak ingest API and its admin commands"};
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--config", o.config, "server config file")->capture_default_str();

  // Each command: what it needs from the storage, run after the config is read.
  std::function<int(server::Storage&, const core::ServerConfig&)> action;
  // A command that opens its databases itself.
  std::function<int(const core::ServerConfig&)> config_action;

  auto* serve = app.add_subcommand("serve", "serve the kiosk API until SIGTERM");
  serve->callback([&] {
    action = [](server::Storage& s, const core::ServerConfig& c) { return server::serve(c, s); };
  });

  auto* facility = app.add_subcommand("facility", "puskesmas served by this server");
  facility->require_subcommand(1);
  auto* facility_add = facility->add_subcommand("add", "add a facility");
  facility_add->add_option("--id", o.id, "identifier, e.g. pkm-klaten-tengah")->required();
  facility_add->add_option("--name", o.name, "name, e.g. \"Puskesmas Klaten Tengah\"")->required();
  facility_add->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::facility_add(s, o.id, o.name);
    };
  });
  facility->add_subcommand("list", "list facilities")->callback([&] {
    action = [](server::Storage& s, const core::ServerConfig&) {
      return server::admin::facility_list(s);
    };
  });

  auto* device = app.add_subcommand("device", "kiosks and their tokens");
  device->require_subcommand(1);
  auto* device_add = device->add_subcommand("add", "enroll a device and print its token once");
  add_device_options(device_add, o);
  device_add->add_option("--token-file", o.token_file,
                         "write the token to this file (mode 0600) instead of printing it");
  device_add->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_add(s, {o.facility, o.name}, o.token_file);
    };
  });
  auto* device_token = device->add_subcommand("token", "give a device a new token");
  add_device_options(device_token, o);
  device_token->add_option("--token-file", o.token_file,
                           "write the token to this file (mode 0600) instead of printing it");
  device_token->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_token(s, {o.facility, o.name}, o.token_file);
    };
  });
  auto* device_revoke = device->add_subcommand("revoke", "refuse a device's token from now on");
  add_device_options(device_revoke, o);
  device_revoke->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_revoke(s, {o.facility, o.name});
    };
  });
  auto* device_key = device->add_subcommand("key", "the key that signs a device's USB bundles");
  device_key->require_subcommand(1);
  auto* key_show = device_key->add_subcommand("show", "print the device's bundle key");
  add_device_options(key_show, o);
  key_show->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_key_show(s, {o.facility, o.name});
    };
  });
  auto* key_set = device_key->add_subcommand(
      "set", "set or replace the device's bundle key (from `kotak-sync key` on the kiosk)");
  add_device_options(key_set, o);
  auto* key_option = key_set->add_option("--key", o.key, "the public key, base64");
  key_set->add_flag("--clear", o.clear, "remove the key (its bundles are refused)")->excludes(key_option);
  key_set->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_key_set(s, {o.facility, o.name}, o.clear ? "" : o.key, o.clear);
    };
  });
  auto* device_code =
      device->add_subcommand("code", "make a one-time code that enrols a kiosk (kotak-sync enroll)");
  device_code->add_option("--facility", o.facility, "facility id, e.g. pkm-klaten-tengah")
      ->required();
  device_code->add_option("--name", o.name,
                          "only for this existing device (a replaced kiosk); default: the kiosk "
                          "says its own name");
  device_code->add_option("--hours", o.hours, "how long the code works")->capture_default_str();
  device_code->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_code(s, {o.facility, o.name}, o.hours);
    };
  });

  auto* device_list = device->add_subcommand("list", "list devices");
  device_list->add_option("--facility", o.facility, "only this facility");
  device_list->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig&) {
      return server::admin::device_list(s, o.facility);
    };
  });

  auto* import = app.add_subcommand("import", "import a USB bundle made by kotak-sync export");
  import->add_option("BUNDLE", o.bundle, "the bundle folder (kotak-...)")->required();
  import->callback([&] {
    action = [&](server::Storage& s, const core::ServerConfig& c) {
      server::SealKeys keys(c.seal_key_dir);
      return server::admin::import_bundle(s, o.bundle,
                                          static_cast<std::size_t>(c.max_batch_items), &keys);
};
});

auto* seal_key = app.add_subcommand(
    "seal-key", "print the key kiosks seal contact details to (made when there is none)");
seal_key->add_flag("--rotate", o.rotate,
                   "make a new key for kiosks to seal to; the old one is kept to open what they "
                   "sealed before");
seal_key->callback([&] {
  action = [&](server::Storage&, const core::ServerConfig& c) {
    return server::seal_key_command(server::SealKeys(c.seal_key_dir), o.rotate);
  };
});

auto* settings = app.add_subcommand("settings", "remote kiosk settings of a facility");
settings->require_subcommand(1);
auto* settings_set = settings->add_subcommand("set", "set them from a JSON file");
settings_set->add_option("--facility", o.facility, "facility id")->required();
settings_set->add_option("FILE", o.settings_file, "JSON settings file")->required();
settings_set->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::settings_set(s, o.facility, o.settings_file);
  };
});
auto* settings_show = settings->add_subcommand("show", "print them");
settings_show->add_option("--facility", o.facility, "facility id")->required();
settings_show->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::settings_show(s, o.facility);
  };
});

auto* user = app.add_subcommand("user", "staff accounts of the dashboard");
user->require_subcommand(1);
auto* user_add = user->add_subcommand("add", "add a staff account (password from stdin or a file)");
user_add->add_option("--username", o.user.username, "what they type to log in, e.g. sari")->required();
user_add->add_option("--name", o.user.name, "their name as shown, e.g. \"Sari Wulandari\"");
user_add->add_option("--facility", o.user.facility, "their puskesmas (not for admin)");
user_add->add_option("--role", o.user.role, "petugas, mutu, kepala, unit or admin")->required();
user_add->add_option("--unit", o.user.unit, "the unit of a unit account (one of the facility's units, e.g. apotek)");
user_add->add_flag("--dpo", o.user.dpo, "the facility's data-protection officer (petugas, mutu or kepala)");
user_add->add_option("--email", o.user.email, "where reminders of their cases reach them (issue 15 item 3)");
user_add->add_option("--password-file", o.user.password_file, "read the password from this file");
user_add->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig& config) {
    return server::admin::user_add(s, config, o.user);
  };
});
auto* user_list = user->add_subcommand("list", "list staff accounts");
user_list->add_option("--facility", o.facility, "only this facility");
user_list->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) { return server::admin::user_list(s, o.facility); };
});
auto* user_password = user->add_subcommand("password", "set a new password (ends their sessions)");
user_password->add_option("--username", o.user.username, "the user")->required();
user_password->add_option("--password-file", o.user.password_file, "read the password from this file");
user_password->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) { return server::admin::user_password(s, o.user); };
});
for (bool disable : {true, false}) {
  auto* command = user->add_subcommand(disable ? "disable" : "enable",
                                       disable ? "refuse a user's log-ins from now on" : "allow them again");
  command->add_option("--username", o.user.username, "the user")->required();
  command->callback([&, disable] {
    action = [&, disable](server::Storage& s, const core::ServerConfig&) {
      return server::admin::user_disable(s, o.user.username, disable);
    };
  });
}
auto* user_dpo = user->add_subcommand(
    "dpo", "make a user the facility's data-protection officer (--off: no longer); they review identity views");
user_dpo->add_option("username,--username", o.user.username, "the user")->required();
user_dpo->add_flag("--off", o.user.dpo_off, "no longer the data-protection officer");
user_dpo->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::user_dpo(s, o.user.username, !o.user.dpo_off);
  };
});
auto* user_email = user->add_subcommand(
    "email", "set the address reminders reach a user at (\"\" for none): the owner of a case, petugas, kepala");
user_email->add_option("username,--username", o.user.username, "the user")->required();
user_email->add_option("email,--email", o.user.email, "the mail address, or \"\"")->required();
user_email->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::user_email(s, o.user.username, o.user.email);
  };
});
auto* user_totp_reset = user->add_subcommand(
    "totp-reset", "turn off a user's second factor (a lost phone); they log in with the password alone");
user_totp_reset->add_option("username,--username", o.user.username, "the user")->required();
user_totp_reset->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::user_totp_reset(s, o.user.username);
  };
});

server::admin::add_skm_commands(app, action);

auto* migrate = app.add_subcommand(
    "migrate-to-postgres",
    "copy a SQLite server database into the PostgreSQL database the config names (stop the server first)");
migrate->add_option("--from", o.from, "the SQLite file, e.g. /var/lib/kotak/server.db")->required();
migrate->add_option("--chunk-rows", o.chunk_rows, "rows per committed chunk")->capture_default_str()->check(
    CLI::Range(std::int64_t{1}, std::int64_t{1000000}));
migrate->callback([&] {
  config_action = [&](const core::ServerConfig& c) {
    return server::admin::migrate_to_postgres(c, o.from, o.chunk_rows);
  };
});

auto* stats = app.add_subcommand("stats", "count what has arrived");
stats->add_option("--facility", o.facility, "only this facility");
stats->add_flag("--json", o.json, "print JSON");
stats->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::stats(s, o.facility, o.json);
  };
});
auto* conflicts = app.add_subcommand("conflicts", "list submissions refused as conflicts");
conflicts->add_option("--facility", o.facility, "only this facility");
conflicts->add_option("--limit", o.limit, "at most this many")->capture_default_str();
conflicts->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig&) {
    return server::admin::conflicts(s, o.facility, o.limit);
  };
});

auto* retention = app.add_subcommand("retention", "erase contact details past their retention period");
retention->require_subcommand(1);
auto* retention_run = retention->add_subcommand(
    "run", "erase now what the nightly run would (cases closed more than retention.identity_days ago)");
retention_run->add_option("--at-ms", o.at_ms, "as if it were this time (ms since 1970, UTC); for tests");
retention_run->callback([&] {
  action = [&](server::Storage& s, const core::ServerConfig& config) {
    auto now = o.at_ms.value_or(core::now().unix_ms);
    auto run = server::run_retention(s, config.retention.identity_days, now);
    if (!run.ran) {
      std::printf("Another kotak-server process is running the retention job now; nothing done.\n");
      return 3;
    }
    std::printf("Erased the contact details of %lld cases closed more than %d days ago.\n",
                static_cast<long long>(run.erased), config.retention.identity_days);
    return 0;
  };
});

try {
  app.parse(argc, argv);
} catch (const CLI::ParseError& error) {
  int code = app.exit(error);
  return code == 0 ? 0 : 2;
}

try {
  auto config = core::load_server_config(o.config);
  if (config_action) return config_action(config);
  auto storage = server::open_storage(config);
  return action(*storage, config);
} catch (const std::exception& error) {
  // Config, storage and bundle errors all carry their own advice.
  core::log::error(error.what());
}
return 1;
}
