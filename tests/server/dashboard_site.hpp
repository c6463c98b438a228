// The staff dashboard without sockets, for the dashboard's tests: a site
// with two facilities, a kiosk, staff of each role and one case with contact
// details; a logged-in browser that sends GETs and CSRF-guarded POSTs.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/dashboard/dashboard.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/temp_dir.hpp"

namespace kotak::test {

inline constexpr std::int64_t kNow = 1795412820000;  // 2026-11-23 12:47 +07:00
inline const std::string kPassword = "rahasia-123";

// One argon2id hash for every test user, at the smallest cost (see the .cpp).
const std::string& password_hash();
server::WebFiles catalogs();

// A written complaint from a kiosk of a facility, made at `at` and stored
// at now_ms, found back by its text (unique among the facility's cases).
server::reg::Case add_kiosk_case(server::Storage& storage, const server::DeviceRef& kiosk, const std::string& text,
                                 core::Timestamp at, std::int64_t now_ms);

// Users: sari (petugas), dewi (mutu), kartini (kepala) of pkm-a; budi
// (petugas) of pkm-b; dinkes (admin).
struct Site {
  TempDir dir;
  TestStorage store{dir.path()};
  server::Storage& storage = *store;
  core::ServerConfig config;
  std::unique_ptr<server::Dashboard> dashboard;
  std::int64_t now = kNow;
  std::int64_t case_a = 0;  // a case of pkm-a with contact details

  explicit Site(int login_attempts = 5, int login_account_attempts = 20);
  // A written kiosk complaint of pkm-a that arrived at `at_ms`, found back
  // by its text; its case id.
  std::int64_t add_kiosk_case(const std::string& text, std::int64_t at_ms);
  // A rahasia complaint of pkm-a from its kiosk, with contact details
  // (Bapak Joko Susilo, 0813 2222 3333, Jl. Kenanga 9); its case id.
  std::int64_t add_rahasia_case(const std::string& text);
  server::WebResponse login(const std::string& user, const std::string& password = kPassword,
                            const std::string& remote = "10.0.0.1");
};

std::string header(const server::WebResponse& response, const std::string& name);

// A logged-in browser: its cookie and CSRF token.
struct Browser {
  std::string cookie, csrf;

  server::WebRequest get(std::vector<std::string> captures = {},
                         std::map<std::string, std::string> query = {}) const;
  server::WebRequest post(std::vector<std::string> captures, const nlohmann::json& body) const;
};

Browser log_in(Site& site, const std::string& user);

}  // namespace kotak::test
