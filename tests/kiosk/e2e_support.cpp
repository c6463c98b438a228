// See e2e_support.hpp.
#include "tests/kiosk/e2e_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "core/i18n.hpp"

#include "tests/support/process.hpp"
#include "tests/support/samples.hpp"

namespace kotak::test {

namespace fs = std::filesystem;

namespace {

const char* kPinHash = kAdminPinHash;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

KioskFixture::KioskFixture(KioskOptions options) : options_(std::move(options)) {
  std::string config = R"([facility]
id = "pkm-klaten-tengah"
name = "Puskesmas Klaten Tengah"
[device]
id = "kiosk-lobby-1"
[storage]
database = ")" + options_.database +
                       R"("
[display]
rotation = )" + std::to_string(options_.rotation) +
                       R"(
[kiosk]
languages = )" + options_.languages +
                       R"(
idle_timeout_s = 60
idle_warning_s = 15
thanks_timeout_s = 8
tap_interval_s = 3
max_text_chars = )" + std::to_string(options_.max_text_chars) +
                       (options_.follow_up_s
                            ? "\nfollow_up_s = " + std::to_string(options_.follow_up_s)
                            : "") +
                       (options_.max_voice_seconds
                            ? "\nmax_voice_seconds = " + std::to_string(options_.max_voice_seconds)
                            : "") +
                       R"(
[skm]
url = ")" + options_.skm_url +
                       R"("
[tracking]
public_url = ")" + options_.tracking_url +
                       R"("
[admin]
pin_hash = ")" + kPinHash +
                       R"("
sync_config = "sync.toml"
usb_root = "media"
)" + options_.extra + "\n";
  if (options_.units)
    config += R"(
[[units]]
id = "pendaftaran"
label = { id = "Pendaftaran", en = "Registration" }
[[units]]
id = "poli-umum"
label = { id = "Poli Umum", en = "General clinic" }
[[units]]
id = "poli-gigi"
label = { id = "Poli Gigi", en = "Dental clinic" }
[[units]]
id = "kia"
label = { id = "KIA / KB", en = "Mother & child" }
[[units]]
id = "laboratorium"
label = { id = "Laboratorium", en = "Laboratory" }
[[units]]
id = "apotek"
label = { id = "Apotek", en = "Pharmacy" }
)";
  write_file(dir_ / "kiosk.toml", config);
}

KioskRun KioskFixture::run(const std::string& script, const std::vector<std::string>& env) const {
  static int counter = 0;
  const std::string stem = "run" + std::to_string(++counter);
  write_file(dir_ / (stem + ".script"), replace_all(script, "{out}", dir_.path().string()));
  const fs::path err = dir_ / (stem + ".err");
  std::vector<std::string> argv = {"/usr/bin/env"};
  for (const auto& e : env) argv.push_back(e);
  for (const std::string& a : {std::string(KOTAK_KIOSK_BIN), std::string("--config"),
                               config().string(), std::string("--headless"), options_.size,
                               std::string("--script"), (dir_ / (stem + ".script")).string()})
    argv.push_back(a);
  KioskRun result;
  if (options_.speech) {
    result.audio = dir_ / (stem + ".wav");
    argv.push_back("--audio-out");
    argv.push_back(result.audio.string());
  }
  if (!options_.audio_in.empty()) {
    argv.push_back("--audio-in");
    argv.push_back(options_.audio_in.string());
  }
  Process process(argv, {}, err.string());
  process.read_all(std::chrono::seconds(120));
  result.code = process.wait();
  result.err = fs::exists(err) ? read_file(err) : "";
  return result;
}

KioskRun KioskFixture::run_file(const std::string& name,
                                const std::vector<std::string>& env) const {
  return run(read_file(fs::path(KOTAK_SOURCE_DIR) / "tests" / "kiosk" / "scripts" / name), env);
}

nlohmann::json KioskFixture::dump(const std::string& name) const {
  return nlohmann::json::parse(read_file(dir_ / name));
}

std::vector<core::StoredSubmission> KioskFixture::submissions() const {
  auto store = core::Store::open(database());
  return store.pending(100000);
}

std::vector<core::Submission> KioskFixture::counted() const {
  std::vector<core::Submission> out;
  for (auto& row : submissions())
    if (!row.superseded) out.push_back(std::move(row.submission));
  return out;
}

