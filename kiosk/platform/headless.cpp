// See headless.hpp.
#include "kiosk/platform/headless.hpp"

#include <SDL.h>
#include <signal.h>
#include <stb_image_write.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/log.hpp"
#include "kiosk/platform/microphone.hpp"
#include "kiosk/platform/runner.hpp"
#include "kiosk/platform/script.hpp"
#include "kiosk/platform/speaker.hpp"
#include "kiosk/text_editor.hpp"

namespace kotak::kiosk {

namespace fs = std::filesystem;

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

double ms_since_process_start() {
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start at ") ".
  auto close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i)
    if (i == 22) {
      double start_s = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
      timespec now{};
      clock_gettime(CLOCK_BOOTTIME, &now);
      return (static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9 - start_s) *
             1000;
    }
  return 0;
}

namespace {

constexpr double kFrame = 1.0 / 60.0;

class Driver {
 public:
  Driver(App& app, Clock& clock, FrameRunner& runner, SDL_Surface* surface, Speech& speech,
         AudioIn* mic)
      : app_(app), clock_(clock), runner_(runner), surface_(surface), speech_(speech), mic_(mic) {}

  void step(double dt, bool render = false) {
    // The voice is made on its own thread in real time; the virtual clock
    // plays it only once made, so a run says the same every time.
    if (speech_.speaker) speech_.speaker->wait_made(60);
    clock_.advance(dt);
    if (speech_.out) speech_.out->advance(dt);
    if (mic_) mic_->advance(dt);
    app_.update();
    PointerFrame pointer = touch_.next_frame();
    runner_.frame(app_, pointer, clock_.now(), dt, render);
    if (render) {
      frame_ms_.push_back(runner_.last_frame_ms());
      frame_cpu_ms_.push_back(runner_.last_frame_cpu_ms());
    }
  }

  void run(const Command& c) {
    switch (c.type) {
      case Command::Type::tap:
        tap(find(c.text).rect.center());
        break;
      case Command::Type::tap_xy:
        tap(runner_.rotation().to_logical({c.x, c.y}));
        break;
      case Command::Type::type:
        type(c.text);
        break;
      case Command::Type::advance: {
        // A screen that changed by itself (a timeout) guards against
        // presses for a moment, as after a tap.
        const std::string before = app_.screen_label();
        // While the kiosk speaks it draws four frames a second, holding the
        // idle timer (App::next_wake); so does the virtual clock.
        double left = c.seconds;
        while (left > 0 && app_.speaking()) {
          const double slice = std::min(0.25, left);
          step(slice);
          left -= slice;
        }
        if (left > 0) step(left);
        step(kFrame);
        if (app_.screen_label() != before) step(0.4);
        break;
      }
      case Command::Type::frames:
        for (int i = 0; i < c.count; ++i) step(kFrame, true);
        break;
      case Command::Type::shot:
        shot(c.text);
        break;
      case Command::Type::dump:
        dump(c.text);
        break;
      case Command::Type::expect:
        if (app_.screen_label() != c.text)
          throw ScriptError("expected screen \"" + c.text + "\" but \"" + app_.screen_label() +
                            "\" is on screen" + listing());
        break;
      case Command::Type::hold:
        hold(find(c.text).rect.center(), c.seconds);
        break;
      case Command::Type::drag:
        drag(runner_.rotation().to_logical({c.x, c.y}),
             runner_.rotation().to_logical({c.x2, c.y2}));
        break;
      case Command::Type::wait_task:
        app_.wait_for_task(30);
        step(kFrame);
        break;
      case Command::Type::sync:
        app_.start_sync();
        app_.wait_for_task(60);
        if (app_.kiosk().task.status != TaskState::Status::done)
          throw ScriptError("sync: kotak-sync did not end well: " + app_.kiosk().task.output);
        step(kFrame);
        break;
      case Command::Type::power_cut:
        // No destructor, no flush, no atexit: what is not committed is gone.
        std::cerr << std::flush;
        raise(SIGKILL);
        break;
    }
  }

  const std::vector<double>& frame_ms() const { return frame_ms_; }
  const std::vector<double>& frame_cpu_ms() const { return frame_cpu_ms_; }
  void forget_frames() {
    frame_ms_.clear();
    frame_cpu_ms_.clear();
  }

