// The storage of messages to the patient (issue 15 item 4, reply_types.hpp),
// beside the Storage interface and on the same database: each engine
// implements it in its replies.cpp with connections of its own, so that the
// feature adds no method to storage.hpp, which nearly every server file
// includes. The rules of storage.hpp hold: each method is one transaction,
// callable from many threads; every case method takes the facility ("" any).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "server/storage/case_types.hpp"
#include "server/storage/reply_types.hpp"

namespace kotak::server {

class ReplyStorage {
 public:
  virtual ~ReplyStorage() = default;

  // The messages of one answer, queued at now_ms, with the use of the
  // contact details on record (an identity_viewed line {"use": "reply"})
  // and a reply_queued line; a request id done before queues nothing
  // again. Returns the case's messages. not_found: no such case in the
  // facility.
  virtual std::vector<Reply> queue_replies(const std::string& facility_id, std::int64_t case_id,
                                           const std::vector<NewReply>& replies, const Actor& actor,
                                           std::int64_t now_ms) = 0;
  // The messages of a case, oldest first.
  virtual std::vector<Reply> case_replies(const std::string& facility_id, std::int64_t case_id) = 0;
  // Queued messages of every facility whose next attempt is due, oldest first.
  virtual std::vector<Reply> due_replies(std::int64_t now_ms, std::size_t limit) = 0;
  // Writes an attempt's outcome to a queued message (a final one is left
  // as it is). sent: the answer is recorded on the case with its channel
  // (email, sms_wa) by the officer who asked, with "reply" in its history
  // line; failed: a reply_failed line.
  virtual void update_reply(const ReplyUpdate& update) = 0;
  // The mail address of a case staff entered by hand (reg::Contact::email),
  // kept with its other contact details. not_found: no such case.
  virtual void set_case_email(const std::string& facility_id, std::int64_t case_id, const std::string& email) = 0;
};

// The reply storage on the database the config names (as open_storage, which
// must have opened and migrated it first). Throws StorageError.
std::unique_ptr<ReplyStorage> open_reply_storage(const core::ServerConfig& config);

}  // namespace kotak::server
