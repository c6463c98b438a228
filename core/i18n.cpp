// See i18n.hpp.
#include "core/i18n.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.hpp"

namespace kotak::core {

Catalog Catalog::from_json(std::string_view text, const std::string& name) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw I18nError(name + ": not valid JSON: " + error.what());
  }
  if (!json.is_object()) throw I18nError(name + ": a catalog must be one JSON object of key: text");
  Catalog catalog;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) throw I18nError(name + ": the value of \"" + key + "\" must be text");
    catalog.strings_[key] = value.get<std::string>();
  }
  return catalog;
}

Catalog Catalog::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw I18nError(file.string() + ": cannot read the translation catalog; reinstall Kotak");
  std::ostringstream content;
  content << in.rdbuf();
  return from_json(content.str(), file.string());
}

const std::string& Catalog::get(const std::string& key) const {
  auto it = strings_.find(key);
  return it != strings_.end() ? it->second : key;
}

bool is_language_code(std::string_view code) {
  for (auto known : kLanguageCodes)
    if (known == code) return true;
  return false;
}

std::string language_codes_text() {
  std::string out;
  const std::size_t count = std::size(kLanguageCodes);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += i + 1 == count ? " or " : ", ";
    out += '"';
    out += kLanguageCodes[i];
    out += '"';
  }
  return out;
}

std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string>> args) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        auto name = text.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [key, value] : args) {
          if (key == name) {
            out += value;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string Catalog::format(
    const std::string& key,
    std::initializer_list<std::pair<std::string_view, std::string>> args) const {
  return fill(get(key), args);
}

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : strings_) out.push_back(key);
  return out;
}

Translations Translations::load(const std::filesystem::path& dir,
                                const std::vector<std::string>& languages) {
  Translations translations;
  translations.languages_ = languages;
  for (const auto& language : languages)
    translations.catalogs_[language] = Catalog::load(dir / (language + ".json"));
  return translations;
}

Translations Translations::from(std::vector<std::pair<std::string, Catalog>> catalogs) {
  Translations translations;
  for (auto& [language, catalog] : catalogs) {
    translations.languages_.push_back(language);
    translations.catalogs_[language] = std::move(catalog);
  }
  return translations;
}

const Catalog& Translations::catalog(const std::string& language) const {
  auto it = catalogs_.find(language);
  if (it != catalogs_.end()) return it->second;
  return catalogs_.at(languages_.front());
}

}  // namespace kotak::core
