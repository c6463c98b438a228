// The kiosk speaks (issue 11, "Spoken prompts"): the real kotak-kiosk,
// headless, writes what it says to a WAV file (--audio-out) played in step
// with the virtual clock; sox measures its length and loudness.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "tests/kiosk/e2e_support.hpp"
#include "tests/support/process.hpp"

using namespace kotak;
using kotak::test::KioskFixture;
using kotak::test::KioskOptions;

namespace {

// Each patient screen and the taps that lead to it from the one before
// (a written complaint with contact details, then the survey from home).
struct Step {
  const char* screen;
  const char* taps;
};
const Step kWritten[] = {
    {"home", ""},
    {"unit", "tap home.face.3"},
    {"want_write", "tap unit.poli-umum"},
    {"write_type", "tap want_write.yes"},
    {"write_text", "tap write_type.keluhan\ntype Antrean lama"},
    {"identity", "tap write_text.next"},
    {"contact_name", "tap identity.named\ntype Sari"},
    {"contact_phone", "tap contact_name.next\ntype 0812 3456 7890"},
    {"contact_address", "tap contact_phone.next"},
    {"confidential", "tap contact_address.next"},
    {"urgent", "tap confidential.no"},
    {"review", "tap urgent.yes"},
    {"thanks", "tap review.send"},
};
const Step kSurvey[] = {
    {"skm_intro", "tap home.skm"},
    {"skm_sex", "tap skm_intro.profile"},
    {"skm_age", "tap skm_sex.P"},
    {"skm_education", "tap skm_age.30-39"},
    {"skm_occupation", "tap skm_education.SMA"},
    {"skm_service", "tap skm_occupation.Wirausaha"},
    {"skm_question", "tap skm_service.kia"},
    {"skm_send",
     "tap skm_question.answer.3\ntap skm_question.skip\ntap skm_question.skip\n"
     "tap skm_question.skip\ntap skm_question.skip\ntap skm_question.skip\n"
     "tap skm_question.skip\ntap skm_question.skip\ntap skm_question.skip"},
};

// The taps from a fresh kiosk to `screen`, or "" with found false.
std::string taps_to(const std::string& screen, bool& found) {
  std::string script;
  found = true;
  for (const auto& steps : {std::vector<Step>(std::begin(kWritten), std::end(kWritten)),
                            std::vector<Step>(std::begin(kSurvey), std::end(kSurvey))}) {
    script.clear();
    for (const auto& step : steps) {
      script += std::string(step.taps) + "\n";
      if (screen == step.screen) return script + "expect " + screen + "\n";
    }
  }
  found = false;
  return {};
}

// Targets that are the screen's choices: every one of its own but the bar's.
bool is_choice(const std::string& screen, const std::string& id) {
  if (id.rfind(screen + ".", 0) != 0) return false;
  const std::string rest = id.substr(screen.size() + 1);
  for (const char* bar : {"back", "listen", "next", "skip", "send", "done", "field", "admin",
                          "large_text"})
    if (rest == bar) return false;
  return rest.rfind("lang.", 0) != 0 && rest.find(".up") == std::string::npos &&
         rest.find(".down") == std::string::npos;
}

bool has_listen(const nlohmann::json& dump) {
  for (const auto& id : test::target_ids(dump))
    if (id.size() > 7 && id.substr(id.size() - 7) == ".listen") return true;
  return false;
}

KioskOptions speaking(std::string extra = {}) {
  KioskOptions options;
  options.speech = true;
  options.extra = std::move(extra);
  return options;
}

}  // namespace

