// An SMS or WhatsApp HTTP gateway (issue 15 item 4), configured by a URL
// template ([reply] gateway_url, e.g. https://gw.example/send?to={phone}&
// text={text}) and, for POST, a body template. {phone}, {text} and {token}
// are replaced URL-encoded; the token comes from gateway_token_file, never
// the config. Any 2xx answer means sent; anything else, or no answer within
// gateway_timeout_s, throws with the reason, and the reply job retries.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/config_reply.hpp"

namespace kotak::server {

// Percent-encoding of everything but A-Z a-z 0-9 - _ . ~ (RFC 3986).
std::string url_encode(std::string_view text);
// The template with each {key} of values replaced by its URL-encoded value.
std::string expand_template(const std::string& text, const std::map<std::string, std::string>& values);

class SmsGateway {
 public:
  // Reads the token file now. Throws std::runtime_error.
  explicit SmsGateway(const core::ReplyConfig& config);
  void send(const std::string& phone, const std::string& text) const;

 private:
  core::ReplyConfig config_;
  std::string token_;
};

}  // namespace kotak::server
