// See mailer.hpp.
#include "server/notify/mailer.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/log.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"

namespace kotak::server {

namespace {

constexpr std::int64_t kLookBackMs = 2 * 86400000LL;
constexpr std::size_t kBatch = 50;

// RFC 2047: a UTF-8 header value as =?UTF-8?B?...?=, so that Indonesian
// text and any stray character cannot break the header.
std::string encode_header(const std::string& text) {
  std::string out;
  const std::size_t chunk = 45;  // bytes per encoded word, keeps lines short
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = std::min(chunk, text.size() - i);
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) --n;
    std::string b64(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(text.data() + i), n,
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + b64 + "?=";
    i += n;
  }
  return out;
}

std::string rfc5322_date() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return text;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

std::string local_time(std::int64_t ms, int offset_min) {
  auto iso = core::format_iso8601({ms, offset_min});
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " (UTC" + iso.substr(23) + ")";
}

Mailer::Mailer(const core::MailConfig& config) : config_(config) {
  if (!config.password_file.empty()) {
    std::ifstream in(config.password_file);
    if (!in || !std::getline(in, password_))
      throw std::runtime_error("cannot read the SMTP password from " + config.password_file.string() +
                               "; check mail.password_file and its owner");
    password_ = core::trim(password_);
  }
}

std::string Mailer::format(const MailMessage& message) const {
  unsigned char random[12];
  randombytes_buf(random, sizeof random);
  char hex[25];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  auto domain = config_.from.substr(config_.from.find('@') + 1);
  std::string to;
  for (const auto& address : message.to) to += (to.empty() ? "" : ", ") + address;
  std::string text = "Date: " + rfc5322_date() + "\r\nFrom: Kotak <" + config_.from + ">\r\nTo: " + to +
                     "\r\nSubject: " + encode_header(message.subject) + "\r\nMessage-ID: <" + hex + "@" +
                     domain +
                     ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (char c : message.body) {
    if (c == '\n') text += '\r';
    text += c;
  }
  return text + "\r\n";
}

void Mailer::send(const MailMessage& message) const {
  std::string payload = format(message);
  Upload upload{&payload};
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("libcurl could not start");
  curl_slist* recipients = nullptr;
  for (const auto& address : message.to) recipients = curl_slist_append(recipients, ("<" + address + ">").c_str());
  std::string from = "<" + config_.from + ">";
  char reason[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, config_.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, reason);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.timeout_s));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_s) * 2);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    throw std::runtime_error("could not send mail through " + config_.smtp_url + ": " +
                             (reason[0] ? reason : curl_easy_strerror(rc)));
}

Notifier::Notifier(Storage& storage, const core::ServerConfig& config, core::Catalog catalog)
    : storage_(storage),
      config_(config),
      catalog_(std::move(catalog)),
      mailer_(config.mail),
      periodic_("mail", std::chrono::seconds(config.mail.poll_s), [this] { run_once(); }) {}

MailMessage Notifier::message_for(const reg::Case& c, const std::vector<std::string>& to,
                                  const std::string& facility_name) const {
  const auto& t = catalog_;
  auto label = reg::register_label(c.number, c.year);
  std::string why = c.urgent ? t.get("case.urgent") : t.get("face.1");
  MailMessage m;
  m.to = to;
  m.subject = t.format("mail.subject", {{"number", label}, {"facility", facility_name}});
  m.body = t.get("mail.intro") + "\n\n" + t.get("case.number") + ": " + label + "\n" +
           t.get("case.facility") + ": " + facility_name + "\n" + t.get("case.received") + ": " +
           local_time(c.received_ms, c.utc_offset_min) + "\n" + t.get("case.channel") + ": " +
           t.get("channel." + std::string(reg::to_string(c.channel))) + "\n" + t.get("case.unit") + ": " +
           (c.unit.empty() ? t.get("unit.none") : c.unit) + "\n" + t.get("case.type") + ": " +
           t.get("type." + std::string(core::to_string(c.type))) + "\n" + t.get("mail.flag") + ": " + why +
           "\n" + t.get("case.due") + ": " + local_time(c.due_ms, c.utc_offset_min) + "\n\n";
  if (!config_.public_url.empty())
    m.body += t.get("mail.open") + "\n" + config_.public_url + "/app/#/case/" + std::to_string(c.id) + "\n\n";
  m.body += t.get("mail.privacy") + "\n";
  return m;
}

int Notifier::run_once() {
  // Several server processes may share the database; one mails at a time,
  // and marks what it sent before another may look.
  auto turn = storage_.lease_job("mail");
  if (!turn) return 0;
  auto now = core::now().unix_ms;
  auto cases = storage_.unmailed_alarms(now - kLookBackMs, kBatch);
  std::vector<std::int64_t> done;
  std::map<std::string, std::string> names;
  int sent = 0;
  for (const auto& c : cases) {
    std::vector<std::string> to;
    for (const auto& r : config_.mail.recipients)
      if (r.facility == "*" || r.facility == c.facility_id) to.insert(to.end(), r.to.begin(), r.to.end());
    if (!to.empty()) {
      if (!names.count(c.facility_id)) {
        auto f = storage_.facility(c.facility_id);
        names[c.facility_id] = f ? f->name : c.facility_id;
      }
      try {
        mailer_.send(message_for(c, to, names[c.facility_id]));
        ++sent;
        core::log::info("mail: notice of case " + reg::register_label(c.number, c.year) + " of " +
                        c.facility_id + " sent to " + std::to_string(to.size()) + " addresses");
      } catch (const std::exception& failure) {
        core::log::error(std::string("mail: ") + failure.what() + "; trying again in " +
                         std::to_string(config_.mail.poll_s) + " s");
        break;  // the server is likely down: the rest waits for the next round
      }
    }
    done.push_back(c.id);
  }
  if (!done.empty()) storage_.mark_mailed(done, now);
  return sent;
}

}  // namespace kotak::server
