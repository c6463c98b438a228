// kotak-kiosk: the fullscreen touch app that replaces the suggestion box.
//
//   kotak-kiosk [--config FILE]                  fullscreen (KMSDRM on a Pi)
//   kotak-kiosk --windowed [--size WxH]          in a window on a desktop
//   kotak-kiosk --headless WxH --script FILE     no display; replays a script
//               [--audio-out FILE.wav]           ... and writes what it says there
//               [--audio-in FILE.wav]            ... and records this as its microphone
//   kotak-kiosk --hash-pin                       reads a PIN, prints its hash
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <regex>

#include "core/log.hpp"
#include "kiosk/pin_lock.hpp"
#include "kiosk/platform/display.hpp"
#include "kiosk/platform/headless.hpp"

namespace {

bool parse_size(const std::string& text, int& w, int& h) {
  static const std::regex pattern(R"((\d{2,5})x(\d{2,5}))");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return false;
  w = std::stoi(match[1]);
  h = std::stoi(match[2]);
  return w >= 200 && h >= 200 && w <= 8192 && h <= 8192;
}

std::string read_pin(const char* prompt) {
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  return pin;
}

int hash_pin_command() {
  std::string pin = read_pin("New admin PIN (4 to 12 digits): ");
  if (!kotak::kiosk::is_valid_pin(pin)) {
    std::cerr << "kotak-kiosk: a PIN is 4 to 12 digits\n";
    return 2;
  }
  if (isatty(STDIN_FILENO) && read_pin("Again: ") != pin) {
    std::cerr << "kotak-kiosk: the two PINs differ\n";
    return 2;
  }
  std::cout << kotak::kiosk::hash_pin(pin) << "\n";
  std::cerr << "Put this line under [admin] in the kiosk config as: pin_hash = \"...\"\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  kotak::core::log::set_program("kotak-kiosk");
  CLI::App cli{"kotak-kiosk: the touch kiosk of Kotak Saran Digital"};
  std::string config = "/etc/kotak/kiosk.toml";
  bool windowed = false, hash_pin = false;
  std::string size, headless, script, stats, audio_out, audio_in;
  cli.add_option("--config", config, "the kiosk config file")->capture_default_str();
  cli.add_flag("--windowed", windowed, "run in a window instead of fullscreen");
  cli.add_option("--size", size, "window size with --windowed, e.g. 1280x800");
  cli.add_option("--headless", headless, "no display: render WxH in memory (needs --script)");
  cli.add_option("--script", script, "the headless script (see docs/kiosk-testing.md)");
  cli.add_option("--stats", stats, "headless: write frame times as JSON here");
  cli.add_option("--audio-out", audio_out,
                 "headless: write everything the kiosk says to this WAV file");
  cli.add_option("--audio-in", audio_in,
                 "headless: the microphone hears this WAV file while \"Rekam suara\" records");
  cli.add_flag("--hash-pin", hash_pin, "read a PIN on standard input and print its hash");
  CLI11_PARSE(cli, argc, argv);

  if (hash_pin) return hash_pin_command();
  if (!headless.empty()) {
    kotak::kiosk::HeadlessOptions options;
    if (!parse_size(headless, options.width, options.height)) {
      std::cerr << "kotak-kiosk: --headless takes WIDTHxHEIGHT, e.g. 800x480\n";
      return 2;
    }
    if (script.empty()) {
      std::cerr << "kotak-kiosk: --headless needs --script FILE\n";
      return 2;
    }
    options.script = script;
    options.stats = stats;
    options.audio_out = audio_out;
    options.audio_in = audio_in;
    return kotak::kiosk::run_headless(config, options);
  }
  if (!audio_in.empty()) {
    std::cerr << "kotak-kiosk: --audio-in is for --headless runs; with a display the kiosk records "
                 "from the microphone\n";
    return 2;
  }
  if (!audio_out.empty()) {
    std::cerr << "kotak-kiosk: --audio-out is for --headless runs; with a display the kiosk speaks "
                 "through the sound card\n";
    return 2;
  }
  kotak::kiosk::DisplayOptions options;
  options.windowed = windowed;
  if (!size.empty() && !parse_size(size, options.width, options.height)) {
    std::cerr << "kotak-kiosk: --size takes WIDTHxHEIGHT, e.g. 1280x800\n";
    return 2;
  }
  return kotak::kiosk::run_display(config, options);
}
