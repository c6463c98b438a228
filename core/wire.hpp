// The HTTP wire format shared by kotak-sync and kotak-server, version 1.
//
// POST /api/v1/submissions carries a batch:
//   {"protocol": 1, "submissions": [ITEM, ...]}
// and is answered with one result per item, in order:
//   {"protocol": 1, "results": [{"id": "...", "status": "accepted", "reason": ""}, ...]}
// status is accepted | duplicate (same id, same content: harmless) |
// conflict (same id, different content: recorded, never overwritten) |
// invalid (with the reason). The facility and device come from the bearer
// token, never from the body, so an ITEM carries neither.
//
// ITEM:
//   {"id": UUID, "created_at": "2026-11-23T12:47:00.123+07:00", "kind": "written",
//    "rating": 2, "unit": "poli-umum", "type": "keluhan", "text": "...",
//    "urgent": false, "identity_mode": "named",
//    "identity": {"name": "...", "phone": "...", "address": "..."},
//    "identity_sealed": BASE64,
//    "language": "id", "flags": ["burst"], "ticket": "K7M-4FX-9AC",
//    "skm": {"answers": {"U1": 3, ...}, "profile": {"sex": "P", ...}},
//    "replaces": UUID, "revision": 1,
//    "clock": {"synchronised": false, "boot": BOOT_ID},
//    "audio": {"ogg": BASE64, "ms": 4083}}
// Optional members are left out rather than sent as null.
//
// audio (issue 11, "Voice complaints") is a spoken complaint: Ogg/Opus as
// the kiosk recorded it, in base64, and its length in milliseconds; text may
// then be empty. canonical() names the bytes by their SHA-256 instead
// ({"ms": N, "sha256": HEX}), so the content hash covers every byte without
// hashing a 3 MB text. A server older than it refuses it as an unknown
// member (invalid): the kiosk quarantines that answer. Update the server
// before the kiosks.
//
// clock (issue 17 item 6) is the device clock when the answer was saved
// (clock_state.hpp); either member may be missing, and an item without it
// is "unknown", as every older kiosk sends. It is not content: canonical()
// leaves it out. A server older than it refuses it as an unknown member, so
// kotak-sync sends it only to a server that answers GET /api/v1/time.
//
// replaces and revision (both or neither) make a face a correction
// (submission.hpp): the patient changed the unit or the face within the
// follow-up, and the server counts the face answer's highest revision only.
// They were added to protocol 1 as optional members, so a kiosk that never
// sends them and a server that knows them speak as before. A server older
// than them refuses a correction as invalid (an unknown member): the kiosk
// quarantines it with that reason, and that server keeps counting the tap,
// so a face is still never counted twice. Update the server first.
//
// identity_sealed (instead of identity) is the identity sealed on the kiosk
// to the server's public key (core/seal.hpp): the kiosk cannot read it, the
// server opens it at ingest and from then on handles it as if it had come
// plain. The content hash (canonical below) is taken of the opened
// submission, so a sealed and a plain copy of one answer are duplicates.
// It was added to protocol 1 as an optional member: kiosks that never had a
// seal key send identity as before and are still accepted. A server older
// than sealing refuses identity_sealed as an unknown member (invalid): the
// kiosk quarantines that answer, so update the server before it hands out a
// seal key (only a server that has one hands it out).
//
// Decoding is strict: the wrong type, a missing or unknown member, an unknown
// kind, text over the limit, invalid UTF-8, deep nesting or a number out of
// range is an error with a reason, never a crash and never a guess. An error
// in one item makes only that item invalid.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/store.hpp"
#include "core/submission.hpp"

