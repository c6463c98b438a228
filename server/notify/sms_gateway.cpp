// See sms_gateway.hpp.
#include "server/notify/sms_gateway.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "core/text.hpp"

namespace kotak::server {

namespace {

constexpr std::size_t kMaxAnswerBytes = 64 * 1024;  // read of the gateway's answer, for the log

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  auto n = size * count;
  if (out->size() < kMaxAnswerBytes) out->append(data, std::min(n, kMaxAnswerBytes - out->size()));
  return n;
}

}  // namespace

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
        ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 0xF];
    }
  }
  return out;
}

std::string expand_template(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      auto end = text.find('}', i);
      if (end != std::string::npos) {
        auto found = values.find(text.substr(i + 1, end - i - 1));
        if (found != values.end()) {
          out += url_encode(found->second);
          i = end + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

SmsGateway::SmsGateway(const core::ReplyConfig& config) : config_(config) {
  if (config.gateway_token_file.empty()) return;
  std::ifstream in(config.gateway_token_file);
  if (!in || !std::getline(in, token_))
    throw std::runtime_error("cannot read the SMS gateway's token from " + config.gateway_token_file.string() +
                             "; check [reply] gateway_token_file and its owner");
  token_ = core::trim(token_);
}

void SmsGateway::send(const std::string& phone, const std::string& text) const {
  const std::map<std::string, std::string> values{{"phone", phone}, {"text", text}, {"token", token_}};
  const auto url = expand_template(config_.gateway_url, values);
  const auto body = expand_template(config_.gateway_body, values);
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("libcurl could not start");
  std::string answer;
  char reason[CURL_ERROR_SIZE] = "";
  curl_slist* headers = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.gateway_timeout_s));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(config_.gateway_timeout_s));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, reason);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_answer);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  if (config_.gateway_method == "POST") {
    headers = curl_slist_append(headers, ("Content-Type: " + config_.gateway_content_type).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  // The address may hold the token: the log names the gateway's host only.
  auto host = config_.gateway_url.substr(0, config_.gateway_url.find_first_of("?{", 8));
  if (rc != CURLE_OK)
    throw std::runtime_error("the SMS gateway " + host + " did not answer: " + (reason[0] ? reason : curl_easy_strerror(rc)));
  if (status < 200 || status > 299)
    throw std::runtime_error("the SMS gateway " + host + " answered HTTP " + std::to_string(status) + ": " +
                             answer.substr(0, 200));
}

}  // namespace kotak::server
