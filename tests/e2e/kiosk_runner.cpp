// The real kotak-kiosk in end-to-end tests (harness.hpp): its config and a
// headless run. Only the e2e binary knows where the kiosk is built.
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

namespace kotak::test {

void write_kiosk_config(const KioskFixture& kiosk, const std::string& extra,
                        const std::string& device_id) {
  std::string config = "[facility]\nid = \"pkm-test\"\nname = \"Puskesmas Uji\"\n";
  config += "[device]\nid = \"" + device_id + "\"\n[storage]\ndatabase = \"";
  config += kiosk.database.string();
  config += "\"\n";
  config += extra;
  config += "[admin]\npin_hash = \"" + std::string(kAdminPinHash) + "\"\nsync_config = \"";
  config += kiosk.config.string();
  config += "\"\n";
  for (const char* unit : {"poli-umum", "kia"})
    config += std::string("[[units]]\nid = \"") + unit + "\"\nlabel = { id = \"" + unit + "\" }\n";
  write_file(kiosk.dir / "kiosk.toml", config);
}

Outcome run_kiosk(const KioskFixture& kiosk, const std::string& name, const std::string& script,
                  const std::vector<std::string>& prefix, const std::vector<std::string>& args) {
  write_file(kiosk.dir / name, script);
  const std::string sync_dir = std::filesystem::path(Binaries::sync()).parent_path().string();
  std::vector<std::string> argv = prefix;
  for (const std::string& arg :
       {std::string("/usr/bin/env"), "PATH=" + sync_dir + ":/usr/bin:/bin",
        std::string(KOTAK_KIOSK_BIN), std::string("--config"), (kiosk.dir / "kiosk.toml").string(),
        std::string("--headless"), std::string("800x480"), std::string("--script"),
        (kiosk.dir / name).string()})
    argv.push_back(arg);
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, kiosk.dir);
}

}  // namespace kotak::test
