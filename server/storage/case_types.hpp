// The register's requests and answers (storage.hpp): who makes a change,
// which cases a list shows, the changes a case can undergo, identity views
// and erasure, the data subject's requests, the public ticket and the
// recap's rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "server/register/case.hpp"
#include "server/staff/user.hpp"

namespace kotak::server {

// Who makes a change: written into the case's history. request_id is the
// browser's own id of one action (a UUID it sends again when it retries):
// a case change or a new case whose request_id was done before is not done
// again; the storage answers with the case as that action left it. So a
// retry after a lost answer (a server process that died, a proxy's 502)
// never doubles an answer or a case.
struct Actor {
  std::int64_t user_id = 0;
  std::string name;
  std::string request_id = {};  // "" for none (admin commands, tests)
};

// A background job's turn (the mailer): held by one process at a time
// among every process on the same storage, until destroyed. The holder's
// death (a crash, a SIGKILL) ends it too.
class JobLease {
 public:
  virtual ~JobLease() = default;
};

// Which cases a register list shows. Empty or unset fields do not filter.
struct CaseQuery {
  std::string facility_id;  // "" for every facility (admin)
  std::optional<std::int64_t> from_ms;  // received at or after
  std::optional<std::int64_t> to_ms;    // received before
  std::vector<reg::Status> statuses;
  std::string unit;
  std::optional<reg::Channel> channel;
  std::optional<core::FeedbackType> type;
  bool overdue_only = false;
  // Search: any of these matches (content contains text; ticket equal;
  // register number, with the year when given).
  std::string text;
  std::string ticket;
  std::optional<std::int64_t> number;
  std::optional<int> year;
  // Whether the text search looks into rahasia cases (not for a reader who
  // may not read their text: the district admin).
  bool rahasia_text = true;
  // A unit's inbox (issue 15 item 2): only cases forwarded to this unit
  // that are diteruskan or that it has answered ("" does not filter).
  std::string inbox_unit;
  // Owners (issue 15 item 1): only the cases this account owns ("Kasus
  // saya"), or only those nobody owns ("Belum ada pemilik").
  std::optional<std::int64_t> owner_id;
  bool unowned = false;
  // priority: open alarming cases, then overdue, then by due time, then closed newest first.
  enum class Sort { priority, newest, oldest, due } sort = Sort::priority;
  std::int64_t now_ms = 0;  // for overdue
  std::size_t limit = 50;
  std::size_t offset = 0;
  // Keyset paging (issue 13): the sort keys (case_list::keys_of) of the
  // case this page follows, or with `before` the case it precedes; empty:
  // from the first case (then offset, kept for old links, skips cases).
  std::vector<std::int64_t> after;
  bool before = false;
};

struct CasePage {
  std::vector<reg::Case> cases;  // without answers and history
  // Matching cases, for paging, counted up to case_list::kCountCap; when
  // more match, total is that and total_capped is set.
  std::int64_t total = 0;
  bool total_capped = false;
  // More cases follow this page in the query's direction (after the last
  // case; with `before`, before the first).
  bool more = false;
};

// A case entered by hand from another channel.
struct NewCase {
  std::string facility_id;
  core::Timestamp received;
  reg::Channel channel = reg::Channel::kotak_saran;
  std::string unit;
  core::FeedbackType type = core::FeedbackType::keluhan;
  bool urgent = false;
  core::IdentityMode identity_mode = core::IdentityMode::anonim;
  core::Identity identity;
  std::string content;
};

// The changes staff make to a case, one per call.
struct StatusChange {
  reg::Status to;
  std::string note;
};
struct Forward {
  std::string unit;
  std::string note;
};
struct NewAnswer {
  reg::AnswerChannel channel;
  std::string text;
  // When it was given; unset: now (or the case's received time, should a
  // kiosk's clock run ahead of the server's).
  std::optional<std::int64_t> answered_ms;
};
struct Review {
  std::string analysis;
  std::string rtl;
};
struct Details {
  std::string unit;
  core::FeedbackType type;
  bool urgent = false;
};
struct Publish {
  std::string summary;
  std::string answer;
};
struct Unpublish {};
// The answer of the unit a case is forwarded to, back to the complaint
// officer (issue 15 item 2): only while the case is diteruskan to that unit.
struct UnitResponse {
  std::string unit;  // the writer's unit
  std::string text;
  std::string by;    // the writer's display name
};
// Who owns a case (issue 15 item 1). take: the actor becomes the owner of
// a case nobody owns; hand_over: the owner gives it to a colleague; assign:
// anyone who works cases picks the owner (to_username "" for nobody). The
// engine reads the account named inside its transaction (`to`, unset when
// there is no such account) so that plan_edit checks it as stored.
struct OwnerChange {
  enum class Kind { take, hand_over, assign } kind = Kind::assign;
  std::string to_username;
  std::int64_t by_user_id = 0;  // the account making the change
  std::optional<staff::User> to = {};
};
// What a spoken complaint says, typed by staff (issue 11): it becomes the
// case's text; the history keeps the text before it.
struct Transcript {
  std::string text;
};
// Passing a case on to the agency it belongs to through SP4N-LAPOR!
// (issue 15 item 9): a "bukan wewenang" complaint, or one for the Dinas.
// The case keeps where it went as its history line "escalated" (numbered
// n = 1, 2, ... per case); the package itself (reports/lapor.hpp) is made
// from the case as it stands whenever it is downloaded, so an erasure
// reaches it too.
struct Escalate {
  std::string agency;          // instansi tujuan
  std::string category;        // kategori laporan
  std::string classification;  // pengaduan, aspirasi or permintaan_informasi
  std::string title;           // judul laporan
  bool with_identity = false;  // the reporter's name and phone go with it (bernama only)
  int earlier = 0;             // read by the engine in its transaction: times passed on before
};
// The tracking ID SP4N-LAPOR! gave escalation n once the officer filed it.
struct EscalationTracking {
  int n = 0;
  std::string tracking_id;
  int passed_on = 0;  // read by the engine in its transaction: times passed on so far
};
using CaseChange = std::variant<StatusChange, Forward, NewAnswer, Review, Details, Publish, Unpublish, UnitResponse,
                                OwnerChange, Transcript, Escalate, EscalationTracking>;

// Reminders before it is late (issue 15 item 3; notify/reminders.hpp):
// unread, once a case has been baru for reminder_after_ms of its arrival;
// unanswered, once no answer is recorded when due_ms - before_due_ms has
// come. A reminder more than late_ms past its moment is no longer sent (the
// head's daily digest lists what is overdue).
enum class ReminderKind { unread, unanswered };
struct ReminderWindow {
  std::int64_t now_ms = 0;
  std::int64_t unread_after_ms = 24 * 3600000LL;
  std::int64_t before_due_ms = 24 * 3600000LL;
  std::int64_t late_ms = 24 * 3600000LL;
};
struct ClaimedReminder {
  reg::Case c;  // without answers and history
  ReminderKind kind = ReminderKind::unread;
};

// One look at a case's contact details, for the access review (issue 14
// item 3).
struct IdentityView {
  std::int64_t case_id = 0;
  std::string label;  // register number
  core::IdentityMode identity_mode = core::IdentityMode::named;
  std::int64_t at_ms = 0;
  std::string user;
  std::string reason;  // "" when none was asked for
  // "reply": the details were used to send the answer to the patient
  // (through channels), not looked at; "" a look.
  std::string use;
  std::vector<std::string> channels;
};
// One from the columns every engine reads (detail: the event's JSON).
IdentityView identity_view(std::int64_t case_id, std::int64_t number, int year, const std::string& mode,
                           std::int64_t at_ms, std::string user, const std::string& detail);

// Retention and the rights of the data subject (issue 14 item 4, UU
// 27/2022): see server/retention.hpp and docs/dashboard.md "Privacy".
//
// Erasing a case's identity deletes its contact details (the kiosk's and
// those entered by hand, and those of any refused conflicting version) and
// replaces every finding of them (reg::redact) in the case's text, the
// kiosk submission's text, answers, analysis, RTL, public text and every
// earlier history line (identity-view reasons included); the case, its
// status, dates, faces and figures stay. Its history gets one line
// "identity_erased" {"by": "retention"|"request", "reason": ...} that holds
// no identity. Voice recordings (issue 11) are to be erased in the same
// place once they exist.
struct IdentityErasure {
  std::string facility_id;  // "" any (the retention job only)
  std::vector<std::int64_t> case_ids;
  std::string by;      // "retention" or "request"
  std::string reason;  // request: required, logged in subject_requests
};

// What a data subject is found by: an Indonesian mobile number however
// written (matched in its national form, 08...) or a part of the name;
// either matches. The dashboard checks the bounds (kMaxSubject*).
struct SubjectQuery {
  std::string facility_id;  // never "": a kepala's own facility
  std::string phone;        // national form (core::national_phone), or ""
  std::string name;         // at least kMinSubjectName characters, or ""
  std::string action;       // "search" or "export": how it is logged
  std::string reason;       // required, logged
  std::size_t limit = 100;
};
inline constexpr std::size_t kMinSubjectName = 3;
inline constexpr std::size_t kMaxSubjectName = 100;
inline constexpr std::size_t kMaxSubjectReason = 500;
inline constexpr std::size_t kMaxSubjectCases = 100;

// One case of a data subject, with its contact details.
struct SubjectCase {
  reg::Case c;  // without history; with answers
  reg::Contact contact;
};

// One search, export or erasure for a data subject, for the access review.
struct SubjectRequest {
  std::int64_t at_ms = 0;
  std::string user;
  std::string action;  // search, export, erase
  std::string reason;
  std::int64_t cases = 0;
};

// A spoken complaint's recording as the kiosk made it (wire.hpp "audio").
struct CaseRecording {
  std::string ogg;  // Ogg/Opus bytes
  int duration_ms = 0;
};

// What the public ticket page may show: nothing but these.
struct PublicTicket {
  reg::Status status = reg::Status::baru;
  std::string public_answer;  // empty unless the case is on the board
  std::string ticket;         // the code the patient has, "K7M-4FX-9AC" ("" for cases by hand)
};

// The raw figures of a monthly recap (reports/recap.hpp computes from them).
struct RecapCase {
  std::int64_t id = 0;
  std::string label;  // register number
  reg::Channel channel = reg::Channel::kiosk;
  core::FeedbackType type = core::FeedbackType::keluhan;
  std::string unit;
  reg::Status status = reg::Status::baru;
  std::int64_t received_ms = 0;
  int utc_offset_min = 0;
  std::optional<std::int64_t> first_answer_ms;
  bool rahasia = false;
  std::string content;
  // The unit it was last forwarded to ("" none), when, and when that unit
  // answered (issue 15 item 2).
  std::string forwarded_unit;
  std::optional<std::int64_t> forwarded_ms;
  std::optional<std::int64_t> unit_response_ms;
};
struct FaceCount {
  std::int64_t day = 0;  // local days since 1970-01-01
  std::string unit;
  int rating = 0;  // 1..4
  std::int64_t count = 0;
};
// The figures of a monthly recap as the engine counts them, never reading
// the month's cases as objects (issue 13: a 200,000-case month in bounded
// memory); reports/recap.hpp assembles the report from them. Durations are
// in milliseconds.
struct RecapGroup {  // the cases of one channel, type, status and unit
  std::string channel, type, status, unit;
  std::int64_t cases = 0;
  std::int64_t answered = 0;          // with a first answer
  std::int64_t deadline_base = 0;     // not bukan wewenang
  std::int64_t answered_in_time = 0;  // of those, answered within the deadline
};
struct RecapUnitFigures {  // per unit last forwarded to
  std::string unit;
  std::int64_t forwarded = 0, answered = 0;
  std::optional<double> median_ms, mean_ms;  // forwarding to the unit's answer
};
struct RecapFigures {
  std::vector<RecapGroup> groups;
  std::optional<double> median_answer_ms;  // received to first answer
  std::vector<RecapUnitFigures> units;
  std::vector<FaceCount> faces;  // face answers in the period, each once (no superseded row)
};
// A page of the month's cases, oldest first (received time, then id); the
// next page starts after the last case of this one.
struct RecapCursor {
  std::int64_t received_ms = 0, id = 0;
};

}  // namespace kotak::server
