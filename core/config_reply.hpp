// [reply] of server.toml (issue 15 item 4, server/notify/replies.hpp): how
// the answer reaches the patient: by email through [mail], by SMS through
// gammu-smsd's spool folders or an HTTP gateway. load_server_config checks
// the table with the rest of the file; the server reads it with
// load_reply_config. Kept out of config.hpp, which nearly every file of the
// project includes.
#pragma once

#include <filesystem>
#include <string>

#include "core/config.hpp"

namespace kotak::core {

struct ReplyConfig {
  bool email = false;       // mail answers to a case's address (needs [mail] smtp_url)
  std::string sms = "off";  // "off", "gammu" or "gateway"
  std::filesystem::path gammu_outbox, gammu_sent, gammu_error;  // gammu-smsd's FILES backend folders
  int gammu_wait_h = 24;    // a message not sent this long after it was queued: failed
  std::string gateway_url;  // template: {phone} {text} {token}, URL-encoded
  std::string gateway_method = "GET";  // or "POST" with gateway_body
  std::string gateway_body;            // template, placeholders URL-encoded
  std::string gateway_content_type = "application/x-www-form-urlencoded";
  std::filesystem::path gateway_token_file;  // one line; never in the config itself
  int gateway_timeout_s = 20;
  int sms_max_chars = 300;  // the SMS, link included: a few segments
  int max_attempts = 5;     // then failed with its reason
  int retry_s = 60;         // the first wait before a retry; doubled each time, at most 6 h
  int poll_s = 15;          // how often the job looks for messages to send
  bool sms_on() const { return sms != "off"; }
};

// [reply] of the file a ServerConfig was loaded from (server.file; the
// defaults, nothing sent, when it has none). Throws ConfigError.
ReplyConfig load_reply_config(const ServerConfig& server);

}  // namespace kotak::core
