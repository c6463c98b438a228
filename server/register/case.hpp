// The complaint register (buku register): the case, its states and the rules
// between them, as DOMAIN.md describes the procedure of the two puskesmas
// SOPs. Plain data and pure functions, shared by the storage engines (which
// check a change inside their transaction) and the dashboard API.
//
// A case is one complaint, suggestion, compliment or question from any
// channel. Written kiosk submissions become cases at ingest; staff enter the
// others by hand. Each case gets a register number per facility per year
// (0007/2026), given in the order cases are recorded, without gaps, as in
// the paper register book it replaces.
//
// States (DOMAIN.md): baru → diverifikasi → diteruskan (to a unit) →
// ditanggapi (answered) → selesai; side exits bukan_wewenang (not ours) and
// arsip. Recording an answer moves an open case to ditanggapi by itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/submission.hpp"

namespace kotak::server::reg {

enum class Status { baru, diverifikasi, diteruskan, ditanggapi, selesai, bukan_wewenang, arsip };
inline constexpr Status kStatuses[] = {Status::baru,       Status::diverifikasi, Status::diteruskan,
                                       Status::ditanggapi, Status::selesai,      Status::bukan_wewenang,
                                       Status::arsip};

// Where a case came from (DOMAIN.md: all channels end in one register).
enum class Channel {
  kiosk,         // Kotak kiosk (written on the screen)
  kotak_saran,   // paper slip from the suggestion box
  sms_wa,        // SMS or WhatsApp
  telepon,       // telephone
  email,
  website,
  media_sosial,  // Instagram, Facebook, ...
  tatap_muka,    // face to face
  formulir,      // feedback form (form umpan balik)
  qr_ponsel,     // the patient's own phone, from the kiosk's QR code (issue 18)
};
inline constexpr Channel kChannels[] = {Channel::kiosk,   Channel::kotak_saran, Channel::sms_wa,
                                        Channel::telepon, Channel::email,       Channel::website,
                                        Channel::media_sosial, Channel::tatap_muka,
                                        Channel::formulir, Channel::qr_ponsel};

// How an answer went back to the person (DOMAIN.md step 3).
enum class AnswerChannel { telepon, sms_wa, email, website, tatap_muka, surat, papan };
inline constexpr AnswerChannel kAnswerChannels[] = {
    AnswerChannel::telepon, AnswerChannel::sms_wa, AnswerChannel::email, AnswerChannel::website,
    AnswerChannel::tatap_muka, AnswerChannel::surat, AnswerChannel::papan};

std::string_view to_string(Status status);
std::string_view to_string(Channel channel);
std::string_view to_string(AnswerChannel channel);
std::optional<Status> parse_status(std::string_view text);
std::optional<Channel> parse_channel(std::string_view text);
std::optional<AnswerChannel> parse_answer_channel(std::string_view text);

// Open cases count against their due time; closed ones do not.
bool is_open(Status status);
// Closed for good (selesai, bukan wewenang, arsip): the retention period of
// its contact details runs from then (ditanggapi is answered, not closed).
bool is_closed(Status status);
// The moves staff may make by hand. Recording an answer is not one of them
// (see answered_status).
bool allowed_transition(Status from, Status to);
std::vector<Status> next_statuses(Status from);
// The status after an answer is recorded: open cases become ditanggapi,
// others keep theirs.
Status answered_status(Status current);

// "0007/2026".
std::string register_label(std::int64_t number, int year);

// The contact details of a case: what a kiosk asks for (core::Identity)
// and an email address, which comes only with feedback staff record from
// another channel (an email, a letter). Kept apart from the text, shown only
// to the roles that may see them, each look on record (UU 27/2022).
struct Contact {
  std::string name;
  std::string phone;
  std::string address;
  std::string email;

