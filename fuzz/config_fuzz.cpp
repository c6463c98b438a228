// Fuzz target: the TOML config reader (core/config*.cpp and toml++ itself,
// compiled into the fuzz build with instrumentation). One input is one file,
// read as the config of each program whose own keys it names (the kiosk's
// "device", the sync agent's "sync", "token_file" or "backoff", the server's
// "listen", "threads", "limits", "session" or "mail"), or of all three when
// it names none: the parsing and checking they share runs either way, and
// reading each file three times would only slow the fuzzer down.
// Beyond "no crash, only ConfigError": every error names the file (a
// technician must find the mistake), and what loads keeps the rules the
// programs rely on.
#include "core/config.hpp"
#include "core/submission.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using namespace kotak::core;
using kotak::fuzz::check;

void check_units(const std::vector<Unit>& units) {
  for (const auto& unit : units)
    check(is_identifier(unit.id) && unit.label.count("id") == 1, "a unit has an id and a label");
}

template <typename Load>
void load(Load&& loader, const std::filesystem::path& file) {
  try {
    loader(file);
  } catch (const ConfigError& error) {
    std::string_view what = error.what();
    check(what.rfind(file.string(), 0) == 0, "a config error starts with the file's name", what);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = kotak::fuzz::scratch_dir() / "config.toml";
  auto text = kotak::fuzz::as_text(data, size);
  kotak::fuzz::write_file(file, text);
  auto names = [&](std::initializer_list<std::string_view> keys) {
    for (auto key : keys)
      if (text.find(key) != text.npos) return true;
    return false;
  };
  bool kiosk = names({"device"});
  bool sync = names({"sync", "token_file", "backoff"});
  bool server = names({"listen", "threads", "limits", "session", "mail"});
  bool all = !kiosk && !sync && !server;
  if (kiosk || all)
    load(
        [](const auto& path) {
          auto c = load_kiosk_config(path);
          check(is_identifier(c.facility_id) && is_identifier(c.device_id),
                "the kiosk's facility and device are identifiers");
          check(!c.languages.empty() && c.languages.front() == "id",
                "Bahasa Indonesia comes first");
          check(c.idle_timeout_s >= 15 && c.max_text_chars <= static_cast<int>(kMaxTextChars),
                "kiosk limits are in range");
          check_units(c.units);
        },
        file);
  if (sync || all)
    load(
        [](const auto& path) {
          auto c = load_sync_config(path);
          check(c.server_url.rfind("http", 0) == 0, "the sync agent has a server address");
          check(c.batch_items >= 1 && c.batch_items <= 500 &&
                    c.backoff_initial_ms <= c.backoff_max_ms,
                "sync limits are in range");
        },
        file);
  if (server || all)
    load(
        [](const auto& path) {
          auto c = load_server_config(path);
          check(c.threads >= 1 && c.max_batch_items >= 1 && c.max_body_bytes >= 1024,
                "server limits are in range");
          check_units(c.units);
          for (const auto& recipients : c.mail.recipients)
            check(!recipients.to.empty(), "mail recipients name at least one address");
        },
        file);
  return 0;
}
