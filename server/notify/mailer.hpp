// Mail to staff over SMTP with libcurl, and the notifier that mails the
// configured addresses when an urgent or strongly negative complaint
// arrives.
//
// What a notice holds: the register number, the facility, channel, unit,
// type, why it is flagged, the deadline and a link to the case in the
// dashboard. Never the complaint text or contact details: mail leaves the
// server and is kept in mailboxes nobody controls (UU 27/2022), so staff
// read the case in the dashboard, where each view is on record.
//
// The notifier is a thread of `serve`. Every mail.poll_s it asks the storage
// for alarming cases not yet mailed (recorded within the last two days, so
// turning mail on does not send the whole past), sends one message per case
// and marks it mailed; a failed send is logged and tried again next time.
// With several server processes on one database, a round runs only in the
// process holding the job's turn (Storage::lease_job), so a case is mailed
// once; a process killed between sending and marking costs at most a
// second notice of that case.
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "server/periodic.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

struct MailMessage {
  std::vector<std::string> to;
  std::string subject;
  std::string body;  // plain text, UTF-8, lines separated by \n
};

// A time as mail shows it: "2026-11-23 09:30 (UTC+07:00)".
std::string local_time(std::int64_t ms, int offset_min);

class Mailer {
 public:
  // Reads the password file (if any) now. Throws std::runtime_error.
  explicit Mailer(const core::MailConfig& config);
  // Sends one message; throws std::runtime_error with libcurl's reason.
  void send(const MailMessage& message) const;
  // The message as sent on the wire (headers and body, CRLF lines).
  std::string format(const MailMessage& message) const;

 private:
  core::MailConfig config_;
  std::string password_;
};

class Notifier {
 public:
  Notifier(Storage& storage, const core::ServerConfig& config, core::Catalog catalog);
  void start() { periodic_.start(); }
  // One round: mails what is waiting; returns the number of cases mailed.
  int run_once();

 private:
  MailMessage message_for(const reg::Case& c, const std::vector<std::string>& to,
                          const std::string& facility_name) const;
  Storage& storage_;
  core::ServerConfig config_;
  core::Catalog catalog_;
  Mailer mailer_;
  Periodic periodic_;  // last: stops before the rest goes
};

}  // namespace kotak::server
