// What both engines ask when they claim reminders (issue 15 item 3;
// ReminderWindow in case_types.hpp): the cases whose reminder of a kind is
// due in the window and was never claimed. Placeholders are SQLite's;
// PostgreSQL reads them through pq::dollar_params. ?1 now, ?2 unread after,
// ?3 before due, ?4 late, ?5 limit; the bounds are written so that the
// partial indexes of version 14 find the rows.
#pragma once

#include <string_view>

#include "server/storage/storage.hpp"

namespace kotak::server::rows {

inline constexpr std::string_view kUnreadDue = R"sql(
WHERE c.status = 'baru'
  AND c.received_ms <= CAST(?1 AS BIGINT) - CAST(?2 AS BIGINT)
  AND c.received_ms > CAST(?1 AS BIGINT) - CAST(?2 AS BIGINT) - CAST(?4 AS BIGINT)
  AND NOT EXISTS (SELECT 1 FROM case_reminders r WHERE r.case_id = c.id AND r.kind = 'unread')
  AND CAST(?3 AS BIGINT) >= 0
ORDER BY c.received_ms, c.id LIMIT ?5
)sql";

inline constexpr std::string_view kUnansweredDue = R"sql(
WHERE c.status IN ('baru', 'diverifikasi', 'diteruskan') AND c.first_answer_ms IS NULL
  AND c.due_ms <= CAST(?1 AS BIGINT) + CAST(?3 AS BIGINT)
  AND c.due_ms > CAST(?1 AS BIGINT) + CAST(?3 AS BIGINT) - CAST(?4 AS BIGINT)
  AND c.due_ms > CAST(?1 AS BIGINT)
  AND NOT EXISTS (SELECT 1 FROM case_reminders r WHERE r.case_id = c.id AND r.kind = 'unanswered')
  AND CAST(?2 AS BIGINT) >= 0
ORDER BY c.due_ms, c.id LIMIT ?5
)sql";

inline std::string_view reminder_name(ReminderKind kind) {
  return kind == ReminderKind::unread ? "unread" : "unanswered";
}

}  // namespace kotak::server::rows
