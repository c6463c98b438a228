// What the SKM dashboard tests share: kiosk surveys on the site's clock and
// a CSV file as the import form uploads it.
#pragma once

#include <sodium.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/wire.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/samples.hpp"

namespace kotak::test {

// The report of the site's semester (kNow is in 2026-2).
inline const std::map<std::string, std::string> kSemester = {{"semester", "2026-2"}};

// Two kiosk surveys in November 2026 at pkm-a:
//   U1..U9 = 3 3 2 4 3 3 4 - 2  (sample_skm) and 4 4 4 4 4 4 4 4 4.
inline void two_surveys(Site& site) {
  std::vector<server::IngestItem> items;
  for (int i = 0; i < 2; ++i) {
    auto s = sample_skm();
    s.created_at = {kNow - 60'000 * (i + 1), 420};  // on the site's clock, in 2026-2
    s.facility_id = "pkm-a";
    if (i == 1) s.skm->scores = {4, 4, 4, 4, 4, 4, 4, 4, 4};
    items.push_back({s, core::wire::content_hash(s)});
  }
  site.storage.ingest({"pkm-a", "kiosk-1"}, items, server::IngestSource::network, kNow);
}

inline std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

inline nlohmann::json upload(const std::string& csv, const std::string& name = "kertas.csv") {
  return {{"file_name", name}, {"source", "kertas"}, {"content_base64", base64(csv)}};
}

}  // namespace kotak::test
