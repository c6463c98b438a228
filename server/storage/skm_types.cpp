// See skm_types.hpp.
#include "server/storage/skm_types.hpp"

namespace kotak::server {

namespace {
constexpr std::string_view kSourceNames[] = {"kiosk", "kertas", "web", "ponsel"};
constexpr std::string_view kStatusNames[] = {"", "belum", "berjalan", "selesai", "batal"};
}

std::string_view to_string(SkmSource source) { return kSourceNames[static_cast<int>(source)]; }

std::optional<SkmSource> parse_skm_source(std::string_view text) {
  for (auto source : kSkmSources)
    if (to_string(source) == text) return source;
  return std::nullopt;
}

std::string_view to_string(SkmRtlStatus status) { return kStatusNames[static_cast<int>(status)]; }

std::optional<SkmRtlStatus> parse_skm_rtl_status(std::string_view text) {
  for (int i = 0; i < 5; ++i)
    if (kStatusNames[i] == text) return static_cast<SkmRtlStatus>(i);
  return std::nullopt;
}

}  // namespace kotak::server
