// What the end-to-end tests share: a real kotak-server on a free loopback
// port with a facility and a device enrolled, a kiosk database filled by
// kotak-kiosk-filler, kotak-sync configured against the server (or a
// proxy), and ways to look at both databases afterwards.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

namespace kotak::test {

struct Binaries {
  static std::string server() { return KOTAK_SERVER_BIN; }
  static std::string sync() { return KOTAK_SYNC_BIN; }
  static std::string filler() { return KOTAK_FILLER_BIN; }
  static std::string proxy() { return KOTAK_PROXY_BIN; }
};

// A command's exit code with its stdout and stderr.
struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};
// env with libfaketime before a program: its clock `hours` away from this
// test's. Under `make test-moved-clock` the tests run in faketime already
// (FAKETIME=+400d); the inner offset says both, and the program leaves the
// outer run's shared state alone (the `faketime` program's semaphore, named
// by its process id, a killed run leaves for a later one to fail on).
std::vector<std::string> clock_moved_hours(int hours);
Outcome run_command(const std::vector<std::string>& argv, const std::filesystem::path& workdir,
                    std::chrono::milliseconds timeout = std::chrono::seconds(120));

class ServerFixture {
 public:
  // Writes server.toml in dir/name for a database of its own on the engine
  // under test (test_database.hpp), adds facility pkm-test and device
  // kiosk-1 with its token in dir/name/device.token.
  ServerFixture(const std::filesystem::path& dir, const std::string& extra_config = "",
                Engine engine = test_engine());
  ~ServerFixture();

  // Starts `serve`; port 0 picks a free port (remembered for restarts);
  // prefix goes before the command (env with libfaketime, to move the
  // server's clock).
  void start(int port = 0, const std::vector<std::string>& prefix = {});
  // Another `serve` process on the same database (several processes behind
  // one front), with its own config copy and log; port 0: any free port.
  struct Extra {
    std::unique_ptr<Process> process;
    int port = 0;
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  };
  Extra start_another(const std::string& name, int port = 0);
  // Enrolls another device of pkm-test; returns its token file.
  std::filesystem::path add_device(const std::string& name);
  void kill();  // SIGKILL, as a power cut would
  void stop();  // SIGTERM, and checks it exits 0
  bool running();
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Sets a key of [server] in the config (before start).
  void set_server_option(const std::string& key, const std::string& value);
  // The running server's process id.
  int pid() const;
  Outcome admin(const std::vector<std::string>& args);
  // Number of POST /api/v1/submissions the server logged since start.
  int batches_logged();
  std::int64_t count(const std::string& sql) { return database.count(sql); }
  std::string text(const std::string& sql) { return database.text(sql); }
  // A dump of every stored submission with its parts, for comparing servers.
  std::string dump();
  // The ids stored, sorted.
  std::vector<std::string> ids();

  std::filesystem::path dir;
  TestDatabase database;
  std::filesystem::path config;
  std::filesystem::path token_file;
  std::filesystem::path log;

 private:
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

class KioskFixture {
 public:
  // A kiosk database and a sync.toml in dir/name using token_file.
  KioskFixture(const std::filesystem::path& dir, const std::string& url,
               const std::filesystem::path& token_file, const std::string& extra_sync = "");

  void fill(int count);
  std::string device = "kiosk-1";  // of pkm-test, whose answers fill() makes
  std::filesystem::path ca_file;   // the CA of an https server (then set_url)
  // Points sync at another URL (a restarted server, a proxy).
  void set_url(const std::string& url);
  Outcome sync_once();
  Outcome sync(const std::vector<std::string>& args);
  // `kotak-sync once` after prefix (faketime, to move the kiosk's clock).
  Outcome sync_once_with(const std::vector<std::string>& prefix,
                         const std::vector<std::string>& args = {"once"});
  core::StateCounts counts();
  core::SyncStatus status();
  std::vector<std::string> ids();  // every submission id, in creation order

  std::filesystem::path dir;
  std::filesystem::path database;
  std::filesystem::path config;

 private:
  void write_config();
  std::string url_;
  std::filesystem::path token_file_;
  std::string extra_;
};

// A dashboard account of the server's facility pkm-test (password from a
// file beside the server), and a log-in over HTTP: the session cookie
// ("name=value") to send with staff requests.
void add_staff(ServerFixture& server, const std::string& username, const std::string& role,
               const std::string& password);
std::string staff_cookie(const ServerFixture& server, const std::string& username,
                         const std::string& password);

// kiosk.toml in the kiosk's dir for the real kotak-kiosk: facility pkm-test,
// the device id, its database, the test PIN (samples.hpp), the admin
// screen's sync config and units poli-umum and kia; extra TOML is appended
// (a [kiosk] table, say).
void write_kiosk_config(const KioskFixture& kiosk, const std::string& extra = "",
                        const std::string& device_id = "kiosk-1");
// Runs kotak-kiosk headless at 800x480 with the script (written to
// kiosk.dir/name); the admin screen finds the kotak-sync under test on PATH.
// prefix goes before the command (faketime, to move the kiosk's clock).
// args go after the script (--audio-in FILE, say).
Outcome run_kiosk(const KioskFixture& kiosk, const std::string& name, const std::string& script,
                  const std::vector<std::string>& prefix = {},
                  const std::vector<std::string>& args = {});

}  // namespace kotak::test