std::vector<std::string> foreign_texts(const nlohmann::json& dump, const std::string& language) {
  const fs::path dir = fs::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" / "kiosk";
  const auto mine = core::Catalog::load(dir / (language + ".json"));
  std::set<std::string> own;
  for (const auto& key : mine.keys()) own.insert(mine.get(key));
  std::map<std::string, std::string> foreign;  // text -> where it comes from
  for (auto code : core::kLanguageCodes) {
    if (code == language) continue;
    const auto other = core::Catalog::load(dir / (std::string(code) + ".json"));
    for (const auto& key : other.keys()) {
      if (key.rfind("language.", 0) == 0 || own.count(other.get(key))) continue;
      foreign.emplace(other.get(key), std::string(code) + " " + key);
    }
  }
  std::vector<std::string> problems;
  auto check = [&](const std::string& what, const std::string& text) {
    if (auto it = foreign.find(text); it != foreign.end())
      problems.push_back(what + " \"" + text + "\" is " + it->second);
    else if (mine.contains(text))
      problems.push_back(what + " \"" + text + "\" is a raw key");
  };
  for (const auto& t : dump.at("texts")) check("text", t.at("text").get<std::string>());
  for (const auto& t : dump.at("targets"))
    check("target " + t.at("id").get<std::string>(), t.at("label").get<std::string>());
  return problems;
}

core::Submission only(const std::vector<core::StoredSubmission>& rows) {
  REQUIRE(rows.size() == 1u);
  return rows[0].submission;
}

bool shows_text(const nlohmann::json& dump, const std::string& needle) {
  for (const auto& t : dump.at("texts"))
    if (t.at("text").get<std::string>().find(needle) != std::string::npos) return true;
  return false;
}

std::vector<std::string> target_ids(const nlohmann::json& dump) {
  std::vector<std::string> ids;
  for (const auto& t : dump.at("targets")) ids.push_back(t.at("id").get<std::string>());
  return ids;
}

std::vector<std::string> size_problems(const nlohmann::json& dump) {
  std::vector<std::string> problems;
  const auto& minimum = dump.at("minimum");
  const double target = minimum.at("target"), key = minimum.at("key"), text = minimum.at("text");
  struct Box {
    std::string id;
    double x, y, w, h;
  };
  std::vector<Box> boxes;
  for (const auto& t : dump.at("targets")) {
    Box b{t.at("id"), t.at("x"), t.at("y"), t.at("w"), t.at("h")};
    const bool is_key = b.id.rfind("kbd.", 0) == 0;
    const double least = is_key ? key : target;
    if (b.w < least || b.h < least)
      problems.push_back(b.id + " is " + std::to_string(int(b.w)) + "x" + std::to_string(int(b.h)) +
                         " px, under " + std::to_string(int(least)) + " px (" +
                         (is_key ? "8" : "9") + " mm)");
    boxes.push_back(b);
  }
  // Neighbours a finger could hit by mistake: no two targets overlap (the
  // hidden hold corners lie over the header's logo, which taps nothing).
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const Box &a = boxes[i], &b = boxes[j];
      const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
      const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      if (w > 0.5 && h > 0.5) problems.push_back(a.id + " overlaps " + b.id);
    }
  for (const auto& t : dump.at("texts")) {
    const double px = t.at("px");
    if (px < text && !t.at("text").get<std::string>().empty())
      problems.push_back("text \"" + t.at("text").get<std::string>().substr(0, 40) + "\" is " +
                         std::to_string(int(px)) + " px, under " + std::to_string(int(text)) +
                         " px (3.5 mm)");
  }
  return problems;
}

std::pair<int, int> png_size(const fs::path& png) {
  std::ifstream in(png, std::ios::binary);
  unsigned char header[24] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (!in) return {0, 0};
  auto be32 = [&](int at) {
    return (header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) | header[at + 3];
  };
  return {be32(16), be32(20)};
}

std::string zbar(const fs::path& png) {
  // zbarimg complains on standard error about D-Bus on machines without it.
  Process process({"/usr/bin/zbarimg", "--quiet", png.string()}, {}, "/dev/null");
  std::string out = process.read_all(std::chrono::seconds(30));
  process.wait();
  return out;
}

Sound measure(const fs::path& wav) {
  // sox prints its statistics on standard error.
  Process process({"/bin/sh", "-c", "exec sox \"$0\" -n stat 2>&1", wav.string()});
  const std::string out = process.read_all(std::chrono::seconds(60));
  REQUIRE_MESSAGE(process.wait() == 0, out);
  auto field = [&](const std::string& name) {
    const auto at = out.find(name);
    REQUIRE_MESSAGE(at != std::string::npos, out);
    return std::stod(out.substr(out.find(':', at) + 1));
  };
  return Sound{field("Length (seconds)"), field("RMS     amplitude")};
}

fs::path screenshot_dir(const std::string& name) {
  fs::path dir = fs::path(KOTAK_SCREENSHOTS) / name;
  fs::create_directories(dir);
  return dir;
}

}  // namespace kotak::test
