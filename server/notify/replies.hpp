// The answer goes to the patient (issue 15 item 4): what the messages say,
// and the job that sends them.
//
// When the officer answers a case that has contact details and chooses to
// send, the dashboard composes one message per channel (reply_email,
// reply_sms) and the storage queues them (ReplyStorage::queue_replies), with the
// use of the contact details on record. A message holds the facility's
// name, the ticket code, the link to the ticket's public page and the
// answer: never the complaint's text or other contact details.
//
// ReplyJob is a thread of `serve`. Every reply.poll_s it takes the turn of
// the job (Storage::lease_job "replies": one process at a time, however
// many run on the database) and tries each queued message that is due:
// - email (via smtp) through the Mailer of [mail];
// - SMS via gammu: the first attempt writes the file into gammu-smsd's
//   outbox (sms.hpp); later rounds look where gammu put it: sent, error
//   folder (tried again with a new file), or still waiting, until
//   gammu_wait_h after queueing, when it is failed;
// - SMS via gateway: one HTTP request (sms_gateway.hpp).
// A failed attempt waits retry_s, doubled each time (at most 6 h), and
// after max_attempts the message is failed with its reason. A message sent
// becomes an answer of its case (channel email or sms_wa) in the same
// transaction that marks it sent. A process killed between sending and
// marking costs at most a second copy of that one message.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/config_reply.hpp"
#include "core/i18n.hpp"
#include "server/notify/mailer.hpp"
#include "server/notify/sms.hpp"
#include "server/periodic.hpp"
#include "server/storage/reply_storage.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

// What the patient is told besides the answer.
struct ReplyContext {
  std::string facility;  // the facility's name
  std::string ticket;    // the code the patient has
  std::string link;      // the ticket's public page
};

// The email: Bahasa Indonesia, then English, from the dashboard catalogs.
NewReply reply_email(const core::Catalog& id, const core::Catalog& en, const ReplyContext& context,
                     const std::string& answer, const std::string& address);
// The SMS, at most config.sms_max_chars: in Bahasa Indonesia only, since
// every word costs the patient's inbox a segment; the link says the rest.
NewReply reply_sms(const core::Catalog& id, const core::ReplyConfig& config, const ReplyContext& context,
                   const std::string& answer, const std::string& phone);

class ReplyJob {
 public:
  using SendMail = std::function<void(const MailMessage&)>;
  using SendSms = std::function<void(const std::string& phone, const std::string& text)>;
  // mail: Mailer::send (unset when mail is off); gateway: SmsGateway::send
  // (unset unless sms = "gateway").
  // storage: for the job's turn; replies: the messages.
  ReplyJob(Storage& storage, ReplyStorage& replies, const core::ReplyConfig& config, SendMail mail, SendSms gateway);
  void start() { periodic_.start(); }
  // One round at now_ms (the caller's clock: tests move it); the messages
  // that became sent or failed.
  int run_once(std::int64_t now_ms);

 private:
  int attempt(const Reply& reply, std::int64_t now_ms);
  int spool(const Reply& reply, std::int64_t now_ms);
  int settle(const Reply& reply, ReplyState state, int attempts, const std::string& error, std::int64_t now_ms);
  int retry_or_fail(const Reply& reply, int attempts, const std::string& error, std::int64_t now_ms);

  Storage& storage_;
  ReplyStorage& replies_;
  core::ReplyConfig config_;
  SendMail mail_;
  SendSms gateway_;
  std::optional<GammuSpool> spool_;
  Periodic periodic_;  // last: stops before the rest goes
};

}  // namespace kotak::server
