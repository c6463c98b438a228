// Running the real kotak-kiosk headless for end-to-end tests: a kiosk
// config in a fresh directory, a script with {out} standing for that
// directory, the exit code and standard error, and the database to check.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace kotak::test {

struct KioskOptions {
  std::string size = "800x480";
  int rotation = 0;
  int max_text_chars = 1000;
  int follow_up_s = 0;  // 0: left out of the config (its default)
  std::string languages = R"(["id", "en"])";  // [kiosk] languages, as TOML
  std::string tracking_url = "https://kotak.klatenkab.go.id";
  std::string skm_url = "https://skm.klatenkab.go.id";
  std::string extra;  // more TOML appended to [admin] ... (whole sections)
  bool units = true;
  std::string database = "kiosk.db";
  // Runs with --audio-out (a WAV per run, KioskRun::audio): the kiosk has
  // a voice and shows its "Dengarkan" buttons.
  bool speech = false;
  // Runs with --audio-in: the microphone hears this WAV file, and "Rekam
  // suara" is offered. Empty: no microphone.
  std::filesystem::path audio_in;
  int max_voice_seconds = 0;  // 0: left out of the config (its default)
};

struct KioskRun {
  int code = 0;
  std::string err;  // standard error: the kiosk's log and any script error
  std::filesystem::path audio;  // what it said, with KioskOptions::speech
};

// A WAV file as sox measures it (`sox FILE -n stat`).
struct Sound {
  double seconds = 0;
  double rms = 0;  // RMS amplitude, 0..1
};
Sound measure(const std::filesystem::path& wav);

class KioskFixture {
 public:
  explicit KioskFixture(KioskOptions options = {});
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config() const { return dir_ / "kiosk.toml"; }
  std::filesystem::path database() const { return dir_ / options_.database; }
  // Runs the script ({out} replaced by the directory); env entries are
  // NAME=value and replace the inherited ones.
  KioskRun run(const std::string& script, const std::vector<std::string>& env = {}) const;
  KioskRun run_file(const std::string& name, const std::vector<std::string>& env = {}) const;
  nlohmann::json dump(const std::string& name) const;
  // Every row, in order; counted(): without the faces a correction replaced.
  std::vector<core::StoredSubmission> submissions() const;
  std::vector<core::Submission> counted() const;

 private:
  KioskOptions options_;
  TempDir dir_;
};

// The one row of a kiosk database that must hold exactly one (REQUIREd).
core::Submission only(const std::vector<core::StoredSubmission>& rows);

// The example config's PIN (its hash is in the config the fixture writes).
inline constexpr const char* kPin = "246810";

// True when a dump lists a text containing needle.
bool shows_text(const nlohmann::json& dump, const std::string& needle);
// What a dump shows that is not in `language`: the whole text of another
// kiosk catalog's entry where `language` says something else (a word left
// untranslated), or a raw catalog key. The languages' own names (the
// language buttons) are not foreign. One line each, empty when all is well.
std::vector<std::string> foreign_texts(const nlohmann::json& dump, const std::string& language);
// The ids of a dump's targets.
std::vector<std::string> target_ids(const nlohmann::json& dump);
// What in a dump is under the smallest sizes of its panel (the dump's
// "minimum": 9 mm targets, 8 mm keyboard keys, 3.5 mm text), or tappable
// targets that overlap; one line each, empty when all is well.
std::vector<std::string> size_problems(const nlohmann::json& dump);
// Width and height from a PNG's header.
std::pair<int, int> png_size(const std::filesystem::path& png);
// What zbarimg reads from an image: one "QR-Code:..." line per code.
std::string zbar(const std::filesystem::path& png);
// Where the end-to-end tests leave screenshots for people to look at.
std::filesystem::path screenshot_dir(const std::string& name);

}  // namespace kotak::test