 private:
  std::string listing() const {
    std::string out = "; on screen:";
    for (const auto& t : runner_.ui().targets()) out += " " + t.id;
    return out;
  }

  const Target& find(const std::string& id) const {
    for (const auto& t : runner_.ui().targets()) {
      if (t.id != id) continue;
      if (!t.enabled)
        throw ScriptError("\"" + id + "\" is disabled on screen \"" + app_.screen_label() + "\"");
      return t;
    }
    throw ScriptError("no \"" + id + "\" on screen \"" + app_.screen_label() + "\"" + listing());
  }

  // A short tap: finger down and up before the next frame, as a quick tap
  // on the Pi arrives; the touch layer must not lose it.
  void tap(Vec2 logical) {
    const std::string before = app_.screen_label();
    touch_.push({PointerEvent::Type::down, logical});
    touch_.push({PointerEvent::Type::up, logical});
    app_.touched();
    settle(before);
  }

  void hold(Vec2 logical, double seconds) {
    const std::string before = app_.screen_label();
    touch_.push({PointerEvent::Type::down, logical});
    app_.touched();
    step(kFrame);
    for (double t = 0; t < seconds; t += 0.1) step(0.1);
    touch_.push({PointerEvent::Type::up, logical});
    settle(before);
  }

  // A finger sliding from a to b over a few frames.
  void drag(Vec2 a, Vec2 b) {
    const std::string before = app_.screen_label();
    touch_.push({PointerEvent::Type::down, a});
    app_.touched();
    step(kFrame);
    constexpr int kSteps = 10;
    for (int i = 1; i <= kSteps; ++i) {
      float t = static_cast<float>(i) / kSteps;
      touch_.push({PointerEvent::Type::move, {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}});
      step(kFrame);
    }
    touch_.push({PointerEvent::Type::up, b});
    settle(before);
  }

  // Frames until the touch is through and animations have run; after a
  // screen change, past the input guard so the next tap counts.
  void settle(const std::string& before) {
    step(kFrame);
    for (int i = 0; i < 8 && touch_.pending(); ++i) step(kFrame);
    for (int i = 0; i < 40 && runner_.ui().animating(); ++i) step(0.05);
    if (app_.screen_label() != before) step(0.4);
    step(kFrame);
  }

  void type(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t n =
          std::max<std::size_t>(1, utf8_sequence_length(static_cast<unsigned char>(text[i])));
      std::string ch = text.substr(i, n);
      i += n;
      if (!app_.has_keyboard())
        throw ScriptError("type: there is no keyboard on screen \"" + app_.screen_label() + "\"");
      auto keys = app_.keys_for(ch);
      if (keys.empty()) {
        app_.text_input(ch);
        step(kFrame);
        continue;
      }
      for (const auto& id : keys) tap(find(id).rect.center());
    }
  }

  void shot(const std::string& path) {
    // Light compression: screenshots are many and big, and tests wait.
    stbi_write_png_compression_level = 2;
    runner_.render();
    fs::path file(path);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    SDL_LockSurface(surface_);
    int ok = stbi_write_png(file.c_str(), surface_->w, surface_->h, 4, surface_->pixels,
                            surface_->pitch);
    SDL_UnlockSurface(surface_);
    if (!ok) throw ScriptError("cannot write the screenshot " + path);
  }

