// The district front, end to end: Debian's nginx with the shipped
// assets/config/nginx/kotak.conf (TLS, whole requests, an upstream of
// kotak-server processes) in front of two server processes on one
// PostgreSQL database. Three kiosks sync and a member of staff works
// through it while one server process is killed: nothing is lost, nothing
// doubled, every staff action done once.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/e2e/staff_client.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "the shipped nginx config no longer has: " << from);
  text.replace(at, from.size(), to);
}

// nginx in the foreground, in one process (so it dies with the test), with
// the shipped site config: only its ports, certificate and upstream changed.
struct Front {
  int http_port = free_port(), https_port = free_port();
  std::unique_ptr<Process> nginx;

  Front(const fs::path& dir, int first, int second, const std::string& cert, const std::string& key) {
    auto site = read_file(fs::path(KOTAK_SOURCE_DIR) / "assets/config/nginx/kotak.conf");
    replace(site, "server 127.0.0.1:8081 ", "server 127.0.0.1:" + std::to_string(first) + " ");
    replace(site, "server 127.0.0.1:8082 ", "server 127.0.0.1:" + std::to_string(second) + " ");
    replace(site, "    listen 80;\n    listen [::]:80;\n", "    listen 127.0.0.1:" + std::to_string(http_port) + ";\n");
    replace(site, "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
            "    listen 127.0.0.1:" + std::to_string(https_port) + " ssl http2;\n");
    replace(site, "/etc/ssl/kotak/fullchain.pem", cert);
    replace(site, "/etc/ssl/kotak/privkey.pem", key);
    write_file(dir / "kotak.conf", site);
    auto d = dir.string();
    write_file(dir / "nginx.conf",
               "daemon off;\nmaster_process off;\npid " + d + "/nginx.pid;\nerror_log " + d + "/error.log info;\n"
               "events { worker_connections 512; }\n"
               "http {\n  log_format upstream '$remote_addr $request_method $uri $status $upstream_addr';\n"
               "  access_log " + d + "/access.log upstream;\n"
               "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n"
               "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n"
               "  scgi_temp_path " + d + "/scgi;\n  include " + d + "/kotak.conf;\n}\n");
    nginx = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/nginx", "-e", d + "/error.log", "-p", d, "-c", d + "/nginx.conf"},
        std::vector<std::string>{}, d + "/nginx.err");
    for (int i = 0; i < 100 && !accepts(https_port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE_MESSAGE(accepts(https_port), read_file(dir / "nginx.err"));
  }
  std::string url() const { return "https://localhost:" + std::to_string(https_port); }
};

int batches_in(const fs::path& log) {
  auto text = read_file(log);
  int batches = 0;
  for (auto at = text.find(" submissions: "); at != std::string::npos; at = text.find(" submissions: ", at + 1)) ++batches;
  return batches;
}

}  // namespace

