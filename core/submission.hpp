// The submission: one answer given at a kiosk (a face, a written complaint or
// an SKM survey), the unit of storage, sync and deduplication. Its id is made
// on the device when the patient presses the last button and never changes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_state.hpp"
#include "core/timestamp.hpp"

namespace kotak::core {

enum class Kind { rating, written, skm };
enum class FeedbackType { saran, keluhan, pujian, pertanyaan };
enum class IdentityMode {
  anonim,   // no contact details; the case may be published without them
  named,    // contact details given so that staff can answer
  rahasia,  // confidential: contact details optional, the case is never public
};

// Contact details, stored apart from the text and shown only to the staff
// roles that answer complaints (UU 27/2022).
struct Identity {
  std::string name;
  std::string phone;
  std::string address;

  bool empty() const { return name.empty() && phone.empty() && address.empty(); }
  friend bool operator==(const Identity&, const Identity&) = default;
};

// The nine SKM elements (unsur) of Permenpan RB 14/2017, always stored by
// code (U1..U9), never by the position of a question on a screen.
inline constexpr int kSkmElements = 9;
inline constexpr std::array<std::string_view, kSkmElements> kSkmCodes = {
    "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"};

struct SkmProfile {
  std::string sex;         // "L" / "P" or empty
  std::string age_group;   // e.g. "25-34" or empty
  std::string education;   // SD, SMP, SMA, D3, S1, S2, S3 or empty
  std::string occupation;  // PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya or empty
  std::string service;     // unit id of the service received, or empty
  friend bool operator==(const SkmProfile&, const SkmProfile&) = default;
};

struct SkmResponse {
  // scores[i] is the 1..4 answer for kSkmCodes[i], or 0 when skipped.
  std::array<int, kSkmElements> scores{};
  SkmProfile profile;
  friend bool operator==(const SkmResponse&, const SkmResponse&) = default;
};

inline constexpr std::string_view kFlagBurst = "burst";               // tapped within the interval
inline constexpr std::string_view kFlagIdleTimeout = "idle_timeout";  // saved when the patient left

// A face is counted at the tap (DOMAIN.md, "Counting a face"). What the
// patient does after it within the follow-up (picks a unit, goes back and
// taps another face) is never written over a row that sync may already have
// delivered: it is a new rating submission, a correction, that names the
// face's first submission (the tap) in `replaces` and counts up `revision`
// (1, 2, ...). Of one face answer (the tap and its corrections) only the
// highest revision is counted, on the kiosk and on the server, whatever
// order they arrive in; the others stay stored, marked superseded.
inline constexpr int kMaxRevision = 1000;

struct Submission {
  std::string id;  // UUID, made on the device
  std::string device_id;
  std::string facility_id;
  Timestamp created_at;
  Kind kind = Kind::rating;
  std::optional<int> rating;  // face 1..4 (Tidak puas .. Sangat puas)
  std::string unit;           // unit id from config, empty if skipped
  std::optional<FeedbackType> type;
  std::string text;
  bool urgent = false;
  IdentityMode identity_mode = IdentityMode::anonim;
  Identity identity;
  // The identity sealed to the server's key (core/seal.hpp), base64; when
  // set, `identity` is empty: the kiosk cannot read what it stored.
  std::string sealed_identity;
  std::string language = "id";
  std::vector<std::string> flags;
  std::string ticket;  // for written complaints: the code the patient takes home
  std::optional<SkmResponse> skm;
  std::string replaces;  // a correction: the id of its face's first submission; else empty
  int revision = 0;      // 0 for the tap, 1.. for its corrections in order
  // A spoken complaint (written kind only): Ogg/Opus bytes as recorded on the
  // kiosk, and its length. Text may then be empty: staff type a transcript.
  std::string audio;
  int audio_ms = 0;
  // The device clock when the answer was saved: synchronised or not, and the
  // boot it was in (clock_state.hpp). Not content: the wire's canonical text
  // leaves it out, so the same answer is a duplicate whatever it says.
  ClockState clock;

  bool is_correction() const { return !replaces.empty(); }
  bool has_identity() const { return !identity.empty() || !sealed_identity.empty(); }
  bool has_flag(std::string_view flag) const;
  friend bool operator==(const Submission&, const Submission&) = default;
};

// Limits shared by the kiosk, the wire format and the server.
inline constexpr std::size_t kMaxTextChars = 5000;
inline constexpr std::size_t kMaxNameChars = 100;
inline constexpr std::size_t kMaxPhoneChars = 20;
inline constexpr std::size_t kMaxAddressChars = 300;
inline constexpr std::size_t kMaxIdChars = 64;
// A recording: at most this long (the kiosk's [kiosk] max_voice_seconds is
// checked against it) and this many bytes of Ogg/Opus (~16 kbit/s: 5
// minutes is ~600 kB; the bound leaves room for a busier encoder, and the
// kiosk stops recording before it).
inline constexpr int kMaxAudioSeconds = 300;
inline constexpr std::size_t kMaxAudioBytes = 1024 * 1024;
// A sealed identity: at most this many bytes once base64 is decoded (the
// JSON of the three fields at their limits in 4-byte characters, escaped,
// plus the box's 48 bytes), and as base64 text.
inline constexpr std::size_t kMaxSealedIdentityBytes = 4096;
inline constexpr std::size_t kMaxSealedIdentityChars = (kMaxSealedIdentityBytes + 2) / 3 * 4;

// Why a submission is not acceptable, in plain English for logs and for the
// technician's quarantine list; nullopt when it is valid.
std::optional<std::string> validate(const Submission& submission);

// A new random UUID (version 4, lower case): for what must not be guessed.
std::string new_uuid();
// A new submission's id: a UUID of version 7 (RFC 9562, lower case), the
// device clock's Unix milliseconds and then 74 random bits. Ids made one
// after another sort one after another, so an index of them (the server's,
// the kiosk's queue) grows at its end: with random ids each insert dirtied a
// random page of it, most of the server's write time at 100,000 and more.
// The milliseconds say no more than the submission's created_at does; the
// 74 random bits keep a written complaint's ticket link (/t/<id>) beyond
// guessing.
std::string new_submission_id();
// The same at a given Unix millisecond (for tests).
std::string new_submission_id(std::int64_t unix_ms);
bool is_uuid(std::string_view text);

std::string_view to_string(Kind kind);
std::string_view to_string(FeedbackType type);
std::string_view to_string(IdentityMode mode);
std::optional<Kind> parse_kind(std::string_view text);
std::optional<FeedbackType> parse_feedback_type(std::string_view text);
std::optional<IdentityMode> parse_identity_mode(std::string_view text);

// True for short identifiers (device, facility, unit): 1..64 of [A-Za-z0-9._-].
bool is_identifier(std::string_view text);

}  // namespace kotak::core
