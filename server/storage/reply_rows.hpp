// What both engines write and read of the messages to the patient (issue 15
// item 4, reply_types.hpp): the select list, how a row becomes a Reply, the
// queries (SQLite's placeholders; PostgreSQL reads them through
// pq::dollar_params), and the history lines, decided once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/storage/case_rules.hpp"
#include "server/storage/reply_types.hpp"

namespace kotak::server::rows {

inline constexpr std::string_view kSelectReply = R"sql(
SELECT r.id, r.case_id, c.facility_id, r.channel, r.via, r.destination, r.subject, r.body, r.answer, r.state,
       r.attempts, r.last_error, r.spool_name, r.created_ms, r.next_ms, r.done_ms, r.user_id, r.user_name
FROM case_replies r JOIN cases c ON c.id = r.case_id
)sql";

// ?1 the case, ?2 its facility ("" any).
inline constexpr std::string_view kCaseReplies =
    "WHERE r.case_id = ?1 AND (CAST(?2 AS TEXT) = '' OR c.facility_id = ?2) ORDER BY r.id";
// ?1 now, ?2 the limit.
inline constexpr std::string_view kDueReplies =
    "WHERE r.state = 'queued' AND r.next_ms <= ?1 ORDER BY r.next_ms, r.id LIMIT ?2";
// ?1 the message, queued still.
inline constexpr std::string_view kQueuedReply = "WHERE r.id = ?1 AND r.state = 'queued'";

inline constexpr std::string_view kInsertReply = R"sql(
INSERT INTO case_replies (case_id, channel, via, destination, subject, body, answer, state, created_ms, next_ms,
                          user_id, user_name)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?8, ?9, ?10)
)sql";

inline constexpr std::string_view kUpdateReply = R"sql(
UPDATE case_replies SET state = ?2, attempts = ?3, last_error = ?4, spool_name = ?5, next_ms = ?6, done_ms = ?7
WHERE id = ?1 AND state = 'queued'
)sql";

// ?1 the case, ?2 the address: a case entered by hand keeps it with its
// other contact details (a row of its own when it has none).
inline constexpr std::string_view kSetCaseEmail = R"sql(
INSERT INTO case_identities (case_id, name, phone, address, email) VALUES (?1, '', '', '', ?2)
ON CONFLICT (case_id) DO UPDATE SET email = excluded.email
)sql";

template <typename Row>
Reply reply_from_row(const Row& row) {
  Reply r;
  r.id = row.integer(0);
  r.case_id = row.integer(1);
  r.facility_id = row.text(2);
  r.channel = parse_reply_channel(row.text(3)).value_or(ReplyChannel::email);
  r.via = row.text(4);
  r.destination = row.text(5);
  r.subject = row.text(6);
  r.body = row.text(7);
  r.answer = row.text(8);
  r.state = parse_reply_state(row.text(9)).value_or(ReplyState::failed);
  r.attempts = static_cast<int>(row.integer(10));
  r.last_error = row.text(11);
  r.spool_name = row.text(12);
  r.created_ms = row.integer(13);
  r.next_ms = row.integer(14);
  r.done_ms = row.optional_integer(15);
  r.user_id = row.optional_integer(16).value_or(0);
  r.user_name = row.text(17);
  return r;
}

// The history lines of queueing: the use of the contact details, on record
// like a look at them (identity_viewed, use "reply"), and reply_queued.
std::string reply_use_detail(const std::vector<NewReply>& replies);
std::string reply_queued_detail(const std::vector<NewReply>& replies);
// A reply_failed line.
std::string reply_failed_detail(const Reply& reply, const std::string& error);
// The answer a sent message records on its case, by the officer who asked:
// plan_edit's, with "reply" and "via" in its history line; nullopt when the
// case takes no answer now (archived meanwhile): the message stays sent.
std::optional<CaseEdit> reply_answer(const reg::Case& before, const Reply& reply, std::int64_t now_ms);
Actor reply_actor(const Reply& reply);

}  // namespace kotak::server::rows
