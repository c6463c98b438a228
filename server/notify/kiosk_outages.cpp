// See reminders.hpp: the mail about a kiosk that has not synced for a day
// (issue 15 item 12). Each silence is claimed in the statement that marks it
// mailed (Storage::claim_kiosk_outages), so one process mails it once; a
// mail that fails is released for the next round. The mail names the kiosk,
// its facility and its last sync, and links the kiosks page: nothing a
// patient wrote.
#include "core/log.hpp"
#include "core/timestamp.hpp"
#include "server/notify/reminders.hpp"

namespace kotak::server {

namespace {

constexpr std::size_t kOutageBatch = 50;

}  // namespace

int ReminderJob::send_kiosk_outages(std::int64_t now_ms) {
  auto claimed = storage_.claim_kiosk_outages(now_ms - kKioskSilentMs,
                                              now_ms - kKioskSilentMs - kKioskOutageMailWindowMs,
                                              now_ms, kOutageBatch);
  int sent = 0;
  bool failing = false;
  for (const auto& h : claimed) {
    const auto& device = h.device;
    const std::string what = std::string("silence of kiosk ") + device.facility_id + "/" + device.device_id;
    if (failing) {
      storage_.release_kiosk_outage(device, now_ms);
      continue;
    }
    MailMessage m;
    for (const auto& u : storage_.users(device.facility_id))
      if (!u.disabled_ms && !u.email.empty() && u.role == staff::Role::petugas)
        m.to.push_back(u.email);
    if (m.to.empty()) {
      core::log::warning(std::string("reminders: nobody to mail the ") + what +
                         " to: give the facility's petugas a mail address (kotak-server user email)");
      continue;
    }
    const std::string facility = facility_name(device.facility_id);
    const int offset = storage_.facility_offset(device.facility_id)
                           .value_or(core::local_offset_minutes(now_ms / 1000));
    const std::string last = local_time(h.reported_ms, offset);
    const std::string link =
        (config_.public_url.empty() ? std::string() : config_.public_url) + "/app/#/kiosks";
    auto subject = [&](const core::Catalog& t) {
      return t.format("kiosk_mail.subject", {{"device", device.device_id}, {"facility", facility}});
    };
    m.subject = subject(id_) + " / " + subject(en_);
    m.body = both([&](const core::Catalog& t) {
      return t.get("kiosk_mail.intro") + "\n\n" + t.get("kiosks.device") + ": " + device.device_id +
             "\n" + t.get("case.facility") + ": " + facility + "\n" + t.get("kiosks.last_sync") +
             ": " + last + "\n" + t.format("kiosks.queue_n", {{"n", std::to_string(h.queue)}}) +
             "\n\n" + t.get("kiosk_mail.open") + "\n" + link + "\n";
    });
    if (deliver(m, what)) {
      ++sent;
    } else {
      storage_.release_kiosk_outage(device, now_ms);
      failing = true;
    }
  }
  return sent;
}

}  // namespace kotak::server
