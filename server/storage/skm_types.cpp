// See skm_types.hpp.
#include "server/storage/skm_types.hpp"

#include <algorithm>
#include <map>
#include <tuple>

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

void tidy(SkmCounts& counts) {
  std::erase_if(counts.days, [](const SkmDayCount& d) { return d.respondents == 0; });
  std::erase_if(counts.profile, [](const SkmProfileCount& p) { return p.respondents == 0; });
  std::sort(counts.days.begin(), counts.days.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.unit, a.source) < std::tie(b.day, b.unit, b.source);
  });
  std::sort(counts.profile.begin(), counts.profile.end(), [](const auto& a, const auto& b) {
    return std::tie(a.field, a.value) < std::tie(b.field, b.value);
  });
}

SkmCounts count_responses(const std::vector<SkmRecord>& records, std::int64_t first_day,
                          std::int64_t last_day, const std::string& unit) {
  std::map<std::tuple<std::int64_t, std::string, SkmSource>, SkmDayCount> days;
  std::map<std::pair<std::string, std::string>, std::int64_t> profile;
  for (const auto& r : records) {
    if (r.day < first_day || r.day > last_day || (!unit.empty() && r.unit != unit)) continue;
    const auto& scores = r.response.scores;
    if (std::none_of(scores.begin(), scores.end(), [](int s) { return s >= 1 && s <= 4; })) continue;
    auto& d = days[{r.day, r.unit, r.source}];
    d.day = r.day;
    d.unit = r.unit;
    d.source = r.source;
    d.respondents += 1;
    for (std::size_t e = 0; e < scores.size(); ++e)
      if (scores[e] >= 1 && scores[e] <= 4) d.answers[e][static_cast<std::size_t>(scores[e] - 1)] += 1;
    const auto& p = r.response.profile;
    profile[{"sex", p.sex}] += 1;
    profile[{"age_group", p.age_group}] += 1;
    profile[{"education", p.education}] += 1;
    profile[{"occupation", p.occupation}] += 1;
  }
  SkmCounts out;
  for (auto& [key, d] : days) out.days.push_back(std::move(d));
  for (const auto& [key, n] : profile) out.profile.push_back({key.first, key.second, n});
  tidy(out);
  return out;
}

}  // namespace kotak::server
