// [reply] of server.toml (issue 15 item 4): what is read, and each setting
// that would leave an answer never sent refused at start with its reason.
#include <doctest/doctest.h>

#include "core/config_reply.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;
using kotak::test::write_file;

namespace {

const std::string kBase =
    "[server]\npublic_url = \"https://kotak.example.go.id\"\n"
    "[mail]\nsmtp_url = \"smtp://127.0.0.1:2525\"\nfrom = \"kotak@example.go.id\"\n";

// The message of the ConfigError that `text` raises ("" none).
std::string server_error(const std::string& text) {
  TempDir dir;
  write_file(dir / "server.toml", text);
  try {
    load_server_config(dir / "server.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("reply: off unless set, email and gammu read with their folders") {
  TempDir dir;
  write_file(dir / "server.toml", "[server]\nport = 8080\n");
  auto off = load_reply_config(load_server_config(dir / "server.toml"));
  CHECK_FALSE(off.email);
  CHECK_FALSE(off.sms_on());
  CHECK(off.max_attempts == 5);
  write_file(dir / "server.toml", kBase + "[reply]\nemail = true\nsms = \"gammu\"\ngammu_outbox = \"spool/outbox\"\n"
                                          "gammu_sent = \"spool/sent\"\ngammu_error = \"spool/error\"\nmax_attempts = 3\n");
  auto on = load_reply_config(load_server_config(dir / "server.toml"));
  CHECK(on.email);
  CHECK(on.sms == "gammu");
  CHECK(on.gammu_outbox == dir.path() / "spool/outbox");  // relative to the config's folder
  CHECK(on.gammu_wait_h == 24);
  CHECK(on.max_attempts == 3);
}

TEST_CASE("reply: settings that would never send are refused with what to do") {
  CHECK(server_error("[server]\npublic_url = \"https://k.example\"\n[reply]\nemail = true\n").find("reply.email: mailing answers needs [mail] smtp_url") !=
        std::string::npos);
  CHECK(server_error("[reply]\nsms = \"gateway\"\ngateway_url = \"https://gw.example/send?to={phone}&text={text}\"\n")
            .find("set [server] public_url") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gammu\"\ngammu_outbox = \"/s/out\"\n").find("reply.gammu_sent") !=
        std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gammu\"\ngammu_outbox = \"/s/out\"\ngammu_sent = \"/s/out\"\ngammu_error = \"/s/err\"\n")
            .find("three different folders") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"modem\"\n").find("reply.sms: expected one of") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gateway\"\ngateway_url = \"https://gw.example/send?to={phone}\"\n")
            .find("needs {phone} and {text}") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gateway\"\ngateway_url = \"https://gw.example/s?to={phone}&text={text}&token=abc\"\n")
            .find("put it in gateway_token_file") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\ngateway_token = \"abc\"\n").find("never written in the config") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gateway\"\ngateway_url = \"https://gw.example/s?to={phone}&text={text}&k={token}\"\n")
            .find("reply.gateway_token_file") != std::string::npos);
  CHECK(server_error(kBase + "[reply]\nsms = \"gateway\"\ngateway_method = \"POST\"\n"
                             "gateway_url = \"https://gw.example/send\"\ngateway_body = \"to={phone}&msg={text}\"\n") == "");
}
