// See serve.hpp.
#include "server/serve.hpp"

#include <pthread.h>
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "core/log.hpp"
#include "core/paths.hpp"
#include "server/api/client_address.hpp"
#include "server/api/http_server.hpp"
#include "server/notify/mailer.hpp"
#include "server/notify/reminders.hpp"
#include "server/notify/replies.hpp"
#include "server/notify/sms_gateway.hpp"
#include "server/storage/reply_storage.hpp"
#include "server/retention.hpp"
#include "server/seal_keys.hpp"

namespace kotak::server {

namespace {

HttpOptions http_options(const core::ServerConfig& config) {
  HttpOptions options;
  options.listen = config.listen;
  options.port = config.port;
  options.threads = config.threads;
  options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  options.max_connections = config.max_connections;
  options.max_connections_per_address = config.max_connections_per_address;
  options.head_timeout = std::chrono::seconds(config.head_timeout_s);
  options.request_timeout = std::chrono::seconds(config.request_timeout_s);
  options.body_memory_bytes = static_cast<std::size_t>(config.body_memory_bytes);
  for (const auto& proxy : config.trusted_proxies)
    options.trusted_proxies.insert(canonical_address(proxy));
  return options;
}

}  // namespace

int serve(const core::ServerConfig& config, Storage& storage) {
  // Stop signals are taken by one thread with sigwait, never by a handler,
  // so stopping the server happens in ordinary code. They are blocked before
  // any other thread starts, and the threads inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The seal key is made at the first start, so that kiosks get it with
  // their first settings pull or at enrolment.
  SealKeys seal_keys(config.seal_key_dir);
  auto seal_key = seal_keys.current_or_create();
  core::log::info("kiosks seal contact details to key " + core::seal::key_id(seal_key.public_key) +
                  " (" + config.seal_key_dir.string() + ")");
  Api api(storage,
          {.max_batch_items = static_cast<std::size_t>(config.max_batch_items),
           .public_url = config.public_url},
          &seal_keys);
  std::unique_ptr<ReplyStorage> replies;  // before the dashboard and the job that use it
  std::unique_ptr<AttachmentStorage> attachments;  // before the dashboard
  std::unique_ptr<Dashboard> dashboard;
  std::unique_ptr<Notifier> notifier;
  std::unique_ptr<ReminderJob> reminders;
  std::unique_ptr<ReplyJob> reply_job;
  RetentionJob retention(storage, config.retention);
  retention.start();
  core::log::info("contact details are erased " + std::to_string(config.retention.identity_days) +
                  " days after their case closed, every night at " + std::to_string(config.retention.hour) +
                  ":00");
  try {
    auto web_dir = find_web_dir(config);
    auto files = load_web_files(web_dir, core::assets_dir() / "i18n" / "web");
    auto catalog = core::Catalog::from_json(files.at("/app/i18n/id.json").body, "id.json");
    auto english = core::Catalog::from_json(files.at("/app/i18n/en.json").body, "en.json");
    dashboard = std::make_unique<Dashboard>(storage, config, std::move(files));
    core::log::info("serving the staff dashboard from " + web_dir.string());
    attachments = open_attachment_storage(config);
    dashboard->set_attachments(attachments.get());
    if (!config.mail.smtp_url.empty() && config.mail.reminders) {
      auto mailer = std::make_shared<Mailer>(config.mail);
      reminders = std::make_unique<ReminderJob>(storage, config, catalog, std::move(english),
                                                [mailer](const MailMessage& m) { mailer->send(m); });
      reminders->start();
      core::log::info("mailing reminders before cases are late; the heads' digest at " +
                      std::to_string(config.mail.digest_hour) + ":00 of each facility's time");
    }
    // Answers to the patient (issue 15 item 4).
    auto reply = core::load_reply_config(config);
    replies = open_reply_storage(config);
    dashboard->set_replies(replies.get(), reply);
    if (reply.email || reply.sms_on()) {
      ReplyJob::SendMail mail;
      ReplyJob::SendSms gateway;
      if (reply.email) {
        auto mailer = std::make_shared<Mailer>(config.mail);
        mail = [mailer](const MailMessage& m) { mailer->send(m); };
      }
      if (reply.sms == "gateway") {
        auto sender = std::make_shared<SmsGateway>(reply);
        gateway = [sender](const std::string& phone, const std::string& text) { sender->send(phone, text); };
      }
      reply_job = std::make_unique<ReplyJob>(storage, *replies, reply, std::move(mail), std::move(gateway));
      reply_job->start();
      core::log::info(std::string("sending answers to patients") + (reply.email ? " by email" : "") +
                      (reply.sms_on() ? " by SMS through " + reply.sms : ""));
    }
    if (!config.mail.smtp_url.empty()) {
      notifier = std::make_unique<Notifier>(storage, config, std::move(catalog));
      notifier->start();
      core::log::info("mailing notices of urgent complaints through " + config.mail.smtp_url);
    }
  } catch (const std::exception& error) {
    core::log::error(error.what());
    return 1;
  }
  HttpServer http(api, dashboard.get(), http_options(config));
  int port = 0;
  try {
    port = http.bind();
  } catch (const std::exception& error) {
    core::log::error(error.what());
    return 1;
  }
  std::printf("kotak-server listening on http://%s:%d\n", config.listen.c_str(), port);
  std::printf("kotak-server dashboard at http://%s:%d/app/\n", config.listen.c_str(), port);
  std::fflush(stdout);
  core::log::info("serving the kiosk API on " + config.listen + ":" + std::to_string(port) +
                  " with " + std::to_string(config.threads) + " threads, database " + storage.where());

  std::thread waiter([&] {
    int signo = 0;
    sigwait(&stop_signals, &signo);
    sd_notify(0, "STOPPING=1");
    core::log::info(std::string("stopping on ") + (signo == SIGINT ? "SIGINT" : "SIGTERM"));
    http.stop();
  });
  sd_notify(0, "READY=1");
  bool ok = http.run();
  if (!ok) {
    // The server failed on its own: wake the waiter so it can be joined.
    core::log::error("the HTTP server stopped unexpectedly");
    kill(getpid(), SIGTERM);
  }
  waiter.join();
  core::log::info("stopped");
  return ok ? 0 : 1;
}

}  // namespace kotak::server