  void dump(const std::string& path) {
    using nlohmann::json;
    const Rotation& rot = runner_.rotation();
    auto rect = [&](const Rect& r) {
      Rect p = rot.to_physical_rect(r);
      return json{{"x", std::lround(p.x)},
                  {"y", std::lround(p.y)},
                  {"w", std::lround(p.w)},
                  {"h", std::lround(p.h)}};
    };
    json targets = json::array(), texts = json::array();
    for (const auto& t : runner_.ui().targets()) {
      json item = rect(t.rect);
      item["id"] = t.id;
      item["label"] = t.label;
      item["enabled"] = t.enabled;
      targets.push_back(item);
    }
    for (const auto& t : runner_.ui().texts()) {
      json item = rect(t.rect);
      item["text"] = t.text;
      item["px"] = std::lround(t.px);
      if (t.cut) item["cut"] = true;
      texts.push_back(item);
    }
    // The smallest sizes allowed on this panel (metrics.hpp), for tests
    // that hold every target, key and text against them.
    const Metrics& m = runner_.metrics();
    json minimum = {{"px_per_mm", m.px_per_mm},
                    {"target", m.min_target},
                    {"key", m.min_key},
                    {"text", m.min_text}};
    json out = {{"screen", app_.screen_label()},
                {"under", std::string(screen_name(app_.screen()))},
                {"language", app_.session().language},
                {"large_text", app_.large_text()},
                {"size", {rot.physical_w(), rot.physical_h()}},
                {"rotation", rot.degrees()},
                {"minimum", minimum},
                {"targets", targets},
                {"texts", texts},
                // What "Dengarkan" reads here (speech_text.hpp).
                {"spoken", app_.spoken_text()},
                {"speaking", app_.speaking()}};
    fs::path file(path);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream(file) << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  }

  App& app_;
  Clock& clock_;
  FrameRunner& runner_;
  SDL_Surface* surface_;
  Speech& speech_;
  AudioIn* mic_;
  TouchInput touch_;
  std::vector<double> frame_ms_;
  std::vector<double> frame_cpu_ms_;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScriptError("cannot read the script " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int run_headless(const fs::path& config, const HeadlessOptions& options) {
  std::vector<Command> commands;
  try {
    commands = parse_script(read_text(options.script));
  } catch (const ScriptError& error) {
    std::cerr << "kotak-kiosk: " << options.script.string() << ": " << error.what() << "\n";
    return 2;
  }
  Clock clock(true);
  App app(config, clock);
  Speech speech;
  Microphone mic;
  try {
    speech = start_speech(app.config().speech, true, options.audio_out);
    mic = start_microphone(app.config().max_voice_seconds, true, options.audio_in);
  } catch (const std::exception& error) {
    std::cerr << "kotak-kiosk: " << error.what() << "\n";
    return 2;
  }
  app.set_speaker(speech.speaker.get());
  app.set_voice(mic.in.get(), speech.out.get());
  SDL_Surface* surface =
      SDL_CreateRGBSurfaceWithFormat(0, options.width, options.height, 32, SDL_PIXELFORMAT_RGBA32);
  SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
  if (!renderer) {
    std::cerr << "kotak-kiosk: cannot make a software renderer: " << SDL_GetError() << "\n";
    return 1;
  }
  int code = 0;
  double first_frame_ms = 0;
  std::vector<double> frames, frames_cpu;
  {
    Rotation rotation(app.rotation(), options.width, options.height);
    FrameRunner runner(renderer, rotation, app.config().px_per_mm, [surface] { return surface; });
    Driver driver(app, clock, runner, surface, speech, mic.in.get());
    driver.step(kFrame, true);
    first_frame_ms = ms_since_process_start();
    driver.forget_frames();
    driver.step(kFrame);
    for (const auto& command : commands) {
      try {
        driver.run(command);
      } catch (const std::exception& error) {
        std::cerr << "kotak-kiosk: " << options.script.string() << ":" << command.line << ": "
                  << error.what() << "\n";
        code = 1;
        break;
      }
    }
    frames = driver.frame_ms();
    frames_cpu = driver.frame_cpu_ms();
  }
  if (!options.stats.empty()) {
    // Summaries for bench/kiosk_bench.sh, which has only a shell to read them.
    auto percentile = [](std::vector<double> v, double p) {
      if (v.empty()) return 0.0;
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    };
    nlohmann::json stats = {{"first_frame_ms", first_frame_ms},
                            {"peak_rss_kb", peak_rss_kb()},
                            {"frames", frames.size()},
                            {"median_ms", percentile(frames, 0.5)},
                            {"p99_ms", percentile(frames, 0.99)},
                            {"cpu_median_ms", percentile(frames_cpu, 0.5)},
                            {"cpu_p99_ms", percentile(frames_cpu, 0.99)},
                            {"frame_ms", frames},
                            {"frame_cpu_ms", frames_cpu}};
    std::ofstream(options.stats) << stats.dump() << "\n";
  }
  SDL_DestroyRenderer(renderer);
  SDL_FreeSurface(surface);
  return code;
}

}  // namespace kotak::kiosk