TEST_CASE("Dengarkan on every patient screen reads its question and choices - non-silent, of plausible length") {
  const KioskFixture k(speaking());
  std::vector<std::string> screens;
  for (const auto& s : kWritten) screens.emplace_back(s.screen);
  for (const auto& s : kSurvey) screens.emplace_back(s.screen);
  for (const auto& screen : screens) {
    CAPTURE(screen);
    bool found = false;
    const std::string script = taps_to(screen, found) + "dump {out}/" + screen +
                               ".json\ntap " + screen + ".listen\nadvance 45\n";
    REQUIRE(found);
    std::filesystem::remove(k.database());
    const auto run = k.run(script);
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const auto dump = k.dump(screen + ".json");
    const std::string spoken = dump.at("spoken");
    CAPTURE(spoken);
    REQUIRE(spoken.size() > 10);
    // The words are the screen's own: each choice's label is read.
    int choices = 0;
    for (const auto& t : dump.at("targets")) {
      const std::string id = t.at("id"), label = t.at("label");
      if (!is_choice(screen, id) || label.empty()) continue;
      CHECK_MESSAGE(spoken.find(label) != std::string::npos, id << " \"" << label << "\" not read");
      ++choices;
    }
    if (screen == "home") CHECK(choices == 7);  // four faces, write, survey, check a ticket
    if (screen == "skm_question") CHECK(choices == 4);
    // Real speech: loud enough to hear, about as long as its words need
    // (150 words a minute: some 12 to 20 characters a second).
    const auto sound = test::measure(run.audio);
    const double chars = static_cast<double>(spoken.size());
    CHECK(sound.rms > 0.02);
    CHECK(sound.seconds > chars / 40);
    CHECK(sound.seconds < chars / 6);
    CHECK(sound.seconds < 44);  // it ended within the time given
  }
}

TEST_CASE("a tap elsewhere stops the voice - shorter than the whole prompt") {
  const KioskFixture k(speaking());
  const auto whole = k.run("tap home.listen\nadvance 45\n");
  REQUIRE_MESSAGE(whole.code == 0, whole.err);
  const auto stopped =
      k.run("tap home.listen\nadvance 2\ntap home.lang.en\nadvance 45\ndump {out}/en.json\n");
  REQUIRE_MESSAGE(stopped.code == 0, stopped.err);
  const double full = test::measure(whole.audio).seconds;
  const double cut = test::measure(stopped.audio).seconds;
  CHECK(full > 8);
  CHECK(cut > 1.5);
  CHECK(cut < 3);  // two seconds and the tap's few frames
  CHECK(k.dump("en.json").at("speaking") == false);
  // In English now, the button reads the English words.
  const std::string english = k.dump("en.json").at("spoken");
  CHECK(english.find("How was our service today?") == 0);
  CHECK(english.find("The choices are:") != std::string::npos);
}

TEST_CASE("muted by volume 0 or enabled = false - nothing is spoken, no button, the log says why") {
  for (const char* setting : {"volume = 0", "enabled = false"}) {
    CAPTURE(setting);
    const KioskFixture k(speaking(std::string("[speech]\nauto = true\n") + setting + "\n"));
    const auto run = k.run(
        "dump {out}/home.json\ntap home.face.3\nadvance 5\ndump {out}/unit.json\n"
        "tap unit.poli-umum\nadvance 5\n");
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK_FALSE(has_listen(k.dump("home.json")));
    CHECK_FALSE(has_listen(k.dump("unit.json")));
    CHECK(run.err.find(std::string("speech off: [speech] ") + setting) != std::string::npos);
    REQUIRE(std::filesystem::exists(run.audio));
    CHECK(std::filesystem::file_size(run.audio) == 44);  // a WAV header, no sound
    CHECK(test::measure(run.audio).seconds == 0);
  }
}