TEST_CASE("postgresql: nginx in front of two server processes - one killed, nothing lost or doubled, staff actions once") {
  TempDir dir;
  auto cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  REQUIRE(run({"/bin/sh", "-c",
               "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "
               "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " + key + " -out " + cert + " 2>/dev/null"})
              .code == 0);
  ServerFixture first(dir / "server", "", Engine::postgresql);
  first.set_server_option("trusted_proxies", "[\"127.0.0.1\"]");  // nginx, as docs/server.md says
  first.start();
  auto second = first.start_another("server-2");
  fs::create_directories(dir / "nginx");
  Front front(dir / "nginx", first.port(), second.port, cert, key);
  write_file(dir / "password", "rahasia-123\n");
  REQUIRE(first.admin({"user", "add", "--username", "sari", "--facility", "pkm-test", "--role", "petugas",
                       "--password-file", (dir / "password").string()})
              .code == 0);

  // Plain HTTP is sent on to HTTPS.
  auto plain = run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "http://127.0.0.1:" + std::to_string(front.http_port) + "/app/"});
  CHECK(plain.out.rfind("308 https://", 0) == 0);

  std::vector<std::unique_ptr<KioskFixture>> kiosks;
  for (int i = 1; i <= 3; ++i) {
    auto name = "kiosk-" + std::to_string(i);
    auto token = i == 1 ? first.token_file : first.add_device(name);
    kiosks.push_back(std::make_unique<KioskFixture>(dir / name, front.url(), token, "batch_items = 20"));
    kiosks.back()->device = name;
    kiosks.back()->ca_file = cert;
    kiosks.back()->set_url(front.url());
    kiosks.back()->fill(600);  // 150 written complaints each
  }
  std::vector<std::thread> syncs;
  for (auto& kiosk : kiosks) syncs.emplace_back([&] { kiosk->sync_once(); });

  // Staff at work through the front: 20 cases entered, then 20 answers.
  StaffClient sari(front.url(), cert);
  REQUIRE(sari.login("sari", "rahasia-123"));
  std::vector<int> statuses;
  std::atomic<int> actions{0};
  std::thread staff([&] {
    for (int i = 0; i < 20; ++i, ++actions)
      statuses.push_back(sari.act("/api/staff/cases", {{"received_at", core::format_iso8601(core::now())},
                                                       {"channel", "telepon"},
                                                       {"type", "keluhan"},
                                                       {"identity_mode", "anonim"},
                                                       {"content", "Lewat telepon " + std::to_string(i)}})
                             .status);
    auto list = sari.get("/api/staff/cases?sort=oldest");
    if (list.status != 200) return;
    for (const auto& c : list.body["cases"]) {
      if (statuses.size() == 40) break;
      ++actions;
      statuses.push_back(sari.act("/api/staff/cases/" + std::to_string(c["id"].get<std::int64_t>()) + "/answer",
                                  {{"channel", "telepon"}, {"text", "Sudah kami telepon"}})
                             .status);
    }
  });

  // The second process dies mid-run, with kiosks and staff at work through
  // it, and stays down.
  auto busy = [&] { return batches_in(dir / "server" / "server-2.log") >= 5 && actions >= 8; };
  for (int i = 0; i < 500 && !busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(busy());
  CHECK(actions < 40);
  second.process->signal(SIGKILL);
  second.process->wait();
  for (auto& sync : syncs) sync.join();
  staff.join();
  for (auto& kiosk : kiosks)
    for (int round = 0; round < 3 && kiosk->counts().pending > 0; ++round) kiosk->sync_once();

  // Nothing lost, nothing doubled.
  std::vector<std::string> sent;
  for (auto& kiosk : kiosks) {
    CHECK(kiosk->counts().pending == 0);
    for (const auto& id : kiosk->ids()) sent.push_back(id);
  }
  std::sort(sent.begin(), sent.end());
  CHECK(first.ids() == sent);
  CHECK(first.count("SELECT count(*) FROM cases WHERE channel = 'kiosk'") == 450);
  // Every staff action answered and done once.
  CHECK(statuses.size() == 40);
  CHECK(std::count(statuses.begin(), statuses.begin() + 20, 201) == 20);
  CHECK(std::count(statuses.begin() + 20, statuses.end(), 200) == 20);
  CHECK(first.count("SELECT count(*) FROM cases WHERE channel = 'telepon'") == 20);
  CHECK(first.count("SELECT count(DISTINCT content) FROM cases WHERE channel = 'telepon'") == 20);
  CHECK(first.count("SELECT count(*) FROM case_answers") == 20);
  CHECK(first.count("SELECT count(DISTINCT case_id) FROM case_answers") == 20);
  CHECK(first.count("SELECT count(*) FROM (SELECT max(number) AS last, count(*) AS cases FROM cases "
                    "GROUP BY facility_id, year) AS years WHERE last <> cases") == 0);
  // Both processes served through the front before one died.
  auto access = read_file(dir / "nginx" / "access.log");
  CHECK(access.find("127.0.0.1:" + std::to_string(first.port())) != std::string::npos);
  CHECK(access.find("POST /api/v1/submissions 200 127.0.0.1:" + std::to_string(second.port)) != std::string::npos);
  CHECK(access.find("POST /api/staff/cases 201 127.0.0.1:" + std::to_string(second.port)) != std::string::npos);

  // The client's own address reaches the server through the front: a failed
  // log-in from 127.0.0.2 counts against 127.0.0.2, not against nginx's.
  auto failed = run({"/usr/bin/curl", "-s", "-4", "--interface", "127.0.0.2", "--cacert", cert, "-o", "/dev/null",
                     "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data",
                     R"({"username":"sari","password":"salah"})", front.url() + "/api/staff/login"});
  CHECK(failed.out == "401");
  CHECK(first.count("SELECT count(*) FROM login_failures WHERE account = 'sari' AND address = '127.0.0.2'") == 1);
  first.stop();
}
