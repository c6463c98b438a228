// The office of the reply tests (replies_test.cpp, sms_gateway_test.cpp):
// a site that sends answers by mail and through a gammu-smsd spool, with a
// case entered by hand with a valid number and an address.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/notify/replies.hpp"
#include "server/storage/reply_storage.hpp"
#include "tests/server/dashboard_site.hpp"

namespace kotak::test {

namespace fs = std::filesystem;
using nlohmann::json;
using server::MailMessage;
using server::ReplyJob;
using server::ReplyStorage;
using server::Storage;
using server::WebResponse;
using server::open_reply_storage;

constexpr std::int64_t kMin = 60000;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

inline std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

// A site that sends answers by mail and through a gammu-smsd spool, with a
// case entered by hand with a valid number and an address.
struct Office {
  test::Site site;
  fs::path outbox, sent, error;
  core::ReplyConfig settings;
  std::vector<MailMessage> mails;
  int mail_failures = 0;  // the next sends that fail
  std::int64_t case_id = 0;
  test::Browser sari;
  std::unique_ptr<ReplyStorage> replies;

  Office() {
    outbox = site.dir.path() / "outbox";
    sent = site.dir.path() / "sent";
    error = site.dir.path() / "error";
    for (const auto& d : {outbox, sent, error}) fs::create_directories(d);
    core::ReplyConfig r;
    r.email = true;
    r.sms = "gammu";
    r.gammu_outbox = outbox;
    r.gammu_sent = sent;
    r.gammu_error = error;
    r.max_attempts = 3;
    r.retry_s = 60;
    r.poll_s = 10;
    settings = r;
    site.store.database.configure(site.config);
    replies = open_reply_storage(site.config);
    site.dashboard->set_replies(replies.get(), settings);
    sari = test::log_in(site, "sari");
    case_id = add_case("Obat di apotek habis, Pak Budi di loket kasar", "named",
                       {{"name", "Budi Hartono"}, {"phone", "0812-3456-7890"}, {"email", "budi.h@example.com"}});
  }
  std::int64_t add_case(const std::string& text, const std::string& mode, const json& identity) {
    json body{{"received_at", "2026-11-23T09:30:00.000+07:00"}, {"channel", "telepon"}, {"type", "keluhan"},
              {"unit", "apotek"}, {"identity_mode", mode}, {"content", text}, {"identity", identity}};
    auto r = site.dashboard->add_case(sari.post({}, body));
    REQUIRE(r.status == 201);
    return json::parse(r.body)["id"].get<std::int64_t>();
  }
  WebResponse reply(const test::Browser& who, std::int64_t id, const json& body) {
    return site.dashboard->change_case(who.post({std::to_string(id), "reply"}, body));
  }
  json page(std::int64_t id) { return json::parse(site.dashboard->get_case(sari.get({std::to_string(id)})).body); }
  ReplyJob job(Storage& on, ReplyStorage& messages) {
    return ReplyJob(on, messages, settings, [this](const MailMessage& m) {
      if (mail_failures > 0) {
        --mail_failures;
        throw std::runtime_error("could not send mail through smtp://127.0.0.1:1: connection refused");
      }
      mails.push_back(m);
    }, {});
  }
};

}  // namespace kotak::test
