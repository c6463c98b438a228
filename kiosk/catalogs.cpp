// See catalogs.hpp.
#include "kiosk/catalogs.hpp"

namespace kotak::kiosk {

namespace {

core::Catalog builtin(std::string_view language) {
  for (const auto& [code, json] : builtin_catalogs())
    if (code == language) return core::Catalog::from_json(json, "built-in " + std::string(code));
  return core::Catalog::from_json("{}", "built-in");
}

}  // namespace

core::Translations builtin_translations(const std::vector<std::string>& languages) {
  std::vector<std::pair<std::string, core::Catalog>> catalogs;
  catalogs.emplace_back("id", builtin("id"));
  for (const auto& language : languages)
    if (language != "id")
      for (const auto& [code, json] : builtin_catalogs())
        if (code == language) catalogs.emplace_back(language, builtin(language));
  return core::Translations::from(std::move(catalogs));
}

core::Translations load_catalogs(const std::filesystem::path& dir,
                                 const std::vector<std::string>& languages, CatalogFault& fault) {
  fault = {};
  const core::Catalog reference = builtin("id");
  std::vector<std::pair<std::string, core::Catalog>> catalogs;
  for (const auto& language : languages) {
    const auto file = dir / (language + ".json");
    core::Catalog catalog;
    try {
      catalog = core::Catalog::load(file);
    } catch (const core::I18nError& error) {
      fault = {std::filesystem::exists(file) ? "unavailable.reason.catalog_broken"
                                             : "unavailable.reason.catalog_missing",
               error.what()};
      return builtin_translations(languages);
    }
    std::string missing;
    int count = 0;
    for (const auto& key : reference.keys())
      if (!catalog.contains(key)) {
        if (++count <= 5) missing += (missing.empty() ? "" : ", ") + key;
      }
    if (count > 0) {
      fault = {"unavailable.reason.catalog_keys",
               file.string() + " lacks " + std::to_string(count) + " of the kiosk's words (" +
                   missing + (count > 5 ? ", ..." : "") +
                   "); reinstall Kotak or add them to that file"};
      return builtin_translations(languages);
    }
    catalogs.emplace_back(language, std::move(catalog));
  }
  return core::Translations::from(std::move(catalogs));
}

}  // namespace kotak::kiosk
