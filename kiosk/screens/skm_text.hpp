// The SKM survey's words by code: the nine elements (unsur) of Permenpan RB
// 14/2017 with their questions and four answers, and the profile choices.
// Their catalog keys are built from codes, which the i18n scan cannot see,
// so runtime_text_keys() lists them (and the admin screen's sync result
// words) for tests/kiosk/catalog_test.cpp.
#pragma once

#include <string>
#include <vector>

namespace kotak::kiosk {

// "skm.U3.question", "skm.U3.a2", ... for element index 0..8, answer 1..4.
std::string skm_title_key(int element);
std::string skm_question_key(int element);
std::string skm_answer_key(int element, int score);

struct ProfileChoice {
  std::string value;  // what is stored (core's allowed values)
  std::string key;    // its words in the catalog
};
const std::vector<ProfileChoice>& sex_choices();
const std::vector<ProfileChoice>& age_choices();
const std::vector<ProfileChoice>& education_choices();
const std::vector<ProfileChoice>& occupation_choices();

// Every catalog key the kiosk builds at run time.
std::vector<std::string> runtime_text_keys();

}  // namespace kotak::kiosk
