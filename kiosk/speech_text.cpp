// See speech_text.hpp.
#include "kiosk/speech_text.hpp"

#include <utility>

namespace kotak::kiosk {

namespace {

// Language code -> espeak-ng voice name.
constexpr std::pair<std::string_view, std::string_view> kVoices[] = {
    {"id", "id"},
    {"en", "en"},
    {"jv", "id"},
};

std::string trimmed(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  const auto begin = out.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  const auto end = out.find_last_not_of(' ');
  return out.substr(begin, end - begin + 1);
}

void add_sentence(std::string& out, std::string_view text) {
  std::string s = trimmed(text);
  if (s.empty()) return;
  const char last = s.back();
  if (last != '.' && last != '?' && last != '!' && last != ':') s += '.';
  if (!out.empty()) out += ' ';
  out += s;
}

}  // namespace

std::string spoken_text(const Prompt& prompt, std::string_view choices_intro) {
  std::string out;
  add_sentence(out, prompt.question.empty() ? prompt.title : prompt.question);
  add_sentence(out, prompt.detail);
  if (!prompt.choices.empty()) {
    add_sentence(out, choices_intro);
    for (const auto& choice : prompt.choices) add_sentence(out, choice);
  }
  return out;
}

std::string_view voice_for(std::string_view language) {
  for (const auto& [code, voice] : kVoices)
    if (code == language) return voice;
  return "id";
}

}  // namespace kotak::kiosk
