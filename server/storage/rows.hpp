// What both engines write and read back the same way: the select lists of
// a case, a user and a device, the rows of a report, and how each row
// becomes the storage's types. A Row is a SQLite statement on its current
// row (core/sqlite.hpp) or a PostgreSQL result's row (postgres/pq.hpp): both
// read integer, optional_integer and text by column from 0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/schema_skm_counts.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::rows {

// Any UTC offset is within 14 hours: a report's indexed time range is
// widened by this much and the local day is then checked exactly.
inline constexpr std::int64_t kSlackMs = 15 * 3600000LL;
inline constexpr std::int64_t kDayMs = 86400000;

inline std::string join_flags(const std::vector<std::string>& flags) {
  std::string out;
  for (const auto& flag : flags) out += (out.empty() ? "" : ",") + flag;
  return out;
}

inline std::string_view source_name(IngestSource source) {
  return source == IngestSource::bundle ? "bundle" : "network";
}

// submissions.channel of a source: NULL for a kiosk's answer.
inline std::optional<std::string> channel_name(IngestSource source) {
  if (source == IngestSource::phone) return "ponsel";
  return std::nullopt;
}

inline reg::Channel case_channel(IngestSource source) {
  return source == IngestSource::phone ? reg::Channel::qr_ponsel : reg::Channel::kiosk;
}

// A case without answers and history; the columns case_from_row reads.
inline constexpr std::string_view kSelectCase = R"sql(
SELECT c.id, c.facility_id, c.year, c.number, c.public_id, c.ticket, c.received_ms,
       c.utc_offset_min, c.channel, c.unit, c.type, c.urgent, c.rating, c.identity_mode,
       CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.submission_id = c.submission_id)
              OR EXISTS (SELECT 1 FROM case_identities ci WHERE ci.case_id = c.id)
            THEN 1 ELSE 0 END,
       c.content, c.due_ms, c.status, c.forwarded_unit, c.analysis, c.rtl, c.first_answer_ms,
       c.updated_ms, c.published_ms, c.public_summary, c.public_answer,
       (SELECT s.claimed_created_at_ms FROM submissions s WHERE s.id = c.submission_id),
       (SELECT coalesce(s.clock, '') FROM submissions s WHERE s.id = c.submission_id),
       c.closed_ms, c.identity_erased_ms, c.forwarded_ms, c.unit_response, c.unit_response_ms,
       c.unit_response_by, c.owner_id,
       coalesce((SELECT u.display_name FROM users u WHERE u.id = c.owner_id), ''),
       coalesce((SELECT r.duration_ms FROM recordings r WHERE r.submission_id = c.submission_id), 0)
FROM cases c
)sql";

// The alarming cases after an id (?1) or recorded since a time (?3), of a
// facility (?2, "" for all): each half finds its rows by an index. The
// placeholders are SQLite's; PostgreSQL reads them as $1.. (postgres/).
inline constexpr std::string_view kAlarmingAfter = R"sql(
WHERE c.id IN (SELECT id FROM cases WHERE id > ?1 AND (?2 = '' OR facility_id = ?2)
                                      AND (urgent = 1 OR rating = 1)
               UNION
               SELECT id FROM cases WHERE recorded_ms >= ?3 AND (?2 = '' OR facility_id = ?2)
                                      AND (urgent = 1 OR rating = 1))
)sql";

