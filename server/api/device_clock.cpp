// Device clocks on the API (issue 17 item 6): the server's time for
// kotak-sync to measure the kiosk's clock against, and the offset it
// measured. Only an offset measured while the kiosk's clock was not
// synchronised (or may not have been) is kept: one measured after the clock
// was set says nothing about the time the boot's earlier answers were given.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"

namespace kotak::server {

namespace wire = core::wire;

ApiResponse Api::get_time(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    // Read after the token check, as close to the answer as it can be.
    ApiResponse response;
    response.body = wire::encode_server_time(core::now().unix_ms);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  } catch (const StorageError& failure) {
    return storage_failure(failure, "check the device token");
  }
}

ApiResponse Api::post_device_clock(const ApiRequest& request) {
  ApiResponse refusal;
  try {
    auto device = authenticate(request, refusal);
    if (!device) return refusal;
    auto report = wire::decode_clock_report(request.body);
    const std::string who = device->facility_id + "/" + device->device_id;
    nlohmann::json body{{"protocol", wire::kProtocol}, {"status", "ignored"}, {"corrected", 0}};
    if (report.synchronised == true) {
      core::log::debug(who + ": clock synchronised, offset " +
                       std::to_string(report.offset_ms) + " ms");
      return {200, body.dump(), {}};
    }
    auto record = storage_.record_clock_offset(
        *device, {report.boot_id, report.offset_ms, report.round_trip_ms, core::now().unix_ms});
    if (record.recorded || record.corrected > 0)
      core::log::info(who + ": clock not synchronised in boot " + report.boot_id + ", offset " +
                      std::to_string(record.offset_ms) + " ms; " +
                      std::to_string(record.corrected) + " answers corrected");
    body["status"] = record.recorded ? "recorded" : "ignored";
    body["corrected"] = record.corrected;
    return {200, body.dump(), {}};
  } catch (const wire::WireError& bad) {
    return error(400, bad.what());
  } catch (const StorageError& failure) {
    return storage_failure(failure, "record the device's clock");
  }
}

}  // namespace kotak::server
