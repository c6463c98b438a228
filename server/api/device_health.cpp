// Kiosk health on the API (issue 15 item 12): what kotak-sync reports at
// the end of each sync, kept per device for the district's kiosk page
// (dashboard/kiosks.cpp) and the mail about a silent kiosk
// (notify/kiosk_outages.cpp). The report is bounded by the wire format; the
// time of the report is the server's own, never the kiosk's.
#include "core/log.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"

namespace kotak::server {

namespace wire = core::wire;

ApiResponse Api::post_device_health(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto report = wire::decode_health_report(request.body);
    DeviceHealth health;
    health.device = *device;
    health.reported_ms = core::now().unix_ms;
    health.queue = report.queue;
    health.quarantined = report.quarantined;
    health.version = report.version;
    health.disk_free_bytes = report.disk_free_bytes;
    health.clock_offset_ms = report.clock_offset_ms;
    storage_.record_device_health(health);
    core::log::debug(device->facility_id + "/" + device->device_id + ": health: queue " +
                     std::to_string(report.queue) + ", quarantined " +
                     std::to_string(report.quarantined) + ", version " + report.version);
    return {200, nlohmann::json{{"protocol", wire::kProtocol}, {"status", "recorded"}}.dump(), {}};
  } catch (const wire::WireError& bad) {
    return error(400, bad.what());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "record the kiosk's health");
  }
}

}  // namespace kotak::server
