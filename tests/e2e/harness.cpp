// See harness.hpp.
#include "tests/e2e/harness.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/sqlite.hpp"

namespace kotak::test {

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quoted(const fs::path& path) {
  std::string out = "\"";
  out += path.string();
  out += '"';
  return out;
}

}  // namespace

Outcome run_command(const std::vector<std::string>& argv, const fs::path& workdir,
                    std::chrono::milliseconds timeout) {
  static std::atomic<int> counter{0};
  auto err_file = workdir / ("command-" + std::to_string(++counter) + ".err");
  Outcome outcome;
  {
    Process process(argv, {}, err_file.string());
    outcome.out = process.read_all(timeout);
    if (!process.output_closed()) process.signal(SIGKILL);
    outcome.code = process.wait();
  }
  outcome.err = slurp(err_file);
  fs::remove(err_file);
  return outcome;
}

ServerFixture::ServerFixture(const fs::path& where, const std::string& extra_config, Engine engine)
    : dir((fs::create_directories(where), where)), database(where, engine) {
  config = dir / "server.toml";
  token_file = dir / "device.token";
  log = dir / "server.log";
  write_file(config, "[server]\nlisten = \"127.0.0.1\"\nport = 0\nthreads = 4\n" +
                         database.config_toml() + extra_config);
  auto facility = admin({"facility", "add", "--id", "pkm-test", "--name", "Puskesmas Uji"});
  if (facility.code != 0) throw std::runtime_error("facility add failed: " + facility.err);
  auto device = admin({"device", "add", "--facility", "pkm-test", "--name", "kiosk-1",
                       "--token-file", token_file.string()});
  if (device.code != 0) throw std::runtime_error("device add failed: " + device.err);
}

ServerFixture::~ServerFixture() {
  if (process_) kill();
}

