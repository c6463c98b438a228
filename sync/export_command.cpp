// `kotak-sync export DIR`: the pending answers as a USB bundle
// (core/bundle.hpp) for a puskesmas with no network. Nothing is marked
// delivered: only the server's answer does that, so an answer exported and
// later also synced over the network arrives once (the second is a duplicate).
#include <cstdio>

#include "core/bundle.hpp"
#include "core/log.hpp"
#include "core/signing.hpp"
#include "core/store.hpp"
#include "sync/commands.hpp"

namespace kotak::sync {

namespace {

constexpr std::size_t kPage = 500;

}  // namespace

int export_bundle(const core::SyncConfig& config, const std::filesystem::path& dir) {
  auto store = core::Store::open(config.database, {.create = false, .quick_check = false});
  auto first = store.pending(1);
  if (first.empty()) {
    std::printf("Nothing to export: no answers are waiting to be sent.\n");
    return 0;
  }
  const auto& identity = first.front().submission;
  core::bundle::Writer writer(dir, identity.facility_id, identity.device_id, core::now());
  std::int64_t after_seq = 0;
  bool warned = false;
  // Page by page, so memory does not grow with the queue.
  while (true) {
    auto page = store.pending(kPage, after_seq);
    if (page.empty()) break;
    for (const auto& stored : page) {
      const auto& s = stored.submission;
      if (!warned && (s.facility_id != identity.facility_id || s.device_id != identity.device_id)) {
        core::log::warning("some answers were made under another facility or device id than " +
                           identity.facility_id + "/" + identity.device_id +
                           "; the server will file them all under that one");
        warned = true;
      }
      writer.add(s);
    }
    after_seq = page.back().seq;
  }
  auto count = writer.count();
  auto key = core::signing::load_or_create(config.signing_key_file);
  auto path = writer.finish(&key);
  core::log::info("exported " + std::to_string(count) + " answers to " + path.string());
  std::printf("Exported %lld answers to %s\n", static_cast<long long>(count), path.c_str());
  std::printf("Signed with this kiosk's key %s\n", key.public_key.c_str());
  std::printf("On the server: kotak-server import %s\n", path.c_str());
  std::printf(
      "They stay on this kiosk as waiting until the server confirms them over the "
      "network; sending them again then is harmless.\n");
  return 0;
}

int print_key(const core::SyncConfig& config) {
  auto key = core::signing::load_or_create(config.signing_key_file);
  std::printf("%s\n", key.public_key.c_str());
  std::fprintf(stderr,
               "This kiosk's bundle key (%s). On a server this kiosk never reaches:\n"
               "  kotak-server device key set --facility F --name N --key %s\n",
               config.signing_key_file.c_str(), key.public_key.c_str());
  return 0;
}

}  // namespace kotak::sync
