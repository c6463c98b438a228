// Answers by SMS through an HTTP gateway (issue 15 item 4), against a real
// gateway on loopback: the templates URL-encoded, the token from its file,
// a refusal retried with the gateway's reason (never the token), then sent
// and recorded as an answer; a gateway that does not answer and a token
// file that cannot be read say what to check.
#include <doctest/doctest.h>
#include <httplib.h>

#include <fstream>
#include <mutex>
#include <thread>

#include "server/notify/sms_gateway.hpp"
#include "tests/server/reply_office.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using test::Office;

TEST_CASE("the gateway's templates are filled URL-encoded") {
  CHECK(url_encode("Halo, Bu! 100% ✓") == "Halo%2C%20Bu%21%20100%25%20%E2%9C%93");
  CHECK(expand_template("https://gw.example/send?to={phone}&text={text}&k={token}&x={other}",
                        {{"phone", "+6281234567890"}, {"text", "a&b=c"}, {"token", "t/1"}}) ==
        "https://gw.example/send?to=%2B6281234567890&text=a%26b%3Dc&k=t%2F1&x={other}");
}

// A gateway on loopback that answers as told and keeps what it was sent.
struct Gateway {
  httplib::Server http;
  std::thread thread;
  int port = 0;
  std::mutex lock;
  std::vector<std::string> asked;  // "METHOD path?query body"
  int status = 200;
  Gateway() {
    auto answer = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> hold(lock);
      std::string query;
      for (const auto& [k, v] : req.params) query += k + "=" + v + ";";
      asked.push_back(req.method + " " + req.path + " " + query + " " + req.body);
      res.status = status;
      res.set_content(status == 200 ? "{\"ok\":true}" : "<html><body>Quota habis</body></html>", "text/html");
    };
    http.Get("/send", answer);
    http.Post("/send", answer);
    port = http.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { http.listen_after_bind(); });
  }
  ~Gateway() {
    http.stop();
    thread.join();
  }
  void answer_with(int s) {
    std::lock_guard<std::mutex> hold(lock);
    status = s;
  }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> hold(lock);
    return asked;
  }
};

TEST_CASE("through an HTTP gateway: the token from its file, a refusal retried with the gateway's reason, then sent") {
  Office o;
  Gateway gateway;
  const auto token_file = o.site.dir.path() / "gateway-token";
  std::ofstream(token_file) << "rahasia-gw-42\n";
  o.settings.sms = "gateway";
  o.settings.gateway_url = "http://127.0.0.1:" + std::to_string(gateway.port) + "/send?to={phone}&key={token}";
  o.settings.gateway_method = "POST";
  o.settings.gateway_body = "text={text}";
  o.settings.gateway_token_file = token_file;
  o.settings.gateway_timeout_s = 5;
  o.site.dashboard->set_replies(o.replies.get(), o.settings);
  REQUIRE(o.reply(o.sari, o.case_id, {{"text", "Obat sudah ada & bisa diambil."}, {"sms", true}}).status == 200);
  SmsGateway sender(o.settings);
  ReplyJob job(o.site.storage, *o.replies, o.settings, {},
               [&](const std::string& phone, const std::string& text) { sender.send(phone, text); });

  gateway.answer_with(503);
  const auto t0 = o.site.now;
  CHECK(job.run_once(t0) == 0);
  auto waiting = o.page(o.case_id)["reply"]["messages"];
  REQUIRE(waiting.size() == 1u);
  CHECK(waiting[0]["state"] == "queued");
  const std::string why = waiting[0].value("error", std::string());
  CHECK_MESSAGE(why.find("HTTP 503") != std::string::npos, why);
  CHECK_MESSAGE(why.find("Quota habis") != std::string::npos, why);
  CHECK_MESSAGE(why.find("rahasia-gw-42") == std::string::npos, "the token stays out of the reason: " << why);
  CHECK(o.page(o.case_id)["answers"].empty());

  gateway.answer_with(200);
  CHECK(job.run_once(t0 + 30000) == 0);  // the wait of 60 s is not over
  CHECK(job.run_once(t0 + 61000) == 1);
  auto asked = gateway.requests();
  REQUIRE(asked.size() == 2u);
  CHECK(asked[1].rfind("POST /send ", 0) == 0);
  CHECK_MESSAGE(asked[1].find("to=+6281234567890;") != std::string::npos, asked[1]);
  CHECK_MESSAGE(asked[1].find("key=rahasia-gw-42;") != std::string::npos, asked[1]);
  CHECK_MESSAGE(asked[1].find("text=") != std::string::npos, asked[1]);
  CHECK_MESSAGE(asked[1].find("Obat%20sudah%20ada%20%26%20bisa%20diambil.") != std::string::npos, asked[1]);
  auto page = o.page(o.case_id);
  CHECK(page["reply"]["messages"][0]["state"] == "sent");
  REQUIRE(page["answers"].size() == 1u);
  CHECK(page["answers"][0]["channel"] == "sms_wa");
}

TEST_CASE("a gateway that does not answer, or a token file that cannot be read, says what to check") {
  test::TempDir dir;
  core::ReplyConfig config;
  config.sms = "gateway";
  config.gateway_token_file = dir.path() / "missing-token";
  try {
    SmsGateway unreadable(config);
    FAIL("a token file that is not there was read");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("gateway_token_file") != std::string::npos);
  }
  // A port nothing listens on (bound, then closed).
  int closed = 0;
  {
    httplib::Server probe;
    closed = probe.bind_to_any_port("127.0.0.1");
  }
  config.gateway_token_file.clear();
  config.gateway_url = "http://127.0.0.1:" + std::to_string(closed) + "/send?to={phone}&text={text}";
  config.gateway_timeout_s = 2;
  SmsGateway away(config);
  try {
    away.send("+6281234567890", "Halo");
    FAIL("a gateway that is not there took the message");
  } catch (const std::runtime_error& e) {
    const std::string why = e.what();
    CHECK_MESSAGE(why.find("did not answer") != std::string::npos, why);
    CHECK_MESSAGE(why.find("http://127.0.0.1:" + std::to_string(closed) + "/send") != std::string::npos, why);
    CHECK_MESSAGE(why.find("Halo") == std::string::npos, why);
  }
}
