// See script.hpp.
#include "kiosk/platform/script.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

namespace kotak::kiosk {

namespace {

std::string unescape(std::string_view text, int line) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i >= text.size())
      throw ScriptError("line " + std::to_string(line) + ": a lone \\ at the end of type");
    switch (text[i]) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
        out += '\\';
        break;
      default:
        throw ScriptError("line " + std::to_string(line) + ": unknown escape \\" +
                          std::string(1, text[i]) + " (use \\n, \\t or \\\\)");
    }
  }
  return out;
}

double number(const std::string& word, int line, const char* what) {
  double value = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size() || !std::isfinite(value))
    throw ScriptError("line " + std::to_string(line) + ": " + what + " must be a number, not \"" +
                      word + "\"");
  return value;
}

}  // namespace

std::vector<Command> parse_script(std::string_view script) {
  std::vector<Command> commands;
  std::istringstream in{std::string(script)};
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::size_t start = raw.find_first_not_of(" \t");
    if (start == std::string::npos || raw[start] == '#') continue;
    std::string_view rest = std::string_view(raw).substr(start);
    std::size_t space = rest.find(' ');
    std::string verb(rest.substr(0, space));
    std::string argument =
        space == std::string_view::npos ? "" : std::string(rest.substr(space + 1));
    std::istringstream words(argument);
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    auto need = [&](std::size_t n, const char* usage) {
      if (args.size() != n) throw ScriptError("line " + std::to_string(line) + ": usage: " + usage);
    };
    Command c{Command::Type::tap, line, {}, 0, 0, 0, 0, 0, 0};
    if (verb == "tap") {
      need(1, "tap ID");
      c.text = args[0];
    } else if (verb == "tap-xy") {
      need(2, "tap-xy X Y");
      c.type = Command::Type::tap_xy;
      c.x = static_cast<float>(number(args[0], line, "X"));
      c.y = static_cast<float>(number(args[1], line, "Y"));
    } else if (verb == "type") {
      c.type = Command::Type::type;
      if (argument.empty())
        throw ScriptError("line " + std::to_string(line) + ": usage: type TEXT");
      c.text = unescape(argument, line);
    } else if (verb == "advance") {
      need(1, "advance SECONDS");
      c.type = Command::Type::advance;
      c.seconds = number(args[0], line, "SECONDS");
      if (c.seconds < 0)
        throw ScriptError("line " + std::to_string(line) + ": time only moves forward");
    } else if (verb == "frames") {
      need(1, "frames N");
      c.type = Command::Type::frames;
      c.count = static_cast<int>(number(args[0], line, "N"));
      if (c.count < 1 || c.count > 100000)
        throw ScriptError("line " + std::to_string(line) + ": frames takes 1 to 100000");
    } else if (verb == "shot" || verb == "dump") {
      need(1, verb == "shot" ? "shot PATH.png" : "dump PATH.json");
      c.type = verb == "shot" ? Command::Type::shot : Command::Type::dump;
      c.text = args[0];
    } else if (verb == "expect") {
      need(1, "expect SCREEN");
      c.type = Command::Type::expect;
      c.text = args[0];
    } else if (verb == "hold") {
      need(2, "hold ID SECONDS");
      c.type = Command::Type::hold;
      c.text = args[0];
      c.seconds = number(args[1], line, "SECONDS");
    } else if (verb == "drag") {
      need(4, "drag X1 Y1 X2 Y2");
      c.type = Command::Type::drag;
      c.x = static_cast<float>(number(args[0], line, "X1"));
      c.y = static_cast<float>(number(args[1], line, "Y1"));
      c.x2 = static_cast<float>(number(args[2], line, "X2"));
      c.y2 = static_cast<float>(number(args[3], line, "Y2"));
    } else if (verb == "wait-task") {
      need(0, "wait-task");
      c.type = Command::Type::wait_task;
    } else if (verb == "sync") {
      need(0, "sync");
      c.type = Command::Type::sync;
    } else if (verb == "power-cut") {
      need(0, "power-cut");
      c.type = Command::Type::power_cut;
    } else {
      throw ScriptError("line " + std::to_string(line) + ": unknown command \"" + verb +
                        "\" (tap, tap-xy, type, advance, frames, shot, dump, expect, hold, "
                        "drag, wait-task, sync, power-cut)");
    }
    commands.push_back(std::move(c));
  }
  return commands;
}

}  // namespace kotak::kiosk
