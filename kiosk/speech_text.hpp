// What "Dengarkan" reads aloud: the screen's question, the words under it,
// and its choices, as they are drawn in the current language. The screens
// do not write a second copy of their words for speech: the shared pieces
// that draw a heading and a list of choices (screens/chrome.hpp) note them
// in the frame's Prompt as they draw them, and a screen that draws its
// words otherwise notes them itself (say_question, say_choice).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kotak::kiosk {

struct Prompt {
  std::string title;  // the screen's bar: read when no question was noted
  std::string question;
  std::string detail;  // the text under the question: a hint, a notice
  std::vector<std::string> choices;
  bool empty() const {
    return title.empty() && question.empty() && detail.empty() && choices.empty();
  }
};

// One text to speak: the question (or else the title), its detail, then choices_intro ("Pilihannya:",
// from the catalog) and each choice as a sentence of its own, so that the
// voice pauses between them. Sentences keep their own end (. ? !); others
// get a full stop. Line breaks become spaces.
std::string spoken_text(const Prompt& prompt, std::string_view choices_intro);

// The espeak-ng voice for a catalog language: Javanese (jv) is read with the
// Indonesian voice, which says Javanese spelling acceptably (Debian's
// espeak-ng has no Javanese one); any language not in the table too.
std::string_view voice_for(std::string_view language);

}  // namespace kotak::kiosk
