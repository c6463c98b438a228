// See staff_client.hpp.
#include "tests/e2e/staff_client.hpp"

#include <httplib.h>
#include <sodium.h>

#include <thread>

namespace kotak::test {

namespace {

StaffClient::Reply reply_of(const httplib::Result& result) {
  StaffClient::Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.text = result->body;
  reply.body = nlohmann::json::parse(result->body, nullptr, false);
  return reply;
}

}  // namespace

StaffClient::StaffClient(const std::string& base, const std::string& ca_file)
    : http_(std::make_unique<httplib::Client>(base)) {
  http_->set_connection_timeout(5);
  http_->set_read_timeout(30);
  if (!ca_file.empty()) http_->set_ca_cert_path(ca_file.c_str());
}

StaffClient::~StaffClient() = default;

bool StaffClient::login(const std::string& username, const std::string& password) {
  auto result = http_->Post("/api/staff/login", nlohmann::json{{"username", username}, {"password", password}}.dump(),
                            "application/json");
  if (!result || result->status != 200) return false;
  cookie_ = result->get_header_value("Set-Cookie");
  cookie_ = cookie_.substr(0, cookie_.find(';'));
  auto me = get("/api/staff/me");
  if (me.status != 200) return false;
  csrf_ = me.body.value("csrf", "");
  return !csrf_.empty();
}

StaffClient::Reply StaffClient::get(const std::string& path) {
  return reply_of(http_->Get(path.c_str(), {{"Cookie", cookie_}}));
}

StaffClient::Reply StaffClient::post(const std::string& path, const nlohmann::json& body) {
  return reply_of(http_->Post(path.c_str(), {{"Cookie", cookie_}, {"X-Kotak-CSRF", csrf_}}, body.dump(),
                              "application/json"));
}

StaffClient::Reply StaffClient::act(const std::string& path, nlohmann::json body) {
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char id[33];
  sodium_bin2hex(id, sizeof id, random, sizeof random);
  body["request_id"] = id;
  Reply reply;
  for (int attempt = 0; attempt < 6; ++attempt) {
    reply = post(path, body);
    if (reply.status != 0 && reply.status != 502 && reply.status != 503 && reply.status != 504) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * (attempt + 1)));
  }
  return reply;
}

}  // namespace kotak::test
