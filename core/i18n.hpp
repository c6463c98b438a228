// Translation catalogs: everything a patient or staff member reads comes from
// assets/i18n/<part>/<language>.json, flat objects of key → text. Bahasa
// Indonesia ("id") is complete and first; every other language has exactly
// the same keys (tests/core/i18n_test.cpp enforces it). Placeholders are
// written {name} and filled by format().
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kotak::core {

class I18nError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Catalog {
 public:
  // Throws I18nError naming the file and the problem.
  static Catalog load(const std::filesystem::path& file);
  static Catalog from_json(std::string_view json, const std::string& name);

  // The text for key, or the key itself (visible, so a gap is noticed).
  const std::string& get(const std::string& key) const;
  bool contains(const std::string& key) const { return strings_.count(key) > 0; }
  // get(key) with each {name} replaced by its value.
  std::string format(const std::string& key,
                     std::initializer_list<std::pair<std::string_view, std::string>> args) const;
  std::vector<std::string> keys() const;

 private:
  std::map<std::string, std::string> strings_;
};

class Translations {
 public:
  // Loads <dir>/<language>.json for each language; the first is the fallback.
  static Translations load(const std::filesystem::path& dir,
                           const std::vector<std::string>& languages);
  // From catalogs at hand, in order; the first is the fallback.
  static Translations from(std::vector<std::pair<std::string, Catalog>> catalogs);
  const Catalog& catalog(const std::string& language) const;
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  std::vector<std::string> languages_;
  std::map<std::string, Catalog> catalogs_;
};

// The languages Kotak speaks, each with a kiosk catalog
// (assets/i18n/kiosk/<code>.json; tests/core/i18n_test.cpp holds them to
// it): Bahasa Indonesia, English, Basa Jawa. Config, remote settings and
// submissions accept exactly these codes.
inline constexpr std::string_view kLanguageCodes[] = {"id", "en", "jv"};
bool is_language_code(std::string_view code);
// "\"id\", \"en\" or \"jv\"", for error messages that say what is allowed.
std::string language_codes_text();

// Replaces each {name} in text with its value.
std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string>> args);

}  // namespace kotak::core
