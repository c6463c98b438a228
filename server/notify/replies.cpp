// See replies.hpp.
#include "server/notify/replies.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "core/log.hpp"
#include "core/timestamp.hpp"

namespace kotak::server {

namespace {

constexpr std::size_t kBatch = 50;
constexpr std::int64_t kMaxWaitMs = 6 * 3600000LL;

std::string what(const Reply& r) {
  return std::string(to_string(r.channel)) + " message " + std::to_string(r.id) + " of case " + std::to_string(r.case_id) +
         " of " + r.facility_id;
}

}  // namespace

NewReply reply_email(const core::Catalog& id, const core::Catalog& en, const ReplyContext& context,
                     const std::string& answer, const std::string& address) {
  auto args = [&](const core::Catalog& t, const std::string& key) {
    return t.format(key, {{"facility", context.facility}, {"ticket", context.ticket}});
  };
  NewReply r;
  r.channel = ReplyChannel::email;
  r.via = "smtp";
  r.destination = address;
  r.answer = answer;
  r.subject = args(id, "reply.mail.subject") + " / " + args(en, "reply.mail.subject");
  r.body = args(id, "reply.mail.intro") + "\n\n" + answer + "\n\n" + id.get("reply.mail.link") + "\n" + context.link +
           "\n\n" + args(id, "reply.mail.footer") + "\n\n--- English ---\n\n" + args(en, "reply.mail.intro_above") +
           "\n\n" + en.get("reply.mail.link") + "\n" + context.link + "\n\n" + args(en, "reply.mail.footer") + "\n";
  return r;
}

NewReply reply_sms(const core::Catalog& id, const core::ReplyConfig& config, const ReplyContext& context,
                   const std::string& answer, const std::string& phone) {
  NewReply r;
  r.channel = ReplyChannel::sms;
  r.via = config.sms;
  r.destination = phone;
  r.answer = answer;
  auto text = id.format("reply.sms", {{"facility", context.facility},
                                      {"ticket", context.ticket},
                                      {"link", context.link},
                                      {"answer", "{answer}"}});
  r.body = fit_sms(text, answer, static_cast<std::size_t>(config.sms_max_chars));
  return r;
}

ReplyJob::ReplyJob(Storage& storage, ReplyStorage& replies, const core::ReplyConfig& config, SendMail mail,
                   SendSms gateway)
    : storage_(storage),
      replies_(replies),
      config_(config),
      mail_(std::move(mail)),
      gateway_(std::move(gateway)),
      periodic_("replies", std::chrono::seconds(config.poll_s), [this] { run_once(core::now().unix_ms); }) {
  if (config.sms == "gammu") spool_.emplace(config.gammu_outbox, config.gammu_sent, config.gammu_error);
}

int ReplyJob::run_once(std::int64_t now_ms) {
  auto turn = storage_.lease_job("replies");
  if (!turn) return 0;
  int settled = 0;
  for (const auto& r : replies_.due_replies(now_ms, kBatch)) {
    try {
      settled += attempt(r, now_ms);
    } catch (const StorageError& failure) {
      // The database is away: the message stays queued for the next round.
      core::log::error("replies: " + what(r) + ": " + failure.what());
    }
  }
  return settled;
}

int ReplyJob::settle(const Reply& r, ReplyState state, int attempts, const std::string& error, std::int64_t now_ms) {
  ReplyUpdate u;
  u.id = r.id;
  u.state = state;
  u.attempts = attempts;
  u.last_error = error;
  u.spool_name = r.spool_name;
  u.next_ms = now_ms;
  u.now_ms = now_ms;
  replies_.update_reply(u);
  if (state == ReplyState::sent) core::log::info("replies: " + what(r) + " sent");
  if (state == ReplyState::failed) core::log::error("replies: " + what(r) + " failed for good: " + error);
  return state == ReplyState::queued ? 0 : 1;
}

// Another attempt after a wait that doubles each time, or failed for good.
int ReplyJob::retry_or_fail(const Reply& r, int attempts, const std::string& error, std::int64_t now_ms) {
  if (attempts >= config_.max_attempts) return settle(r, ReplyState::failed, attempts, error, now_ms);
  std::int64_t wait = std::int64_t{config_.retry_s} * 1000;
  for (int i = 1; i < attempts && wait < kMaxWaitMs; ++i) wait *= 2;
  ReplyUpdate u;
  u.id = r.id;
  u.state = ReplyState::queued;
  u.attempts = attempts;
  u.last_error = error;
  u.next_ms = now_ms + std::min(wait, kMaxWaitMs);
  u.now_ms = now_ms;
  replies_.update_reply(u);  // spool_name "": the next attempt writes a new file
  core::log::warning("replies: " + what(r) + ": " + error + "; trying again in " + std::to_string(std::min(wait, kMaxWaitMs) / 1000) +
                     " s");
  return 0;
}

int ReplyJob::attempt(const Reply& r, std::int64_t now_ms) {
  if (r.via == "gammu") return spool(r, now_ms);
  try {
    if (r.via == "smtp") {
      if (!mail_) throw std::runtime_error("mail is off: set [mail] smtp_url and [reply] email = true");
      mail_(MailMessage{{r.destination}, r.subject, r.body});
    } else {
      if (!gateway_) throw std::runtime_error("the SMS gateway is off: set [reply] sms = \"gateway\"");
      gateway_(r.destination, r.body);
    }
  } catch (const std::exception& failure) {
    return retry_or_fail(r, r.attempts + 1, failure.what(), now_ms);
  }
  return settle(r, ReplyState::sent, r.attempts + 1, "", now_ms);
}

int ReplyJob::spool(const Reply& r, std::int64_t now_ms) {
  if (!spool_) return settle(r, ReplyState::failed, r.attempts, "SMS through gammu-smsd is off: set [reply] sms = \"gammu\"", now_ms);
  if (r.spool_name.empty()) {
    std::string name;
    try {
      name = spool_->write(r.destination, r.body, "kotak" + std::to_string(r.id) + "a" + std::to_string(r.attempts + 1), now_ms);
    } catch (const std::exception& failure) {
      return retry_or_fail(r, r.attempts + 1, failure.what(), now_ms);
    }
    ReplyUpdate u;
    u.id = r.id;
    u.attempts = r.attempts + 1;
    u.spool_name = name;
    u.next_ms = now_ms + std::int64_t{config_.poll_s} * 1000;
    u.now_ms = now_ms;
    replies_.update_reply(u);
    core::log::info("replies: " + what(r) + " handed to gammu-smsd as " + name);
    return 0;
  }
  switch (spool_->state(r.spool_name)) {
    case GammuSpool::State::sent:
      return settle(r, ReplyState::sent, r.attempts, "", now_ms);
    case GammuSpool::State::failed:
      return retry_or_fail(r, r.attempts, "gammu-smsd could not send it (" + r.spool_name + " is in its error folder; see gammu-smsd's log)", now_ms);
    case GammuSpool::State::waiting:
    case GammuSpool::State::missing:
      break;
  }
  if (now_ms - r.created_ms >= std::int64_t{config_.gammu_wait_h} * 3600000) {
    return settle(r, ReplyState::failed, r.attempts,
                  "gammu-smsd has not sent it within " + std::to_string(config_.gammu_wait_h) +
                      " h: is gammu-smsd running, with its modem and credit?",
                  now_ms);
  }
  ReplyUpdate u;
  u.id = r.id;
  u.attempts = r.attempts;
  u.last_error = r.last_error;
  u.spool_name = r.spool_name;
  u.next_ms = now_ms + std::int64_t{config_.poll_s} * 1000;
  u.now_ms = now_ms;
  replies_.update_reply(u);
  return 0;
}

}  // namespace kotak::server