  bool empty() const { return name.empty() && phone.empty() && address.empty() && email.empty(); }
  core::Identity identity() const { return {name, phone, address}; }
  static Contact from(const core::Identity& identity) {
    Contact c;
    c.name = identity.name;
    c.phone = identity.phone;
    c.address = identity.address;
    return c;
  }
};
inline constexpr std::size_t kMaxEmailChars = 254;

struct Answer {
  std::int64_t id = 0;
  AnswerChannel channel = AnswerChannel::telepon;
  std::string text;
  std::string officer;  // display name of the user who recorded it
  std::int64_t answered_ms = 0;  // when it was given (may be before it was recorded)
  std::int64_t recorded_ms = 0;
};

// One line of a case's history. detail is a small JSON object whose keys
// depend on action (e.g. {"from": "baru", "to": "diverifikasi"}).
struct Event {
  std::int64_t at_ms = 0;
  std::string user;  // display name; empty for the system (ingest)
  std::string action;
  std::string detail;
};

struct Case {
  std::int64_t id = 0;  // storage id, used in dashboard URLs
  std::string facility_id;
  int year = 0;
  std::int64_t number = 0;
  std::string public_id;  // UUID of the public ticket page (the submission's id for kiosk cases)
  std::string ticket;     // the kiosk's ticket code, or empty
  std::int64_t received_ms = 0;
  int utc_offset_min = 0;  // of the place it was received
  // The kiosk's own time, when its clock was more than a day ahead of the
  // server's: received_ms is then the arrival time (a suspect clock).
  std::optional<std::int64_t> claimed_ms;
  // How far received_ms can be trusted (issue 17 item 6): "" (not said),
  // "synchronised", "corrected" (received_ms is the kiosk's time plus its
  // boot's offset; claimed_ms the kiosk's own) or "uncertain" (the kiosk's
  // clock was not synchronised and its offset is not known).
  std::string clock;
  Channel channel = Channel::kiosk;
  std::string unit;
  core::FeedbackType type = core::FeedbackType::keluhan;
  bool urgent = false;
  std::optional<int> rating;  // the face given with a kiosk complaint
  core::IdentityMode identity_mode = core::IdentityMode::anonim;
  bool has_identity = false;  // contact details are stored (shown only on request)
  std::string content;
  // A spoken complaint (issue 11): the length of its recording, 0 when
  // none is kept (none was made, or retention or erasure removed it).
  // content is then what staff typed as its transcript.
  int voice_ms = 0;
  std::int64_t due_ms = 0;
  Status status = Status::baru;
  std::string forwarded_unit;
  std::string analysis;  // verification and analysis by the quality team
  std::string rtl;       // rencana tindak lanjut (follow-up plan)
  std::optional<std::int64_t> first_answer_ms;
  std::int64_t updated_ms = 0;
  // When it last became closed (selesai, bukan wewenang, arsip; unset while
  // open) and when its contact details were erased (retention, a request).
  std::optional<std::int64_t> closed_ms;
  std::optional<std::int64_t> identity_erased_ms;
  // The unit it was last forwarded to answers for itself (issue 15 item 2):
  // when it was forwarded, and the unit's answer to the complaint officer
  // (text, when, who; empty until it answers, cleared by a new forwarding).
  std::optional<std::int64_t> forwarded_ms;
  std::string unit_response;
  std::optional<std::int64_t> unit_response_ms;
  std::string unit_response_by;
  // The staff account that works the case (issue 15 item 1): a petugas,
  // mutu or kepala of its facility; unset while nobody has taken it. The
  // name is the account's display name, read with the case.
  std::optional<std::int64_t> owner_id;
  std::string owner_name;
  // Publication on the board.
  std::optional<std::int64_t> published_ms;
  std::string public_summary;
  std::string public_answer;
  // Only in a full read of one case.
  std::vector<Answer> answers;
  std::vector<Event> history;

  bool overdue(std::int64_t now_ms) const { return is_open(status) && now_ms > due_ms; }
  // Strongly negative: the lowest face, or marked urgent. Such cases are
  // pushed to open dashboards and mailed.
  bool alarming() const { return urgent || (rating && *rating == 1); }
};

// Limits of what staff type, checked by the API.
inline constexpr std::size_t kMaxSummaryChars = 1000;
inline constexpr std::size_t kMaxAnswerChars = 5000;
inline constexpr std::size_t kMaxNoteChars = 5000;

}  // namespace kotak::server::reg