namespace kotak::core::wire {

inline constexpr int kProtocol = 1;
// Sent on every server response, so a client can tell the real server from a
// captive portal that answers 200 with a login page.
inline constexpr std::string_view kProtocolHeader = "X-Kotak-Protocol";
inline constexpr std::size_t kMaxBatchItems = 500;
inline constexpr std::size_t kMaxBatchBytes = 8 * 1024 * 1024;
// The largest item encode_submission makes: a recording at its limit in
// base64 and room for the rest at theirs (text, escaped, a sealed identity).
// kotak-sync's batch_bytes is never below it, so every batch, also one that
// carries the largest recording, stays within its byte bound.
inline constexpr std::size_t kMaxItemBytes = (kMaxAudioBytes + 2) / 3 * 4 + 128 * 1024;
inline constexpr int kMaxDepth = 16;
// A reason sent to a client (a result's or an error's) is cut to this many
// bytes: it may quote what the client sent, and kotak-sync reads reasons of
// at most 2000 characters and error bodies of at most 64 KB.
inline constexpr std::size_t kMaxReasonBytes = 1000;

// A whole-message error: not JSON, wrong shape, too big.
class WireError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ItemStatus { accepted, duplicate, conflict, invalid };
std::string_view to_string(ItemStatus status);

struct ItemResult {
  std::string id;
  ItemStatus status = ItemStatus::invalid;
  std::string reason;
  friend bool operator==(const ItemResult&, const ItemResult&) = default;
};

struct DecodedItem {
  std::string id;                        // as sent, even when the item is invalid (may be empty)
  std::optional<Submission> submission;  // set when valid
  std::string error;                     // why not, when invalid
};

// Encoding. Facility and device are not sent (the token says them).
std::string encode_submission(const Submission& submission);
std::string encode_batch(const std::vector<Submission>& submissions);
std::string encode_results(const std::vector<ItemResult>& results);

// Decoding. device_id and facility_id of decoded submissions are filled from
// the arguments (the server takes them from the token).
std::vector<DecodedItem> decode_batch(std::string_view body, const std::string& device_id,
                                      const std::string& facility_id,
                                      std::size_t max_items = kMaxBatchItems);
std::vector<ItemResult> decode_results(std::string_view body);

// The canonical text of a submission's content (sorted keys, no white space):
// the server compares it to tell a duplicate from a conflict.
std::string canonical(const Submission& submission);
// SHA-256 of canonical(), lower-case hex.
std::string content_hash(const Submission& submission);

// GET /api/v1/board: {"protocol": 1, "cursor": "...", "items": [BOARD_ITEM...]}
// where BOARD_ITEM is {"id","unit","type","summary","answer","published_at"}.
// With ?since=CURSOR equal to the current cursor the server answers
// {"protocol": 1, "cursor": CURSOR, "unchanged": true}.
// With ?tickets=1 (asked by kotak-sync since issue 15 item 5; an older
// kiosk would refuse the member) the answer also has "tickets":
// [TICKET...], where TICKET is {"ticket","status","answer","updated_at"}:
// where each of the asking kiosk's own tickets stands, newest first, at most
// kMaxBoardTickets, never anything about the reporter; the cursor then
// changes when a ticket's status or published answer does. status is the
// server's case status (a-z and '_', so a later server may add one);
// answer is empty until staff publish one.
inline constexpr std::size_t kMaxBoardTickets = 500;
struct Board {
  std::string cursor;
  bool unchanged = false;
  std::vector<BoardItem> items;
  std::optional<std::vector<TicketStatus>> tickets;  // nullopt: not asked or an older server
};
std::string encode_board(const Board& board);
Board decode_board(std::string_view body);

// GET /api/v1/settings: remote kiosk settings, checked for shape only here
// (the kiosk validates the content as it does its config).
// {"protocol": 1, "settings": {...}, "seal_key": BASE64}; returns the
// settings object as text. seal_key, when the server has one, is the public
// key kiosks seal contact details to (core/seal.hpp); it sits beside the
// settings, not in them, so kiosks older than sealing, which read the
// settings strictly, are not disturbed. With seal_key given, it receives
// that key ("" when the server sent none); WireError when it is not a key.
// "phone": {"url", "facility", "secret"}, the phone pages of the kiosk's QR
// code (issue 18), also sits beside them for the same reason, and is
// returned inside the settings' text as their "phone" member, which the
// kiosk reads (remote_settings.hpp).
std::string decode_settings(std::string_view body, std::string* seal_key = nullptr);

// POST /api/v1/device/key: the kiosk's bundle key (signing.hpp),
// {"protocol": 1, "public_key": BASE64}, answered with
// {"protocol": 1, "status": "registered" | "unchanged"} or an error (409:
// the device has another key, which only the server admin may replace).
std::string encode_key_registration(std::string_view public_key);
// The public key of a registration; WireError when it is not one.
std::string decode_key_registration(std::string_view body);

// POST /api/v1/enrol, the one request without a token: a kiosk redeems a
// one-time enrolment code (server/enrolment.hpp) with
// {"protocol": 1, "code": "K7QM-4XPD", "name": "kiosk-lobby-1"} (name: the
// device name it would like, used when the code names none) and gets
// {"protocol": 1, "facility": F, "device": D, "token": T}, with
// "seal_key": BASE64 (the settings' seal key) when the request carried the
// header X-Kotak-Seal-Key: 1 and the server has a key. Only then: a kiosk
// older than sealing reads this answer strictly and would refuse it, and a
// server older than sealing refuses an unknown member in the request.
struct EnrolmentRequest {
  std::string code;  // as typed; the server normalises it
  std::string name;  // "" : none
};
inline constexpr std::string_view kSealKeyHeader = "X-Kotak-Seal-Key";
struct Enrolled {
  std::string facility_id;
  std::string device_id;
  std::string token;
  std::string seal_key;  // "" : none sent
};
std::string encode_enrolment(const EnrolmentRequest& request);
EnrolmentRequest decode_enrolment(std::string_view body);  // WireError when malformed
std::string encode_enrolled(const Enrolled& enrolled);
Enrolled decode_enrolled(std::string_view body);  // WireError when malformed

// GET /api/v1/time: {"protocol": 1, "time_ms": N}, the server's clock, by
// which kotak-sync measures its own (docs/sync.md). A server without it
// answers 404: it knows nothing of device clocks.
std::string encode_server_time(std::int64_t unix_ms);
std::int64_t decode_server_time(std::string_view body);  // WireError when malformed

// POST /api/v1/device/clock: what kotak-sync measured,
// {"protocol": 1, "boot": BOOT_ID, "synchronised": false, "offset_ms": N,
//  "round_trip_ms": R} where offset_ms is the server's time minus the
// kiosk's (add it to a kiosk time of that boot to get the server's), and
// synchronised is left out when unknown. Answered with
// {"protocol": 1, "status": "recorded" | "ignored", "corrected": N}
// (ignored: the clock was synchronised, or the boot's offset was known).
inline constexpr std::int64_t kMaxClockOffsetMs = 100LL * 366 * 24 * 3600 * 1000;
inline constexpr std::int64_t kMaxRoundTripMs = 10 * 60 * 1000;
struct ClockReport {
  std::string boot_id;
  std::optional<bool> synchronised;
  std::int64_t offset_ms = 0;
  std::int64_t round_trip_ms = 0;
  friend bool operator==(const ClockReport&, const ClockReport&) = default;
};
std::string encode_clock_report(const ClockReport& report);
ClockReport decode_clock_report(std::string_view body);  // WireError when malformed

// POST /api/v1/device/health (issue 15 item 12): how the kiosk is, sent by
// kotak-sync at the end of each sync for the district's kiosk page,
// {"protocol": 1, "queue": N, "quarantined": N, "version": "1.4.0",
//  "disk_free_bytes": N, "clock_offset_ms": N}: answers still waiting after
// this sync, answers set aside, kotak-sync's version (1-40 of A-Z a-z 0-9
// . + ~ - _), free bytes of the file system of the kiosk database, and the
// clock offset measured this run (server minus kiosk). disk_free_bytes and
// clock_offset_ms are left out when unknown. A server without it answers 404.
inline constexpr std::int64_t kMaxHealthCount = 1'000'000'000;
inline constexpr std::int64_t kMaxDiskBytes = std::int64_t{1} << 53;
struct HealthReport {
  std::int64_t queue = 0;
  std::int64_t quarantined = 0;
  std::string version;
  std::optional<std::int64_t> disk_free_bytes;
  std::optional<std::int64_t> clock_offset_ms;
  friend bool operator==(const HealthReport&, const HealthReport&) = default;
};
std::string encode_health_report(const HealthReport& report);
HealthReport decode_health_report(std::string_view body);  // WireError when malformed

// Any server error body: {"protocol": 1, "error": "..."}.
std::string encode_error(std::string_view reason);
// The reason from an error body, or empty if it is not one.
std::string decode_error(std::string_view body);

}  // namespace kotak::core::wire
