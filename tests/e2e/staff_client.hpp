// A member of staff at the dashboard, for the end-to-end tests: logs in
// over real HTTP (or HTTPS through a proxy), keeps the session cookie and
// the CSRF token, and sends the dashboard's JSON requests.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace httplib {
class Client;
}

namespace kotak::test {

class StaffClient {
 public:
  // base: http://127.0.0.1:PORT or https://...; ca_file: the PEM that signs
  // an https server's certificate.
  explicit StaffClient(const std::string& base, const std::string& ca_file = "");
  ~StaffClient();

  // Logs in and learns the CSRF token; false when refused.
  bool login(const std::string& username, const std::string& password);
  struct Reply {
    int status = 0;  // 0: no answer at all (connection refused or cut)
    nlohmann::json body;
    std::string text;
  };
  Reply get(const std::string& path);
  Reply post(const std::string& path, const nlohmann::json& body);
  // A change as the dashboard makes it (server/web/js/api.js): with a
  // request_id of its own, sent again with the same id while the answer is
  // lost (no answer, 502, 503, 504), a few times.
  Reply act(const std::string& path, nlohmann::json body);

 private:
  std::unique_ptr<httplib::Client> http_;
  std::string cookie_, csrf_;
};

}  // namespace kotak::test
