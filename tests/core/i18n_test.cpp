// The translation catalogs are complete and consistent, and every key the
// code asks for exists. Conventions the scan relies on: C++ screens look
// texts up with tr("key") or trf("key", ...); web pages with
// data-i18n="key" (or data-i18n-placeholder/-title/-aria-label="key") and
// t("key") in scripts.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/i18n.hpp"
#include "core/sync_result.hpp"

using namespace kotak::core;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = KOTAK_SOURCE_DIR;

struct Part {
  std::string catalog;               // folder under assets/i18n
  std::vector<std::string> sources;  // folders whose files use its keys
  std::vector<std::string> patterns;
};

const std::vector<Part> kParts = {
    {"kiosk", {"kiosk"}, {R"re(\btrf?\(\s*"([A-Za-z0-9_.\-]+)")re"}},
    {"web",
     {"server/web", "server/dashboard", "server/storage"},
     {R"re(data-i18n(?:-[a-z\-]+)?="([A-Za-z0-9_.\-]+)")re",
      R"re(\bt\(\s*['"]([A-Za-z0-9_.\-]+)['"])re",
      // the server's refusals, said in the reader's language
      R"re("(error\.[a-z_]+\.?[a-z_]*)")re"}},
};

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex pattern(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
    names.insert((*it)[1]);
  return names;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// What keeps `catalog` from standing in for the Indonesian `reference`: a
// missing or extra key, an empty text, placeholders ({n}, {code} ...) that
// differ. Empty when it may.
std::vector<std::string> catalog_problems(const Catalog& reference, const Catalog& catalog) {
  std::vector<std::string> problems;
  for (const auto& key : reference.keys()) {
    if (!catalog.contains(key)) {
      problems.push_back("missing key " + key);
    } else if (catalog.get(key).empty()) {
      problems.push_back("empty text for " + key);
    } else if (placeholders(catalog.get(key)) != placeholders(reference.get(key))) {
      problems.push_back("placeholders differ for " + key);
    }
  }
  for (const auto& key : catalog.keys())
    if (!reference.contains(key)) problems.push_back("extra key " + key);
  return problems;
}

}  // namespace

TEST_CASE("every language of a catalog has exactly the keys of Bahasa Indonesia") {
  for (const auto& part : fs::directory_iterator(kRoot / "assets" / "i18n")) {
    CAPTURE(part.path());
    REQUIRE(fs::exists(part.path() / "id.json"));
    auto reference = Catalog::load(part.path() / "id.json");
    CHECK(fs::exists(part.path() / "en.json"));
    for (const auto& file : fs::directory_iterator(part.path())) {
      CAPTURE(file.path());
      for (const auto& problem : catalog_problems(reference, Catalog::load(file.path())))
        FAIL_CHECK(problem);
    }
  }
}

TEST_CASE("the kiosk has a whole catalog for every language its config accepts") {
  const auto dir = kRoot / "assets" / "i18n" / "kiosk";
  const auto reference = Catalog::load(dir / "id.json");
  for (auto code : kLanguageCodes) {
    CAPTURE(code);
    REQUIRE(fs::exists(dir / (std::string(code) + ".json")));
    const auto catalog = Catalog::load(dir / (std::string(code) + ".json"));
    CHECK(catalog_problems(reference, catalog).empty());
    CHECK(catalog.contains("language.name"));
    CHECK(catalog.contains("language.short"));
  }
  CHECK(Catalog::load(dir / "jv.json").get("language.name") == "Basa Jawa");
}

TEST_CASE("the catalog check fails a missing key, an empty text and other placeholders") {
  const auto reference = Catalog::from_json(
      R"({"home.question": "Bagaimana?", "sent": "{n} terkirim", "ticket": "Tiket {code}"})", "id");
  CHECK(catalog_problems(reference, reference).empty());
  const auto jv = Catalog::from_json(R"({"sent": "", "ticket": "Tiket {n}", "extra": "x"})", "jv");
  CHECK(catalog_problems(reference, jv) ==
        std::vector<std::string>{"missing key home.question", "empty text for sent",
                                 "placeholders differ for ticket", "extra key extra"});
}

TEST_CASE("every key the code uses exists in its catalog") {
  for (const auto& part : kParts) {
    auto catalog_dir = kRoot / "assets" / "i18n" / part.catalog;
    if (!fs::exists(catalog_dir)) continue;
    auto catalog = Catalog::load(catalog_dir / "id.json");
    std::size_t uses = 0;
    for (const auto& source : part.sources) {
      if (!fs::exists(kRoot / source)) continue;
      for (const auto& entry : fs::recursive_directory_iterator(kRoot / source)) {
        auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp" && ext != ".html" && ext != ".js") continue;
        if (entry.path().string().find("node_modules") != std::string::npos) continue;
        auto text = slurp(entry.path());
        for (const auto& pattern : part.patterns) {
          std::regex re(pattern);
          for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
            ++uses;
            CHECK_MESSAGE(catalog.contains((*it)[1]), entry.path().string()
                                                          << " uses the missing key " << (*it)[1]);
          }
        }
      }
    }
    MESSAGE(part.catalog << ": " << uses << " key uses checked");
  }
}

TEST_CASE("format fills placeholders and leaves unknown ones visible") {
  auto catalog =
      Catalog::from_json(R"({"sent": "{n} masukan terkirim", "hello": "Halo {name}, {x}"})", "t");
  CHECK(catalog.format("sent", {{"n", "12"}}) == "12 masukan terkirim");
  CHECK(catalog.format("hello", {{"name", "Sari"}}) == "Halo Sari, {x}");
  CHECK(catalog.get("no.such.key") == "no.such.key");
}

TEST_CASE("a malformed catalog is a clear error naming the file") {
  CHECK_THROWS_WITH_AS(Catalog::from_json("{\"a\": 1}", "id.json"),
                       "id.json: the value of \"a\" must be text", I18nError);
  CHECK_THROWS_WITH_AS(Catalog::from_json("[1]", "id.json"),
                       "id.json: a catalog must be one JSON object of key: text", I18nError);
  CHECK_THROWS_AS(Catalog::from_json("{", "id.json"), I18nError);
}

TEST_CASE("the catalogs of the kiosk load for every configured language") {
  auto translations = Translations::load(kRoot / "assets" / "i18n" / "kiosk", {"id", "en", "jv"});
  CHECK(translations.catalog("id").get("home.question") == "Bagaimana pelayanan kami hari ini?");
  CHECK(translations.catalog("en").get("home.question") == "How was our service today?");
  CHECK(translations.catalog("jv").get("home.question") ==
        "Kados pundi pelayanan kula dinten menika?");
  CHECK(&translations.catalog("xx") == &translations.catalog("id"));
}

TEST_CASE("the kiosk catalog has words for every sync result") {
  auto catalog = Catalog::load(kRoot / "assets" / "i18n" / "kiosk" / "id.json");
  CHECK(catalog.contains("sync.result.never"));
  for (auto name : kSyncResultNames)
    CHECK_MESSAGE(catalog.contains("sync.result." + std::string(name)), "missing sync.result." << name);
}