TEST_CASE("no audio device - the kiosk works without the button and the log says why") {
  // Headless without --audio-out: no sound at all.
  const KioskFixture k;
  const auto run = k.run("dump {out}/home.json\ntap home.face.3\nexpect unit\ndump {out}/unit.json\n");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  CHECK_FALSE(has_listen(k.dump("home.json")));
  CHECK_FALSE(has_listen(k.dump("unit.json")));
  CHECK(run.err.find("speech off: a headless run without --audio-out; the \"Dengarkan\" button is "
                     "hidden") != std::string::npos);
  CHECK(k.counted().size() == 1);  // the face was stored all the same

  // The real frame loop on a machine whose SDL has no sound: it starts,
  // draws, says why it is silent, and stops cleanly.
  const auto err = k.dir() / "display.err";
  test::Process kiosk({"/usr/bin/env", "SDL_VIDEODRIVER=dummy", "SDL_AUDIODRIVER=kotak-no-such-driver",
                       "SDL_RENDER_DRIVER=software", KOTAK_KIOSK_BIN, "--config", k.config().string()},
                      {}, err.string());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline &&
         (!std::filesystem::exists(err) ||
          test::read_file(err).find("first frame on screen") == std::string::npos))
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kiosk.signal(SIGTERM);
  CHECK(kiosk.wait() == 0);
  const std::string log = test::read_file(err);
  CAPTURE(log);
  CHECK(log.find("first frame on screen") != std::string::npos);
  CHECK(log.find("speech off: SDL cannot start audio") != std::string::npos);
}

TEST_CASE("auto mode reads each screen a tap brings up - not the first home, not in quiet hours") {
  const KioskFixture k(speaking("[speech]\nauto = true\n"));
  // Nobody has touched it: home is not read to an empty room.
  const auto idle = k.run("advance 30\n");
  REQUIRE_MESSAGE(idle.code == 0, idle.err);
  CHECK(test::measure(idle.audio).seconds == 0);
  // A face: the unit question is read without a tap on "Dengarkan".
  const auto face = k.run("tap home.face.3\nexpect unit\ndump {out}/unit.json\nadvance 45\n");
  REQUIRE_MESSAGE(face.code == 0, face.err);
  const auto sound = test::measure(face.audio);
  CHECK(sound.seconds > 5);
  CHECK(sound.rms > 0.02);
  CHECK(k.dump("unit.json").at("speaking") == true);

  // Quiet hours around the kiosk's present local time: nothing by itself,
  // but "Dengarkan" still works.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const int minute = local.tm_hour * 60 + local.tm_min;
  auto hhmm = [](int m) {
    m = (m + 24 * 60) % (24 * 60);
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", m / 60, m % 60);
    return std::string(text);
  };
  const KioskFixture quiet(speaking("[speech]\nauto = true\nquiet_hours = \"" + hhmm(minute - 120) +
                                    "-" + hhmm(minute + 120) + "\"\n"));
  const auto hushed = quiet.run("tap home.face.3\nexpect unit\nadvance 30\n");
  REQUIRE_MESSAGE(hushed.code == 0, hushed.err);
  CHECK(test::measure(hushed.audio).seconds == 0);
  const auto asked = quiet.run("tap home.face.3\nexpect unit\ntap unit.listen\nadvance 45\n");
  REQUIRE_MESSAGE(asked.code == 0, asked.err);
  CHECK(test::measure(asked.audio).seconds > 5);
}

TEST_CASE("the idle timer waits while the kiosk speaks, and runs again after") {
  const KioskFixture k(speaking());
  // Silent: the "Masih di sana?" card comes 60 s after the last touch.
  const auto silent = k.run("tap home.write\ntap unit.skip\nexpect write_type\nadvance 62\nexpect still_there\n");
  CHECK_MESSAGE(silent.code == 0, silent.err);
  // Speaking: the same 62 s hold the screen, as the idle time counts from
  // the end of the speech; after 60 s more the timer has run out.
  const auto spoken = k.run(
      "tap home.write\ntap unit.skip\nexpect write_type\ntap write_type.listen\nadvance 62\n"
      "expect write_type\nadvance 60\nexpect home\n");
  CHECK_MESSAGE(spoken.code == 0, spoken.err);
  CHECK(spoken.err.find("idle timeout on write_type") != std::string::npos);
  CHECK(test::measure(spoken.audio).seconds > 3);
  // The follow-up after a face (20 s) waits for its words too.
  const auto follow = k.run("tap home.face.3\nexpect unit\ntap unit.listen\nadvance 25\nexpect unit\n");
  CHECK_MESSAGE(follow.code == 0, follow.err);
}
