// `kotak-server stats` and `kotak-server conflicts`: what has arrived, for
// operators (and tests) until the staff dashboard shows it.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "server/admin/admin.hpp"

namespace kotak::server::admin {

int stats(Storage& storage, const std::string& facility_id, bool json) {
  auto s = storage.stats(facility_id);
  if (json) {
    nlohmann::json out{{"submissions", s.submissions},
                       {"ratings", s.ratings},
                       {"superseded", s.superseded},
                       {"written", s.written},
                       {"skm", s.skm},
                       {"with_identity", s.with_identity},
                       {"conflicts", s.conflicts},
                       {"devices", s.devices}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  std::printf("%s\n", facility_id.empty() ? "All facilities" : ("Facility " + facility_id).c_str());
  std::printf("  submissions:        %lld (%lld faces, %lld written, %lld SKM)\n",
              static_cast<long long>(s.submissions), static_cast<long long>(s.ratings),
              static_cast<long long>(s.written), static_cast<long long>(s.skm));
  if (s.superseded > 0)
    std::printf("  faces corrected:    %lld (kept for the record, not counted)\n",
                static_cast<long long>(s.superseded));
  std::printf("  with contact details: %lld\n", static_cast<long long>(s.with_identity));
  std::printf("  conflicts recorded: %lld\n", static_cast<long long>(s.conflicts));
  std::printf("  devices:            %lld\n", static_cast<long long>(s.devices));
  return 0;
}

int conflicts(Storage& storage, const std::string& facility_id, std::size_t limit) {
  auto list = storage.conflicts(facility_id, limit);
  if (list.empty()) {
    std::printf("No conflicts recorded.\n");
    return 0;
  }
  std::printf("Submissions sent again with different content (the first version is kept):\n");
  for (const auto& c : list)
    std::printf("%s  %s/%s  received %s\n  refused version: %s\n", c.submission_id.c_str(),
                c.device.facility_id.c_str(), c.device.device_id.c_str(),
                local_time(c.received_ms).c_str(), c.content.c_str());
  return 0;
}

}  // namespace kotak::server::admin
