// See reminders.hpp.
#include "server/notify/reminders.hpp"

#include <exception>

#include "core/log.hpp"
#include "core/timestamp.hpp"

namespace kotak::server {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kHourMs = 3600000;
constexpr std::size_t kBatch = 50;
constexpr std::size_t kDigestCases = 100;  // listed in one digest; the rest is counted

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

// The enabled accounts of a facility with an address that `want` picks.
template <typename Want>
std::vector<std::string> addresses(const std::vector<staff::User>& users, Want want) {
  std::vector<std::string> out;
  for (const auto& u : users)
    if (!u.disabled_ms && !u.email.empty() && want(u)) out.push_back(u.email);
  return out;
}

}  // namespace

ReminderJob::ReminderJob(Storage& storage, const core::ServerConfig& config, core::Catalog id, core::Catalog en,
                         Send send)
    : storage_(storage),
      config_(config),
      id_(std::move(id)),
      en_(std::move(en)),
      send_(std::move(send)),
      periodic_("reminders", std::chrono::seconds(config.mail.poll_s),
                [this] { run_once(core::now().unix_ms); }) {}

int ReminderJob::run_once(std::int64_t now_ms) {
  auto turn = storage_.lease_job("reminders");
  if (!turn) return 0;
  return send_reminders(now_ms) + send_digests(now_ms) + send_kiosk_outages(now_ms);
}

std::string ReminderJob::both(const std::function<std::string(const core::Catalog&)>& text) const {
  return text(id_) + "\n\n--- English ---\n\n" + text(en_);
}

std::string ReminderJob::case_link(std::int64_t id) const {
  if (config_.public_url.empty()) return "/app/#/case/" + std::to_string(id);
  return config_.public_url + "/app/#/case/" + std::to_string(id);
}

std::string ReminderJob::facility_name(const std::string& id) {
  auto f = storage_.facility(id);
  return f ? f->name : id;
}

// The owner, when the case has one with an address; else the facility's
// petugas.
std::vector<std::string> ReminderJob::case_addresses(const reg::Case& c) {
  auto users = storage_.users(c.facility_id);
  if (c.owner_id) {
    auto owner = addresses(users, [&](const staff::User& u) { return u.id == *c.owner_id; });
    if (!owner.empty()) return owner;
  }
  return addresses(users, [](const staff::User& u) { return u.role == staff::Role::petugas; });
}

bool ReminderJob::deliver(const MailMessage& message, const std::string& what) {
  try {
    send_(message);
    core::log::info("reminders: " + what + " sent to " + std::to_string(message.to.size()) + " addresses");
    return true;
  } catch (const std::exception& failure) {
    core::log::error("reminders: " + what + ": " + failure.what() + "; trying again in " +
                     std::to_string(config_.mail.poll_s) + " s");
    return false;
  }
}

int ReminderJob::send_reminders(std::int64_t now_ms) {
  ReminderWindow window;
  window.now_ms = now_ms;
  auto claimed = storage_.claim_reminders(window, kBatch);
  int sent = 0;
  bool failing = false;
  for (const auto& r : claimed) {
    const auto& c = r.c;
    auto label = reg::register_label(c.number, c.year);
    const std::string kind = r.kind == ReminderKind::unread ? "unread" : "unanswered";
    auto what = kind + " reminder of case " + label + " of " + c.facility_id;
    // A failed send is released for the next round, with the rest of the
    // batch: the SMTP server is likely down.
    if (failing) {
      storage_.release_reminder(c.id, r.kind);
      continue;
    }
    MailMessage m;
    m.to = case_addresses(c);
    if (m.to.empty()) {
      core::log::warning("reminders: nobody to mail the " + what +
                         " to: give the owner or the facility's petugas a mail address (kotak-server user email)");
      continue;
    }
    auto facility = facility_name(c.facility_id);
    auto args = [&](const core::Catalog& t, const std::string& key) {
      return t.format(key, {{"number", label}, {"facility", facility}});
    };
    m.subject = args(id_, "reminder." + kind + ".subject") + " / " + args(en_, "reminder." + kind + ".subject");
    m.body = both([&](const core::Catalog& t) {
      return t.get("reminder." + kind + ".intro") + "\n\n" + t.get("case.number") + ": " + label + "\n" +
             t.get("case.facility") + ": " + facility + "\n" + t.get("case.due") + ": " +
             local_time(c.due_ms, c.utc_offset_min) + "\n\n" + t.get("mail.open") + "\n" + case_link(c.id) + "\n\n" +
             t.get("mail.privacy") + "\n";
    });
    if (deliver(m, what)) {
      ++sent;
    } else {
      storage_.release_reminder(c.id, r.kind);
      failing = true;
    }
  }
  return sent;
}

int ReminderJob::send_digests(std::int64_t now_ms) {
  int sent = 0;
  for (const auto& f : storage_.facilities()) {
    int offset = storage_.facility_offset(f.id).value_or(core::local_offset_minutes(now_ms / 1000));
    auto local = now_ms + std::int64_t{offset} * 60000;
    auto day = floor_div(local, kDayMs);
    if ((local - day * kDayMs) / kHourMs < config_.mail.digest_hour) continue;
    auto done = digest_done_.find(f.id);
    if (done != digest_done_.end() && done->second == day) continue;
    if (!storage_.claim_digest(f.id, day, now_ms)) {
      digest_done_[f.id] = day;
      continue;
    }
    CaseQuery q;
    q.facility_id = f.id;
    q.overdue_only = true;
    q.now_ms = now_ms;
    q.sort = CaseQuery::Sort::due;
    q.limit = kDigestCases;
    auto overdue = storage_.cases(q);
    digest_done_[f.id] = day;
    if (overdue.total == 0) continue;  // nothing overdue: no mail
    MailMessage m;
    m.to = addresses(storage_.users(f.id), [](const staff::User& u) { return u.role == staff::Role::kepala; });
    auto what = "digest of " + f.id + " (" + std::to_string(overdue.total) + " overdue)";
    if (m.to.empty()) {
      core::log::warning("reminders: nobody to mail the " + what +
                         " to: give the facility's kepala a mail address (kotak-server user email)");
      continue;
    }
    auto n = std::to_string(overdue.total);
    m.subject = id_.format("digest.subject", {{"n", n}, {"facility", f.name}}) + " / " +
                en_.format("digest.subject", {{"n", n}, {"facility", f.name}});
    m.body = both([&](const core::Catalog& t) {
      std::string body = t.format("digest.intro", {{"n", n}, {"facility", f.name}}) + "\n\n";
      for (const auto& c : overdue.cases) {
        auto owner = c.owner_name.empty() ? t.get("owner.none") : c.owner_name;
        body += t.format("digest.line", {{"number", reg::register_label(c.number, c.year)},
                                         {"status", t.get("status." + std::string(reg::to_string(c.status)))},
                                         {"due", local_time(c.due_ms, c.utc_offset_min)},
                                         {"owner", owner}}) +
                "\n  " + case_link(c.id) + "\n";
      }
      if (overdue.total > static_cast<std::int64_t>(overdue.cases.size()))
        body += t.format("digest.more", {{"n", std::to_string(overdue.total - static_cast<std::int64_t>(overdue.cases.size()))}}) + "\n";
      return body + "\n" + t.get("mail.privacy") + "\n";
    });
    if (deliver(m, what)) {
      ++sent;
    } else {
      storage_.release_digest(f.id, day);
      digest_done_.erase(f.id);
      break;
    }
  }
  return sent;
}

}  // namespace kotak::server
