// Keys the kiosk builds at run time (SKM elements and answers, profile
// choices, sync results) are invisible to core's i18n scan; this checks
// them in every kiosk catalog.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/i18n.hpp"
#include "kiosk/screens/skm_text.hpp"

using namespace kotak;

TEST_CASE("every runtime-built key exists in every kiosk catalog") {
  const auto dir = std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" / "kiosk";
  auto keys = kiosk::runtime_text_keys();
  CHECK(keys.size() > 9 * 6);
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    auto catalog = core::Catalog::load(file.path());
    CAPTURE(file.path().filename());
    for (const auto& key : keys) CHECK_MESSAGE(catalog.contains(key), "missing " << key);
  }
}

TEST_CASE("the SKM answers are the regulation's labels - in order of score") {
  auto id = core::Catalog::load(std::filesystem::path(KOTAK_SOURCE_DIR) / "assets" / "i18n" /
                                "kiosk" / "id.json");
  CHECK(id.get(kiosk::skm_answer_key(0, 1)) == "Tidak sesuai");
  CHECK(id.get(kiosk::skm_answer_key(3, 4)) == "Gratis");
  CHECK(id.get(kiosk::skm_answer_key(7, 2)) == "Ada tetapi tidak berfungsi");
  CHECK(id.get(kiosk::skm_answer_key(8, 1)) == "Buruk");
  CHECK(id.get(kiosk::skm_title_key(8)) == "Sarana dan prasarana");
}
