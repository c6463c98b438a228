// The kiosk's translations: the catalogs installed under
// assets/i18n/kiosk/<language>.json, checked before the kiosk takes a
// patient, and a copy of them compiled into the program for when the
// installed ones cannot be used (issue 10). A missing file, one that is not
// a catalog, or one that lacks a word the kiosk shows would otherwise crash
// the kiosk, show raw keys such as "home.question", or quietly run in
// English; instead the kiosk shows "Kiosk belum dapat digunakan" in words
// (from the copy) and logs what to fix.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"

namespace kotak::kiosk {

// The catalogs the program was built with: language and JSON text.
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_catalogs();

// The built-in catalogs as translations, the configured languages that have
// one (Indonesian first, always there).
core::Translations builtin_translations(const std::vector<std::string>& languages);

// Why the installed catalogs cannot be used.
struct CatalogFault {
  std::string key;     // unavailable.reason.* for the screen
  std::string detail;  // for the technician and the log: the file and what is wrong
};

// Loads dir/<language>.json for every configured language and checks each
// has every key of the built-in Indonesian catalog. Throws nothing:
// returns the translations, or sets fault and returns the built-in ones.
core::Translations load_catalogs(const std::filesystem::path& dir,
                                 const std::vector<std::string>& languages, CatalogFault& fault);

}  // namespace kotak::kiosk
