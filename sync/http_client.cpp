// See http_client.hpp.
#include "sync/http_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

#include "core/log.hpp"
#include "core/wire.hpp"

namespace kotak::sync {

namespace {

// No honest answer is near this (a result list is tens of kilobytes).
constexpr std::size_t kMaxAnswerBytes = 8 * 1024 * 1024;

struct Capture {
  std::string body;
  bool too_large = false;
  bool kotak = false;
  std::string retry_after;
  std::string etag;
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* capture = static_cast<Capture*>(user);
  std::size_t bytes = size * count;
  if (capture->body.size() + bytes > kMaxAnswerBytes) {
    capture->too_large = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  capture->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* capture = static_cast<Capture*>(user);
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response starts (after a 100 Continue): forget the last one's headers.
    capture->kotak = false;
    capture->retry_after.clear();
    capture->etag.clear();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  auto name = lower(line.substr(0, colon));
  auto value = trimmed(line.substr(colon + 1));
  if (name == lower(core::wire::kProtocolHeader))
    capture->kotak = value == std::to_string(core::wire::kProtocol);
  else if (name == "retry-after")
    capture->retry_after = value;
  else if (name == "etag")
    capture->etag = value;
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* stop = static_cast<const std::atomic<bool>*>(user);
  return stop && stop->load() ? 1 : 0;
}

Transport classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return Transport::ok;
    case CURLE_OPERATION_TIMEDOUT:
      return Transport::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:  // also a link dropped during the handshake
      return Transport::unreachable;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
      return Transport::tls;
    case CURLE_ABORTED_BY_CALLBACK:
      return Transport::aborted;
    default:
      return Transport::other;
  }
}

}  // namespace

void http_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpClient::HttpClient(HttpSettings settings) : settings_(std::move(settings)) {
  http_global_init();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not be initialised");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string HttpClient::escape(const std::string& value) {
  char* escaped =
      curl_easy_escape(static_cast<CURL*>(curl_), value.data(), static_cast<int>(value.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

HttpReply HttpClient::get(const std::string& path, const std::vector<std::string>& headers) {
  return perform(path, headers, nullptr);
}

HttpReply HttpClient::post_json(const std::string& path, const std::string& body,
                                std::vector<std::string> headers) {
  headers.push_back("Content-Type: application/json");
  return perform(path, headers, &body);
}

HttpReply HttpClient::perform(const std::string& path, const std::vector<std::string>& headers,
                              const std::string* body) {
  CURL* curl = static_cast<CURL*>(curl_);
  // Options are set afresh on each request; the connection cache survives.
  curl_easy_reset(curl);
  Capture capture;
  char error_buffer[CURL_ERROR_SIZE] = {};
  std::string url = settings_.base_url + path;
  std::string authorization = "Authorization: Bearer " + settings_.token;
  curl_slist* list = nullptr;
  // Only enrolment goes without a token.
  if (!settings_.token.empty()) list = curl_slist_append(list, authorization.c_str());
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "kotak-sync/" KOTAK_VERSION);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.connect_timeout_s));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_s));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(settings_.low_speed_bytes));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.low_speed_time_s));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.pinned_public_key.empty())
    curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, settings_.pinned_public_key.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &capture);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &capture);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, settings_.stop);
  if (body) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);

  HttpReply reply;
  reply.answer.transport = classify(code);
  if (code != CURLE_OK) {
    reply.answer.transport_detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    if (capture.too_large) {
      reply.answer.transport = Transport::other;
      reply.answer.transport_detail = "the answer was larger than any Kotak answer can be";
    }
    return reply;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.answer.status);
  reply.answer.kotak = capture.kotak;
  reply.answer.retry_after = capture.retry_after;
  if (capture.kotak && reply.answer.status >= 400)
    reply.answer.server_reason = core::wire::decode_error(capture.body);
  reply.etag = std::move(capture.etag);
  reply.body = std::move(capture.body);
  return reply;
}

HttpSettings http_settings(const core::SyncConfig& config, std::string server_url,
                           std::string token, const std::atomic<bool>* stop) {
  while (!server_url.empty() && server_url.back() == '/') server_url.pop_back();
  bool loopback = false;
  for (const char* prefix : {"http://127.", "http://localhost", "http://[::1]"})
    loopback = loopback || server_url.rfind(prefix, 0) == 0;
  if (server_url.rfind("http://", 0) == 0 && !loopback)
    core::log::warning(
        "server.url is plain http://: the device token and the answers travel "
        "unencrypted. Use https:// outside a test setup.");
  return {.base_url = std::move(server_url),
          .token = std::move(token),
          .ca_file = config.ca_file,
          .pinned_public_key = config.pinned_public_key,
          .connect_timeout_s = config.connect_timeout_s,
          .timeout_s = config.timeout_s,
          .low_speed_bytes = config.low_speed_bytes,
          .low_speed_time_s = config.low_speed_time_s,
          .stop = stop};
}

}  // namespace kotak::sync