template <typename Row>
reg::Case case_from_row(const Row& row) {
  reg::Case c;
  c.id = row.integer(0);
  c.facility_id = row.text(1);
  c.year = static_cast<int>(row.integer(2));
  c.number = row.integer(3);
  c.public_id = row.text(4);
  c.ticket = row.text(5);
  c.received_ms = row.integer(6);
  c.utc_offset_min = static_cast<int>(row.integer(7));
  c.channel = reg::parse_channel(row.text(8)).value_or(reg::Channel::kiosk);
  c.unit = row.text(9);
  c.type = core::parse_feedback_type(row.text(10)).value_or(core::FeedbackType::keluhan);
  c.urgent = row.integer(11) != 0;
  if (auto r = row.optional_integer(12)) c.rating = static_cast<int>(*r);
  c.identity_mode = core::parse_identity_mode(row.text(13)).value_or(core::IdentityMode::anonim);
  c.has_identity = row.integer(14) != 0;
  c.content = row.text(15);
  c.due_ms = row.integer(16);
  c.status = reg::parse_status(row.text(17)).value_or(reg::Status::baru);
  c.forwarded_unit = row.text(18);
  c.analysis = row.text(19);
  c.rtl = row.text(20);
  c.first_answer_ms = row.optional_integer(21);
  c.updated_ms = row.integer(22);
  c.published_ms = row.optional_integer(23);
  c.public_summary = row.text(24);
  c.public_answer = row.text(25);
  c.claimed_ms = row.optional_integer(26);
  c.clock = row.text(27);
  c.closed_ms = row.optional_integer(28);
  c.identity_erased_ms = row.optional_integer(29);
  c.forwarded_ms = row.optional_integer(30);
  c.unit_response = row.text(31);
  c.unit_response_ms = row.optional_integer(32);
  c.unit_response_by = row.text(33);
  c.owner_id = row.optional_integer(34);
  c.owner_name = row.text(35);
  c.voice_ms = static_cast<int>(row.integer(36));
  return c;
}

// A staff account; the columns user_from_row reads (then any others).
inline constexpr std::string_view kSelectUser =
    "SELECT id, username, display_name, coalesce(facility_id, ''), role, password_hash, "
    "created_ms, disabled_ms, coalesce(totp_secret, ''), coalesce(totp_pending, ''), totp_last_step, "
    "unit, dpo, email FROM users ";

template <typename Row>
staff::User user_from_row(const Row& row) {
  staff::User u;
  u.id = row.integer(0);
  u.username = row.text(1);
  u.display_name = row.text(2);
  u.facility_id = row.text(3);
  u.role = staff::parse_role(row.text(4)).value_or(staff::Role::petugas);
  u.password_hash = row.text(5);
  u.created_ms = row.integer(6);
  u.disabled_ms = row.optional_integer(7);
  return u;
}

// A unit account names its unit and no other account does; only the
// roles of staff::may_be_dpo may be the DPO. Both engines check before they
// write (the tables' CHECKs hold the same rule).
inline void check_account(staff::Role role, const std::string& unit, bool dpo) {
  if ((role == staff::Role::unit) != !unit.empty())
    throw StorageError(StorageErrc::invalid, "a unit account, and only a unit account, names its unit (--unit)",
                       "error.user.unit_missing");
  if (dpo && !staff::may_be_dpo(role))
    throw StorageError(StorageErrc::invalid, "only a petugas, mutu or kepala can be the data-protection officer",
                       "error.user.dpo_role");
}

// Disabling the last enabled admin would lock the district out: refused
// by both engines in the transaction that would do it.
[[noreturn]] inline void throw_last_admin(const std::string& username) {
  throw StorageError(StorageErrc::invalid,
                     "'" + username + "' is the last enabled admin; enable or add another admin first",
                     "error.last_admin");
}

// The second factor's columns of kSelectUser, from column `first` on.
template <typename Row>
void read_totp(const Row& row, int first, staff::User& u) {
  u.totp_secret = row.text(first);
  u.totp_pending = row.text(first + 1);
  u.totp_last_step = row.optional_integer(first + 2);
}
// A unit account's unit and the DPO flag, from column `first` on.
template <typename Row>
void read_unit_dpo(const Row& row, int first, staff::User& u) {
  u.unit = row.text(first);
  u.dpo = row.integer(first + 1) != 0;
}
template <typename Row>
staff::User full_user_from_row(const Row& row) {
  auto u = user_from_row(row);
  read_totp(row, 8, u);
  read_unit_dpo(row, 11, u);
  u.email = row.text(13);
  return u;
}

// What redeeming a known one-time code does: the one rule of both engines.
inline CodeOutcome code_outcome(std::int64_t expires_ms, std::optional<std::int64_t> used_ms, std::int64_t now_ms) {
  if (used_ms) return CodeOutcome::used;
  if (now_ms >= expires_ms) return CodeOutcome::expired;
  return CodeOutcome::accepted;
}

// A line of the log of account changes; the columns staff_log_from_row reads.
inline constexpr std::string_view kSelectStaffLog =
    "SELECT at_ms, actor_id, actor_name, action, target, coalesce(facility_id, ''), detail FROM staff_log ";

