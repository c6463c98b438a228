// The kiosks page (issue 15 item 12): every kiosk the caller may see - a
// facility's staff their facility's, the district admin all - with its last
// sync, queue, quarantined answers, version, free disk and clock offset as
// kotak-sync last reported them (api/device_health.cpp), and the warnings
// staff should act on. The warnings are decided here, on the server's
// clock, so that the page, the tests and the mail (notify/kiosk_outages.cpp)
// agree on what "silent for a day" means.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>

#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

// Below this the kiosk database may soon refuse answers (a Pi's SD card).
constexpr std::int64_t kLowDiskBytes = 512LL * 1024 * 1024;
// Past this the times of new answers are suspect (docs/sync.md).
constexpr std::int64_t kClockFarMs = 5LL * 60 * 1000;

json warnings(const DeviceHealth* health, std::int64_t now) {
  json out = json::array();
  if (!health) {
    out.push_back("never");
    return out;
  }
  if (health->reported_ms < now - kKioskSilentMs) out.push_back("silent");
  if (health->disk_free_bytes && *health->disk_free_bytes < kLowDiskBytes) out.push_back("disk");
  if (health->clock_offset_ms && std::llabs(*health->clock_offset_ms) > kClockFarMs)
    out.push_back("clock");
  if (health->quarantined > 0) out.push_back("quarantined");
  return out;
}

}  // namespace

WebResponse Dashboard::kiosks(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    const std::int64_t now = now_ms();
    std::map<std::pair<std::string, std::string>, DeviceHealth> reports;
    for (auto& h : storage_.device_health(*facility))
      reports[{h.device.facility_id, h.device.device_id}] = std::move(h);
    std::map<std::string, std::string> names;
    for (const auto& f : storage_.facilities()) names[f.id] = f.name;
    json list = json::array();
    for (const auto& d : storage_.devices(*facility)) {
      if (d.revoked_ms) continue;  // a revoked kiosk cannot sync: nothing to watch
      auto found = reports.find({d.ref.facility_id, d.ref.device_id});
      const DeviceHealth* h = found == reports.end() ? nullptr : &found->second;
      json row{{"facility", d.ref.facility_id},
               {"facility_name", names.contains(d.ref.facility_id) ? names[d.ref.facility_id]
                                                                   : d.ref.facility_id},
               {"device", d.ref.device_id},
               {"last_seen_ms", d.last_seen_ms ? json(*d.last_seen_ms) : json()},
               {"warnings", warnings(h, now)}};
      if (h) {
        row["last_sync_ms"] = h->reported_ms;
        row["queue"] = h->queue;
        row["quarantined"] = h->quarantined;
        row["version"] = h->version;
        row["disk_free_bytes"] = h->disk_free_bytes ? json(*h->disk_free_bytes) : json();
        row["clock_offset_ms"] = h->clock_offset_ms ? json(*h->clock_offset_ms) : json();
      }
      list.push_back(std::move(row));
    }
    WebResponse response;
    response.body = json{{"now_ms", now},
                         {"silent_after_ms", kKioskSilentMs},
                         {"low_disk_bytes", kLowDiskBytes},
                         {"clock_far_ms", kClockFarMs},
                         {"kiosks", list}}
                        .dump();
    return response;
  });
}

}  // namespace kotak::server
