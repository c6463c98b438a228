// `kotak-server import BUNDLE`: a USB bundle from `kotak-sync export`, taken
// through the same ingest path as the network API (ingest.hpp), in batches,
// so importing twice or importing what was also synced changes nothing.
//
// Before anything is stored, the bundle is checked whole (checksums, count)
// and its signature verified against the key the server holds for the
// device (core/signing.hpp): an unsigned bundle, one signed with another key,
// a bad signature and a revoked device's bundle are refused with the reason.
//
// Batches are cut by bytes as well as by count: a batch body must stay under
// the wire format's 8 MB, and 500 complaints of 5,000 emoji each are 10 MB.
// Each batch is one transaction; an import that is killed half-way leaves
// whole batches stored, and importing the same bundle again stores the rest
// (the ones already there are duplicates), ending in the same state as an
// import that was never interrupted.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "core/bundle.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/ingest.hpp"

namespace kotak::server::admin {

namespace {

constexpr int kProblemsShown = 20;
// Half the wire format's limit: room for the batch's own brackets and commas
// is not the concern, a reader's copy of the body is.
constexpr std::size_t kBatchBytes = core::wire::kMaxBatchBytes / 2;

// The signature, checked against the key the server holds for the device.
void check_signature(const core::bundle::Reader& reader, const Device& device) {
  auto name = "device '" + device.ref.device_id + "' of facility '" + device.ref.facility_id + "'";
  auto set_key = "kotak-server device key set --facility " + device.ref.facility_id + " --name " +
                 device.ref.device_id + " --key KEY";
  if (device.revoked_ms)
    throw std::runtime_error("refused: " + name +
                             " is revoked, and so are its bundles. If the kiosk is trusted again, "
                             "give it a new token (kotak-server device token) first.");
  if (reader.signer().empty())
    throw std::runtime_error(
        "refused: the bundle is unsigned. Export it again with a kotak-sync that signs bundles "
        "(this version does).");
  if (device.public_key.empty())
    throw std::runtime_error("refused: the server knows no bundle key for " + name +
                             ". Sync the kiosk once over the network (it registers its key), or "
                             "run `kotak-sync key` on it and then " + set_key + ".");
  switch (reader.check_signature(device.public_key)) {
    case core::bundle::SignatureCheck::valid:
      return;
    case core::bundle::SignatureCheck::no_signature:
      throw std::runtime_error("refused: the bundle is unsigned.");
    case core::bundle::SignatureCheck::other_key:
      throw std::runtime_error(
          "refused: the bundle is signed with a key the server does not know for " + name +
          " (" + core::quote_prefix(reader.signer(), 60) +
          "). If that kiosk's key was replaced, check `kotak-sync key` on it, then " + set_key +
          "; otherwise the bundle is not from that kiosk.");
    case core::bundle::SignatureCheck::bad_signature:
      throw std::runtime_error(
          "refused: the bundle's signature does not match its contents: it was altered after "
          "export. Export it again on the kiosk.");
  }
}

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
struct Batches {
  Storage& storage;
  DeviceRef device;
  std::size_t batch_items;
  const SealKeys* seal_keys;
};

void ingest_lines(const Batches& to, std::vector<std::string>& lines, IngestSummary& summary,
                  Problems& problems) {
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
  auto results = ingest_batch(to.storage, to.device, body, to.batch_items, IngestSource::bundle,
                              core::now().unix_ms, to.seal_keys);
  add_to_summary(summary, results);
  for (const auto& result : results) problems.report(result);
}

}  // namespace

int import_bundle(Storage& storage, const std::filesystem::path& path, std::size_t batch_items,
                  const SealKeys* seal_keys) {
  core::bundle::Reader reader(path);
  const auto& manifest = reader.manifest();
  DeviceRef device{manifest.facility_id, manifest.device_id};
  auto known = storage.device(device);
  if (!known)
    throw std::runtime_error("the bundle comes from device '" + device.device_id +
                             "' of facility '" + device.facility_id +
                             "', which is not enrolled on this server. Enroll it first "
                             "(kotak-server device add) or import on the right server.");
  check_signature(reader, *known);
  std::printf("Importing %lld submissions from %s of %s, exported %s\n",
              static_cast<long long>(manifest.count), device.device_id.c_str(),
              device.facility_id.c_str(), core::format_iso8601(manifest.created_at).c_str());
  IngestSummary summary;
  Problems problems;
  Batches to{storage, device, batch_items, seal_keys};
  std::vector<std::string> lines;
  std::size_t bytes = 0;
  std::string line;
  while (reader.next(line)) {
    if (!lines.empty() && bytes + line.size() + 1 > kBatchBytes) {
      ingest_lines(to, lines, summary, problems);
      bytes = 0;
    }
    bytes += line.size() + 1;
    lines.push_back(std::move(line));
    if (lines.size() >= batch_items) {
      ingest_lines(to, lines, summary, problems);
      bytes = 0;
    }
  }
  ingest_lines(to, lines, summary, problems);
  if (problems.shown > kProblemsShown)
    std::printf("  ... and %d more\n", problems.shown - kProblemsShown);
  std::printf(
      "Done: %lld new, %lld already here, %lld conflicts (recorded for staff), "
      "%lld invalid.\n",
      static_cast<long long>(summary.accepted), static_cast<long long>(summary.duplicate),
      static_cast<long long>(summary.conflict), static_cast<long long>(summary.invalid));
  if (summary.invalid > 0)
    std::printf("The invalid ones were not stored (the reasons are above); once their cause is "
                "fixed (e.g. the seal key they were sealed to copied into %s), import the bundle "
                "again: what is here already is not counted twice.\n",
                seal_keys ? seal_keys->dir().c_str() : "the server's seal key folder");
  return 0;
}

}  // namespace kotak::server::admin
