// The one path by which submissions enter the server. POST
// /api/v1/submissions and `kotak-server import` both hand it a batch body in
// the wire format; it decodes each item strictly (wire::decode_batch, with
// the facility and device of the token or bundle, never of the body),
// computes the content hash and lets the storage decide accepted, duplicate
// or conflict in one transaction. Because of that, a batch sent twice, a
// batch whose answer was lost, and a bundle imported twice all change
// nothing the second time.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/wire.hpp"
#include "server/seal_keys.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

// The batch holds more items than this server takes at once (its
// limits.max_batch_items); the API answers 413 so that the sender splits it.
class BatchTooLarge : public core::wire::WireError {
 public:
  using core::wire::WireError::WireError;
};

struct IngestSummary {
  std::int64_t accepted = 0;
  std::int64_t duplicate = 0;
  std::int64_t conflict = 0;
  std::int64_t invalid = 0;
};

// One result per item, in order. Throws wire::WireError when the body as a
// whole is unusable (not JSON, wrong shape), BatchTooLarge for more than
// max_items, and
// StorageError when the storage fails (nothing of the batch is then stored).
//
// A sealed identity (identity_sealed) is opened with seal_keys (none: no
// key to open it with) and then stored and hashed as a plain one would be;
// one that does not open (another server's key, altered, moved onto another
// submission) makes its item invalid with the reason, so the kiosk keeps
// it in quarantine and an import reports it: never dropped in silence. A
// seal key file that cannot be read is a StorageError (unavailable): the
// kiosk tries again later rather than quarantine good answers.
std::vector<core::wire::ItemResult> ingest_batch(Storage& storage, const DeviceRef& device,
                                                 std::string_view body, std::size_t max_items,
                                                 IngestSource source, std::int64_t now_ms,
                                                 const SealKeys* seal_keys);

// A kiosk clock this far ahead of the server's is suspect: its answers are
// stored, flagged and counted by their arrival time (IngestItem).
inline constexpr std::int64_t kSuspectAheadMs = 24 * 60 * 60 * 1000;

// The clock rules of one item (issue 17 item 6), given the offset known for
// its boot: an answer of an unsynchronised boot with a known offset is dated
// by the kiosk's time plus the offset (never after now) and keeps its own
// time in claimed_created_at (corrected); without an offset it is
// uncertain; a synchronised or unknown clock is taken as it is. A time more
// than a day ahead that was not corrected becomes the arrival time.
void judge_clock(IngestItem& item, std::optional<std::int64_t> boot_offset, std::int64_t now_ms);

void add_to_summary(IngestSummary& summary, const std::vector<core::wire::ItemResult>& results);

}  // namespace kotak::server