template <typename Row>
StaffLogEntry staff_log_from_row(const Row& row) {
  return {row.integer(0), row.optional_integer(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)};
}

// A device with the count of what it sent; the columns device_from_row reads.
inline constexpr std::string_view kSelectDevices = R"sql(
SELECT d.facility_id, d.name, d.created_ms, d.revoked_ms, d.last_seen_ms,
       (SELECT count(*) FROM submissions s WHERE s.facility_id = d.facility_id
                                              AND s.device_id = d.name),
       coalesce(d.public_key, ''), d.key_set_ms
FROM devices d
)sql";

template <typename Row>
Device device_from_row(const Row& row) {
  return Device{{row.text(0), row.text(1)}, row.integer(2), row.optional_integer(3),
                row.optional_integer(4), row.integer(5), row.text(6), row.optional_integer(7)};
}

// A case of a monthly recap: id, year, number, channel, type, unit, status,
// received_ms, utc_offset_min, first_answer_ms, identity_mode, content.
template <typename Row>
RecapCase recap_case_from_row(const Row& row) {
  RecapCase c;
  c.id = row.integer(0);
  c.label = reg::register_label(row.integer(2), static_cast<int>(row.integer(1)));
  c.channel = reg::parse_channel(row.text(3)).value_or(reg::Channel::kiosk);
  c.type = core::parse_feedback_type(row.text(4)).value_or(core::FeedbackType::keluhan);
  c.unit = row.text(5);
  c.status = reg::parse_status(row.text(6)).value_or(reg::Status::baru);
  c.received_ms = row.integer(7);
  c.utc_offset_min = static_cast<int>(row.integer(8));
  c.first_answer_ms = row.optional_integer(9);
  c.rahasia = row.text(10) == "rahasia";
  c.content = row.text(11);
  c.forwarded_unit = row.text(12);
  c.forwarded_ms = row.optional_integer(13);
  c.unit_response_ms = row.optional_integer(14);
  return c;
}

// The nine SKM scores from columns first..first+8 (NULL when skipped).
template <typename Row>
void read_scores(const Row& row, int first, core::SkmResponse& response) {
  for (int i = 0; i < core::kSkmElements; ++i)
    response.scores[static_cast<std::size_t>(i)] = static_cast<int>(row.optional_integer(first + i).value_or(0));
}

// A kiosk SKM response: day, unit, sex, age_group, education, occupation,
// u1..u9, channel ("ponsel": sent from the phone pages).
template <typename Row>
SkmRecord kiosk_response_from_row(const Row& row) {
  SkmRecord r;
  r.day = row.integer(0);
  r.unit = row.text(1);
  r.source = row.text(15) == "ponsel" ? SkmSource::ponsel : SkmSource::kiosk;
  r.response.profile = {row.text(2), row.text(3), row.text(4), row.text(5), r.unit};
  read_scores(row, 6, r.response);
  return r;
}

// The columns of skm_day_counts that day_count_from_row reads: day, unit,
// source, respondents, u1_1..u9_4.
inline std::string day_count_columns() { return "day, unit, source, " + skm_count_columns(); }

template <typename Row>
SkmDayCount day_count_from_row(const Row& row) {
  SkmDayCount d;
  d.day = row.integer(0);
  d.unit = row.text(1);
  d.source = parse_skm_source(row.text(2)).value_or(SkmSource::kiosk);
  d.respondents = row.integer(3);
  for (std::size_t e = 0; e < d.answers.size(); ++e)
    for (std::size_t a = 0; a < 4; ++a) d.answers[e][a] = row.integer(static_cast<int>(4 + e * 4 + a));
  return d;
}

// An imported SKM response: day, unit, source, u1..u9, sex, age_group,
// education, occupation.
template <typename Row>
SkmRecord imported_response_from_row(const Row& row) {
  SkmRecord r;
  r.day = row.integer(0);
  r.unit = row.text(1);
  r.source = parse_skm_source(row.text(2)).value_or(SkmSource::kertas);
  read_scores(row, 3, r.response);
  r.response.profile = {row.text(12), row.text(13), row.text(14), row.text(15), r.unit};
  return r;
}

}  // namespace kotak::server::rows
