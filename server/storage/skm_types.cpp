// See skm_types.hpp.
#include "server/storage/skm_types.hpp"

namespace kotak::server {

namespace {
constexpr std::string_view kSourceNames[] = {"kiosk", "kertas", "web"};
}

std::string_view to_string(SkmSource source) { return kSourceNames[static_cast<int>(source)]; }

std::optional<SkmSource> parse_skm_source(std::string_view text) {
  for (auto source : kSkmSources)
    if (to_string(source) == text) return source;
  return std::nullopt;
}

}  // namespace kotak::server
