// [reply] of server.toml (issue 15 item 4): how an answer reaches the
// patient. Read apart from config.cpp, which holds the rest of the server's
// tables; each setting is checked here so that a wrong folder or template
// is an error at start, not a message silently never sent.
#include <string>

#include "core/config_reader.hpp"

namespace kotak::core {

namespace {

bool has_placeholder(const std::string& text, const char* name) { return text.find(name) != std::string::npos; }

void read_gammu(ConfigTable& table, ReplyConfig& r) {
  r.gammu_outbox = table.path("gammu_outbox", "");
  r.gammu_sent = table.path("gammu_sent", "");
  r.gammu_error = table.path("gammu_error", "");
  for (auto [key, folder] : {std::pair{"gammu_outbox", &r.gammu_outbox}, std::pair{"gammu_sent", &r.gammu_sent},
                             std::pair{"gammu_error", &r.gammu_error}})
    if (folder->empty())
      table.fail(key, "sms = \"gammu\" needs gammu-smsd's OutboxPath, SentSMSPath and ErrorSMSPath "
                      "(e.g. /var/spool/gammu/outbox/, sent/, error/)");
  // gammu-smsd deletes sent messages when SentSMSPath is its outbox: Kotak
  // would never learn that they went.
  if (r.gammu_sent == r.gammu_outbox || r.gammu_error == r.gammu_outbox || r.gammu_sent == r.gammu_error)
    table.fail("gammu_sent", "the outbox, sent and error folders must be three different folders, as "
                             "OutboxPath, SentSMSPath and ErrorSMSPath in gammu-smsd's config");
  r.gammu_wait_h = static_cast<int>(table.integer("gammu_wait_h", 24, 1, 24 * 7));
}

void read_gateway(ConfigTable& table, ReplyConfig& r) {
  r.gateway_url = table.url("gateway_url", "");
  if (r.gateway_url.empty())
    table.fail("gateway_url", "sms = \"gateway\" needs the gateway's address as a template, e.g. "
                              "\"https://gw.example/send?to={phone}&text={text}\"");
  r.gateway_method = table.choice("gateway_method", "GET", {"GET", "POST"});
  r.gateway_body = table.string("gateway_body", "", 4000);
  r.gateway_content_type = table.string("gateway_content_type", "application/x-www-form-urlencoded", 200);
  if (r.gateway_content_type.find_first_of("\r\n") != std::string::npos)
    table.fail("gateway_content_type", "must be one line");
  const auto both = r.gateway_url + r.gateway_body;
  if (!has_placeholder(both, "{phone}") || !has_placeholder(both, "{text}"))
    table.fail(r.gateway_method == "POST" ? "gateway_body" : "gateway_url",
               "the gateway needs {phone} and {text} in gateway_url or gateway_body");
  if (r.gateway_method == "GET" && !r.gateway_body.empty())
    table.fail("gateway_body", "is sent only with gateway_method = \"POST\"");
  if (has_placeholder(r.gateway_url, "token=") && !has_placeholder(r.gateway_url, "{token}"))
    table.fail("gateway_url", "holds a token; put it in gateway_token_file (one line, mode 0600) and "
                              "write {token} where it goes");
  r.gateway_token_file = table.path("gateway_token_file", "");
  if (has_placeholder(both, "{token}") && r.gateway_token_file.empty())
    table.fail("gateway_token_file", "{token} is used: name the file that holds the token");
  r.gateway_timeout_s = static_cast<int>(table.integer("gateway_timeout_s", 20, 1, 120));
}

}  // namespace

ReplyConfig read_reply(ConfigTable table, const ServerConfig& server) {
  ReplyConfig r;
  if (table.has("gateway_token"))
    table.fail("gateway_token", "is never written in the config; put it in gateway_token_file (one line, mode 0600)");
  r.email = table.boolean("email", false);
  if (r.email && server.mail.smtp_url.empty())
    table.fail("email", "mailing answers needs [mail] smtp_url and from; set them or email = false");
  r.sms = table.choice("sms", "off", {"off", "gammu", "gateway"});
  if (r.sms == "gammu") read_gammu(table, r);
  if (r.sms == "gateway") read_gateway(table, r);
  // The message carries the ticket's public page: a patient cannot open a
  // path without the server's address.
  if ((r.email || r.sms_on()) && server.public_url.empty())
    table.fail(r.email ? "email" : "sms", "answers to the patient carry the ticket's link: set [server] public_url");
  // A segment of a Unicode SMS holds 67 characters: 300 are five.
  r.sms_max_chars = static_cast<int>(table.integer("sms_max_chars", 300, 120, 1000));
  r.max_attempts = static_cast<int>(table.integer("max_attempts", 5, 1, 20));
  r.retry_s = static_cast<int>(table.integer("retry_s", 60, 1, 3600));
  r.poll_s = static_cast<int>(table.integer("poll_s", 15, 1, 3600));
  return r;
}

ReplyConfig load_reply_config(const ServerConfig& server) {
  if (server.file.empty()) return {};
  // The whole file was checked by load_server_config: only [reply] here.
  toml::table root = parse_toml_file(server.file);
  ConfigTable table(root, "", server.file);
  return read_reply(table.table("reply"), server);
}

}  // namespace kotak::core
