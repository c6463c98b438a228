// See password_policy.hpp.
#include "server/staff/password_policy.hpp"

#include <pwquality.h>

#include <algorithm>
#include <memory>

#include "core/text.hpp"
#include "server/staff/password.hpp"

namespace kotak::server::staff {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// libpwquality's dictionary check alone: the length and the user name are
// checked above in words of our own, and its rules about character classes
// would refuse good passphrases.
bool in_dictionary(const std::string& password, const std::string& username) {
  std::unique_ptr<pwquality_settings_t, decltype(&pwquality_free_settings)> settings(
      pwquality_default_settings(), &pwquality_free_settings);
  if (!settings) return false;
  for (const char* option : {"minlen=6", "dcredit=0", "ucredit=0", "lcredit=0", "ocredit=0", "minclass=0",
                             "maxrepeat=0", "maxclassrepeat=0", "maxsequence=0", "difok=0", "gecoscheck=0",
                             "dictcheck=1", "usercheck=0"})
    pwquality_set_option(settings.get(), option);
  void* auxerror = nullptr;
  int score = pwquality_check(settings.get(), password.c_str(), nullptr, username.c_str(), &auxerror);
  return score == PWQ_ERROR_CRACKLIB_CHECK || score == PWQ_ERROR_PALINDROME || score == PWQ_ERROR_TOO_SIMILAR;
}

}  // namespace

std::optional<PasswordProblem> password_problem(std::string_view password, std::string_view username) {
  auto length = core::utf8_length(password);
  if (!length || *length < kMinPasswordChars) return PasswordProblem::too_short;
  auto word = lowered(password), user = lowered(username);
  std::string backwards(user.rbegin(), user.rend());
  if (!user.empty() && (word.find(user) != std::string::npos || word.find(backwards) != std::string::npos))
    return PasswordProblem::user_name;
  if (in_dictionary(std::string(password), std::string(username))) return PasswordProblem::common;
  return std::nullopt;
}

std::string describe(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::too_short:
      return "a password needs at least " + std::to_string(kMinPasswordChars) +
             " characters; a few words with spaces are easy to remember";
    case PasswordProblem::user_name:
      return "a password must not contain the user name; choose another";
    case PasswordProblem::common:
      return "this password is in the list of common passwords that are guessed first; choose another";
  }
  return "choose another password";
}

}  // namespace kotak::server::staff
