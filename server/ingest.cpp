// See ingest.hpp.
#include "server/ingest.hpp"

#include "core/log.hpp"

namespace kotak::server {

using core::wire::ItemResult;
using core::wire::ItemStatus;

namespace {

// The keys to open sealed identities with, read once per batch and only
// when the batch holds one (another process may have rotated them).
class Opener {
 public:
  explicit Opener(const SealKeys* keys) : keys_(keys) {}

  // Opens s's sealed identity in place; the reason when it cannot.
  std::optional<std::string> open(core::Submission& s) {
    if (s.sealed_identity.empty()) return std::nullopt;
    if (!loaded_) {
      try {
        if (keys_) all_ = keys_->all();
      } catch (const std::runtime_error& damaged) {
        throw StorageError(StorageErrc::unavailable, damaged.what());
      }
      loaded_ = true;
    }
    auto opened = core::seal::open_identity(s.id, s.sealed_identity, all_);
    if (!opened.identity) return opened.error;
    s.identity = std::move(*opened.identity);
    s.sealed_identity.clear();
    // What was sealed is checked now as a plain identity would have been.
    return core::validate(s);
  }

 private:
  const SealKeys* keys_;
  bool loaded_ = false;
  std::vector<core::seal::KeyPair> all_;
};

}  // namespace

std::vector<ItemResult> ingest_batch(Storage& storage, const DeviceRef& device,
                                     std::string_view body, std::size_t max_items,
                                     IngestSource source, std::int64_t now_ms,
                                     const SealKeys* seal_keys) {
  // The wire format's own cap bounds the work done on a hostile body; the
  // server's configured limit (at most that cap) is checked after.
  auto decoded = core::wire::decode_batch(body, device.device_id, device.facility_id,
                                          core::wire::kMaxBatchItems);
  if (decoded.size() > max_items)
    throw BatchTooLarge("the batch has " + std::to_string(decoded.size()) +
                        " submissions; this server takes at most " + std::to_string(max_items) +
                        " at once");
  std::vector<ItemResult> results(decoded.size());
  std::vector<IngestItem> items;
  std::vector<std::size_t> positions;  // of items in results
  items.reserve(decoded.size());
  Opener opener(seal_keys);
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    results[i].id = decoded[i].id;
    if (!decoded[i].submission) {
      results[i].status = ItemStatus::invalid;
      results[i].reason = decoded[i].error;
      continue;
    }
    if (auto reason = opener.open(*decoded[i].submission)) {
      core::log::warning(device.facility_id + "/" + device.device_id + ": submission " +
                         decoded[i].id + " refused: " + *reason);
      results[i].status = ItemStatus::invalid;
      results[i].reason = std::move(*reason);
      continue;
    }
    std::string hash = core::wire::content_hash(*decoded[i].submission);
    IngestItem item{std::move(*decoded[i].submission), std::move(hash), std::nullopt};
    // Never refused for its date (a kiosk with a wrong clock must not lose
    // answers), but not counted in a month that has not come yet either.
    auto& created = item.submission.created_at;
    if (created.unix_ms > now_ms + kSuspectAheadMs) {
      item.claimed_created_at = created;
      created = {now_ms, created.utc_offset_min};
    }
    items.push_back(std::move(item));
    positions.push_back(i);
  }
  if (items.empty()) return results;
  auto outcomes = storage.ingest(device, items, source, now_ms);
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    ItemResult& result = results[positions[k]];
    switch (outcomes[k]) {
      case IngestOutcome::accepted:
        result.status = ItemStatus::accepted;
        break;
      case IngestOutcome::duplicate:
        result.status = ItemStatus::duplicate;
        result.reason = "already received with the same content";
        break;
      case IngestOutcome::conflict:
        result.status = ItemStatus::conflict;
        result.reason =
            "a different submission with this id was received earlier; this version was "
            "recorded for staff and the earlier one kept";
        break;
    }
  }
  return results;
}

void add_to_summary(IngestSummary& summary, const std::vector<ItemResult>& results) {
  for (const auto& result : results) {
    switch (result.status) {
      case ItemStatus::accepted:
        ++summary.accepted;
        break;
      case ItemStatus::duplicate:
        ++summary.duplicate;
        break;
      case ItemStatus::conflict:
        ++summary.conflict;
        break;
      case ItemStatus::invalid:
        ++summary.invalid;
        break;
    }
  }
}

}  // namespace kotak::server