std::vector<std::string> clock_moved_hours(int hours) {
  int outer_days = 0;
  if (const char* shift = std::getenv("FAKETIME"); shift && *shift) {
    std::string text = shift;
    if (text.size() < 3 || text.back() != 'd')
      throw std::runtime_error("the tests understand FAKETIME of the form +400d, not " + text);
    outer_days = std::stoi(text.substr(0, text.size() - 1));
  }
  char spec[24];
  std::snprintf(spec, sizeof spec, "%+dh", outer_days * 24 + hours);
  return {"/usr/bin/env", "-u", "FAKETIME_SHARED", "LD_PRELOAD=" KOTAK_LIBFAKETIME, std::string("FAKETIME=") + spec,
          "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

void ServerFixture::start(int port, const std::vector<std::string>& prefix) {
  if (port == 0) port = port_;
  // The config names the port: 0 the first time, the same one on restarts.
  auto text = slurp(config);
  auto at = text.find("port = ");
  auto end = text.find('\n', at);
  text.replace(at, end - at, "port = " + std::to_string(port));
  write_file(config, text);
  auto argv = prefix;
  for (const auto& arg : {Binaries::server(), std::string("serve"), std::string("--config"), config.string()})
    argv.push_back(arg);
  process_ = std::make_unique<Process>(argv, std::vector<std::string>{}, log.string());
  auto line = process_->read_line(std::chrono::seconds(20));
  if (!line || line->find("listening on") == std::string::npos)
    throw std::runtime_error("kotak-server did not start; see " + log.string());
  port_ = std::stoi(line->substr(line->rfind(':') + 1));
}

ServerFixture::Extra ServerFixture::start_another(const std::string& name, int port) {
  auto text = slurp(config);
  auto at = text.find("port = ");
  text.replace(at, text.find('\n', at) - at, "port = " + std::to_string(port));
  auto extra_config = dir / (name + ".toml");
  write_file(extra_config, text);
  Extra extra;
  extra.process = std::make_unique<Process>(
      std::vector<std::string>{Binaries::server(), "serve", "--config", extra_config.string()},
      std::vector<std::string>{}, (dir / (name + ".log")).string());
  auto line = extra.process->read_line(std::chrono::seconds(20));
  if (!line || line->find("listening on") == std::string::npos)
    throw std::runtime_error("kotak-server " + name + " did not start; see " + (dir / (name + ".log")).string());
  extra.port = std::stoi(line->substr(line->rfind(':') + 1));
  return extra;
}

fs::path ServerFixture::add_device(const std::string& name) {
  auto file = dir / (name + ".token");
  auto added = admin({"device", "add", "--facility", "pkm-test", "--name", name, "--token-file", file.string()});
  if (added.code != 0) throw std::runtime_error("device add failed: " + added.err);
  return file;
}

void ServerFixture::kill() {
  if (!process_) return;
  process_->signal(SIGKILL);
  process_->wait();
  process_.reset();
}

void ServerFixture::stop() {
  if (!process_) return;
  process_->signal(SIGTERM);
  int code = process_->wait();
  process_.reset();
  if (code != 0) throw std::runtime_error("kotak-server exited with " + std::to_string(code));
}

void ServerFixture::set_server_option(const std::string& key, const std::string& value) {
  auto text = slurp(config);
  text.insert(text.find("[server]\n") + 9, key + " = " + value + "\n");
  write_file(config, text);
}

int ServerFixture::pid() const { return process_ ? process_->pid() : -1; }

bool ServerFixture::running() { return process_ && ::kill(process_->pid(), 0) == 0; }

Outcome ServerFixture::admin(const std::vector<std::string>& args) {
  std::vector<std::string> argv{Binaries::server(), "--config", config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, dir);
}

int ServerFixture::batches_logged() {
  std::istringstream lines(slurp(log));
  int count = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.find(" submissions: ") != std::string::npos) ++count;
  return count;
}

std::string ServerFixture::dump() {
  std::string out;
  auto add = [&](const std::string& sql) {
    for (const auto& row : database.rows(sql)) {
      for (const auto& column : row) out += column + "|";
      out += "\n";
    }
  };
  add("SELECT id, facility_id, device_id, content_hash, created_at_ms, utc_offset_min, kind, "
      "rating, unit, type, text, urgent, identity_mode, language, flags, ticket "
      "FROM submissions ORDER BY id");
  add("SELECT submission_id, name, phone, address FROM identities ORDER BY submission_id");
  add("SELECT s.id, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.sex, r.age_group, "
      "r.education, r.occupation, r.service FROM skm_responses r JOIN submissions s ON "
      "s.seq = r.submission_seq ORDER BY s.id");
  add("SELECT submission_id, device_id, content_hash, content FROM conflicts ORDER BY "
      "submission_id, content_hash");
  return out;
}

KioskFixture::KioskFixture(const fs::path& where, const std::string& url,
                           const fs::path& token_file, const std::string& extra_sync)
    : dir(where), url_(url), token_file_(token_file), extra_(extra_sync) {
  fs::create_directories(dir);
  database = dir / "kiosk.db";
  config = dir / "sync.toml";
  write_config();
}

void KioskFixture::write_config() {
  // Quick timeouts and retries, so that the tests of bad networks stay short.
  std::map<std::string, std::string> sync{{"batch_items", "200"},    {"connect_timeout_s", "2"},
                                          {"timeout_s", "10"},       {"low_speed_time_s", "5"},
                                          {"retries", "2"},          {"backoff_initial_ms", "20"},
                                          {"backoff_max_ms", "2000"}};
  std::istringstream lines(extra_);
  for (std::string line; std::getline(lines, line);) {
    auto eq = line.find(" = ");
    if (eq != std::string::npos) sync[line.substr(0, eq)] = line.substr(eq + 3);
  }
  // A short retention, so that the retention test needs no old clock.
  std::string retention = sync.count("retention_days") ? sync["retention_days"] : "7";
  sync.erase("retention_days");
  std::string text = "[server]\nurl = \"" + url_ + "\"\ntoken_file = " + quoted(token_file_) +
                     (ca_file.empty() ? std::string() : "\nca_file = " + quoted(ca_file)) +
                     "\n[storage]\ndatabase = " + quoted(database) +
                     "\nretention_days = " + retention + "\n[sync]\n";
  for (const auto& [key, value] : sync) text += key + " = " + value + "\n";
  write_file(config, text);
}

void KioskFixture::fill(int count) {
  auto outcome = run_command(
      {Binaries::filler(), database.string(), std::to_string(count), "pkm-test", device}, dir);
  if (outcome.code != 0) throw std::runtime_error("kotak-kiosk-filler failed: " + outcome.err);
}

void KioskFixture::set_url(const std::string& url) {
  url_ = url;
  write_config();
}

Outcome KioskFixture::sync_once() { return sync({"once"}); }

Outcome KioskFixture::sync(const std::vector<std::string>& args) { return sync_once_with({}, args); }

Outcome KioskFixture::sync_once_with(const std::vector<std::string>& prefix,
                                     const std::vector<std::string>& args) {
  std::vector<std::string> argv = prefix;
  argv.push_back(Binaries::sync());
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--config");
  argv.push_back(config.string());
  return run_command(argv, dir);
}

core::StateCounts KioskFixture::counts() {
  return core::Store::open(database, {.create = false, .quick_check = false}).counts();
}

core::SyncStatus KioskFixture::status() {
  auto status = core::Store::open(database, {.create = false, .quick_check = false}).sync_status();
  if (!status) throw std::runtime_error("no sync status was recorded");
  return *status;
}

std::vector<std::string> KioskFixture::ids() {
  auto db = core::sql::Database::open(database, false, true);
  std::vector<std::string> out;
  auto statement = db.prepare("SELECT id FROM submissions ORDER BY seq");
  while (statement.step()) out.push_back(statement.text(0));
  return out;
}

void add_staff(ServerFixture& server, const std::string& username, const std::string& role,
               const std::string& password) {
  const fs::path file = server.dir / ("password-" + username);
  write_file(file, password + "\n");
  auto added = server.admin({"user", "add", "--username", username, "--name", username,
                             "--facility", "pkm-test", "--role", role, "--password-file",
                             file.string()});
  if (added.code != 0) throw std::runtime_error("user add failed: " + added.err);
}

std::string staff_cookie(const ServerFixture& server, const std::string& username,
                         const std::string& password) {
  httplib::Client http("127.0.0.1", server.port());
  auto login = http.Post("/api/staff/login",
                         nlohmann::json{{"username", username}, {"password", password}}.dump(),
                         "application/json");
  if (!login || login->status != 200) throw std::runtime_error("staff log-in failed");
  auto cookie = login->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

std::vector<std::string> ServerFixture::ids() {
  std::vector<std::string> out;
  for (const auto& row : database.rows("SELECT id FROM submissions ORDER BY id")) out.push_back(row.front());
  return out;
}

}  // namespace kotak::test
