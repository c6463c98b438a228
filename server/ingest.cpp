// See ingest.hpp.
#include "server/ingest.hpp"

#include <map>

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

// The offsets of the boots a batch names, each read once.
class BootOffsets {
 public:
  BootOffsets(Storage& storage, const DeviceRef& device) : storage_(storage), device_(device) {}
  std::optional<std::int64_t> of(const std::string& boot_id) {
    if (boot_id.empty()) return std::nullopt;
    auto [it, added] = known_.try_emplace(boot_id);
    if (added) it->second = storage_.clock_offset(device_, boot_id);
    return it->second;
  }

 private:
  Storage& storage_;
  const DeviceRef& device_;
  std::map<std::string, std::optional<std::int64_t>> known_;
};

}  // namespace

void judge_clock(IngestItem& item, std::optional<std::int64_t> boot_offset, std::int64_t now_ms) {
  const auto& clock = item.submission.clock;
  auto& created = item.submission.created_at;
  if (!clock.synchronised) {
    item.clock_trust = ClockTrust::unknown;
  } else if (*clock.synchronised) {
    item.clock_trust = ClockTrust::synchronised;
  } else if (boot_offset) {
    item.clock_trust = ClockTrust::corrected;
    item.claimed_created_at = created;
    created.unix_ms = std::min(created.unix_ms + *boot_offset, now_ms);
    return;
  } else {
    item.clock_trust = ClockTrust::uncertain;
  }
  // Never refused for its date (a kiosk with a wrong clock must not lose
  // answers), but not counted in a month that has not come yet either.
  if (created.unix_ms > now_ms + kSuspectAheadMs) {
    item.claimed_created_at = created;
    created = {now_ms, created.utc_offset_min};
  }
}

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
  BootOffsets offsets(storage, device);
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
    std::optional<std::int64_t> boot_offset;
    if (item.submission.clock.synchronised == false)
      boot_offset = offsets.of(item.submission.clock.boot_id);
    judge_clock(item, boot_offset, now_ms);
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
