// The answer sent to the patient (issue 15 item 4; notify/replies.hpp): one
// outgoing message per channel, queued when the officer answers and sent by
// the reply job, with its state for the case page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::server {

// email through the SMTP Mailer; sms through gammu-smsd's spool or an HTTP
// gateway (`via` says which, as configured when it was queued).
enum class ReplyChannel { email, sms };
// queued: waiting for its next attempt (or, spooled, for gammu-smsd);
// sent and failed are final.
enum class ReplyState { queued, sent, failed };

std::string_view to_string(ReplyChannel channel);
std::string_view to_string(ReplyState state);
std::optional<ReplyChannel> parse_reply_channel(std::string_view text);
std::optional<ReplyState> parse_reply_state(std::string_view text);

// What the officer asked to send, composed by the dashboard.
struct NewReply {
  ReplyChannel channel = ReplyChannel::email;
  std::string via;          // "smtp", "gammu", "gateway"
  std::string destination;  // the mail address, or the number as +62...
  std::string subject;      // email only
  std::string body;         // exactly what goes out
  std::string answer;       // the officer's answer: recorded as the case's answer once sent
};

struct Reply {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string facility_id;
  ReplyChannel channel = ReplyChannel::email;
  std::string via;
  std::string destination;  // "" once the case's identity was erased
  std::string subject;
  std::string body;
  std::string answer;
  ReplyState state = ReplyState::queued;
  int attempts = 0;
  std::string last_error;
  std::string spool_name;  // the file written to gammu-smsd's outbox ("" none yet)
  std::int64_t created_ms = 0;
  std::int64_t next_ms = 0;  // the next attempt or look at the spool
  std::optional<std::int64_t> done_ms;
  std::int64_t user_id = 0;  // who asked
  std::string user_name;
};

// The outcome of one attempt, written by update_reply. state sent records
// the answer; failed is final; queued waits until next_ms.
struct ReplyUpdate {
  std::int64_t id = 0;
  ReplyState state = ReplyState::queued;
  int attempts = 0;
  std::string last_error;
  std::string spool_name;
  std::int64_t next_ms = 0;
  std::int64_t now_ms = 0;
};

}  // namespace kotak::server
