// `kotak-server import BUNDLE`: a USB bundle from `kotak-sync export`, taken
// through the same ingest path as the network API (ingest.hpp), in batches,
// so importing twice or importing what was also synced changes nothing.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "core/bundle.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/ingest.hpp"

namespace kotak::server::admin {

namespace {

constexpr int kProblemsShown = 20;

struct Problems {
  int shown = 0;
  void report(const core::wire::ItemResult& result) {
    if (result.status != core::wire::ItemStatus::conflict &&
        result.status != core::wire::ItemStatus::invalid)
      return;
    if (shown++ < kProblemsShown)
      std::printf("  %s %s: %s\n", std::string(core::wire::to_string(result.status)).c_str(),
                  result.id.empty() ? "(no id)" : result.id.c_str(), result.reason.c_str());
  }
};

// Ingests the lines as one batch. A line that is not JSON at all would make
// the whole batch body unreadable, so it is reported on its own.
void ingest_lines(Storage& storage, const DeviceRef& device, std::vector<std::string>& lines,
                  std::size_t batch_items, IngestSummary& summary, Problems& problems) {
  std::string body = R"({"protocol":1,"submissions":[)";
  bool first = true;
  for (const auto& line : lines) {
    if (!nlohmann::json::accept(line)) {
      core::wire::ItemResult bad{"", core::wire::ItemStatus::invalid, "the line is not JSON"};
      add_to_summary(summary, {bad});
      problems.report(bad);
      continue;
    }
    body += (first ? "" : ",") + line;
    first = false;
  }
  body += "]}";
  lines.clear();
  if (first) return;
  auto results =
      ingest_batch(storage, device, body, batch_items, IngestSource::bundle, core::now().unix_ms);
  add_to_summary(summary, results);
  for (const auto& result : results) problems.report(result);
}

}  // namespace

int import_bundle(Storage& storage, const std::filesystem::path& path, std::size_t batch_items) {
  core::bundle::Reader reader(path);
  const auto& manifest = reader.manifest();
  DeviceRef device{manifest.facility_id, manifest.device_id};
  auto known = storage.device(device);
  if (!known)
    throw std::runtime_error("the bundle comes from device '" + device.device_id +
                             "' of facility '" + device.facility_id +
                             "', which is not enrolled on this server. Enroll it first "
                             "(kotak-server device add) or import on the right server.");
  if (known->revoked_ms)
    std::printf(
        "Note: device %s of %s is revoked; its bundle is imported because an operator "
        "brought it in person.\n",
        device.device_id.c_str(), device.facility_id.c_str());
  std::printf("Importing %lld submissions from %s of %s, exported %s\n",
              static_cast<long long>(manifest.count), device.device_id.c_str(),
              device.facility_id.c_str(), core::format_iso8601(manifest.created_at).c_str());
  IngestSummary summary;
  Problems problems;
  std::vector<std::string> lines;
  std::string line;
  while (reader.next(line)) {
    lines.push_back(std::move(line));
    if (lines.size() >= batch_items)
      ingest_lines(storage, device, lines, batch_items, summary, problems);
  }
  ingest_lines(storage, device, lines, batch_items, summary, problems);
  if (problems.shown > kProblemsShown)
    std::printf("  ... and %d more\n", problems.shown - kProblemsShown);
  std::printf(
      "Done: %lld new, %lld already here, %lld conflicts (recorded for staff), "
      "%lld invalid.\n",
      static_cast<long long>(summary.accepted), static_cast<long long>(summary.duplicate),
      static_cast<long long>(summary.conflict), static_cast<long long>(summary.invalid));
  return 0;
}

}  // namespace kotak::server::admin
