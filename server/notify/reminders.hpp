// Reminders before it is late (issue 15 item 3), a thread of `serve` beside
// the alert notifier (mailer.hpp), on the same SMTP settings.
//
// - A case still baru 1×24 h after it arrived (nobody has verified it: read
//   it) mails its owner, or the facility's petugas when nobody owns it (or
//   the owner has no address), once: "belum dibaca".
// - A case with no answer when one day of its due time is left (2×24 h of
//   the 3×24 h) mails the same people once: "sisa 1×24 jam".
// - Once a local day, at or after mail.digest_hour in the facility's own
//   time (the UTC offset of its newest case, which its kiosks report; the
//   server's when it has none), each kepala of the facility gets a digest
//   of its overdue cases, if there are any.
// - A kiosk that has not synced for a day (issue 15 item 12) mails the
//   facility's petugas, once per silence: its next sync ends the silence
//   (kiosk_outages.cpp). A silence older than a week is not mailed.
// A reminder more than a day past its moment is not sent (turning reminders
// on does not mail the whole past; the digest lists what is overdue).
//
// Each mail holds register numbers, due times and links to the case pages,
// in Bahasa Indonesia, then English: never the text or who sent it.
//
// Exactly once, also with several processes on one database: a round runs
// only in the process holding the job's turn (Storage::lease_job
// "reminders"), and each reminder or digest is claimed in the transaction
// that records it, which a second claim cannot pass. A mail that fails is
// released and tried again next round; a process killed between claim and
// send loses that one reminder rather than sending it twice.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "server/notify/mailer.hpp"
#include "server/periodic.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

class ReminderJob {
 public:
  using Send = std::function<void(const MailMessage&)>;
  // id and en: the dashboard's catalogs (assets/i18n/web); send: Mailer::send.
  ReminderJob(Storage& storage, const core::ServerConfig& config, core::Catalog id, core::Catalog en, Send send);
  void start() { periodic_.start(); }
  // One round at now_ms (the caller's clock: tests move it); the mails sent.
  int run_once(std::int64_t now_ms);

 private:
  int send_reminders(std::int64_t now_ms);
  int send_digests(std::int64_t now_ms);
  int send_kiosk_outages(std::int64_t now_ms);
  bool deliver(const MailMessage& message, const std::string& what);
  std::vector<std::string> case_addresses(const reg::Case& c);
  std::string facility_name(const std::string& id);
  std::string case_link(std::int64_t id) const;
  // "Indonesian text\n\n--- English ---\nEnglish text": each key in both.
  std::string both(const std::function<std::string(const core::Catalog&)>& text) const;

  Storage& storage_;
  core::ServerConfig config_;
  core::Catalog id_, en_;
  Send send_;
  std::map<std::string, std::int64_t> digest_done_;  // facility → local day, known in this process
  Periodic periodic_;  // last: stops before the rest goes
};

}  // namespace kotak::server
