// kotak-ingest-poster: a benchmark helper that stands in for several kiosks
// syncing at once. It makes COUNT submissions (the filler's mix), shared
// among the devices of the token files, as sync batches of BATCH items, all
// before the clock starts; then posts them over one keep-alive connection
// per device (kotak-sync's HTTP client), all connections at once, and
// checks every answer: each item must come back accepted. Prints
// "SECONDS ACCEPTED" when every item was.
//
//   kotak-ingest-poster URL COUNT BATCH TOKEN_FILE...
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "sync/http_client.hpp"
#include "sync/token_file.hpp"
#include "tests/support/samples.hpp"

namespace {

namespace wire = kotak::core::wire;

struct Device {
  std::string token;
  std::vector<std::string> bodies;
  std::string failure;  // empty: every item accepted
  long accepted = 0;
};

void post_all(const std::string& url, Device& device, const std::atomic<bool>& go) {
  kotak::sync::HttpSettings settings;
  settings.base_url = url;
  settings.token = device.token;
  kotak::sync::HttpClient http(settings);
  while (!go) std::this_thread::yield();
  for (const auto& body : device.bodies) {
    auto reply = http.post_json("/api/v1/submissions", body);
    if (reply.answer.status != 200) {
      device.failure = "HTTP " + std::to_string(reply.answer.status) + " " +
                       reply.answer.transport_detail + reply.answer.server_reason;
      return;
    }
    std::vector<wire::ItemResult> results;
    try {
      results = wire::decode_results(reply.body);
    } catch (const wire::WireError& error) {
      device.failure = std::string("the answer is not a result list: ") + error.what();
      return;
    }
    for (const auto& result : results) {
      if (result.status != wire::ItemStatus::accepted) {
        device.failure = "item " + result.id + " " + std::string(wire::to_string(result.status)) +
                         ": " + result.reason;
        return;
      }
      ++device.accepted;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: kotak-ingest-poster URL COUNT BATCH TOKEN_FILE...\n");
    return 2;
  }
  const std::string url = argv[1];
  const long count = std::atol(argv[2]);
  const long batch = std::atol(argv[3]);
  if (count < 1 || batch < 1) {
    std::fprintf(stderr, "kotak-ingest-poster: COUNT and BATCH must be positive\n");
    return 2;
  }
  kotak::sync::http_global_init();
  std::vector<Device> devices(static_cast<std::size_t>(argc - 4));
  const auto share = count / static_cast<long>(devices.size());
  // One answer a second per device, the last one now.
  const std::int64_t first_ms = kotak::core::now().unix_ms - share * 1000;
  try {
    for (std::size_t d = 0; d < devices.size(); ++d) {
      devices[d].token = kotak::sync::read_token_file(argv[4 + d]);
      std::vector<kotak::core::Submission> pending;
      for (long i = 0; i < share; ++i) {
        // The token names the device; facility and device are not sent.
        pending.push_back(kotak::test::sample_of_mix(i, "", "", first_ms + i * 1000));
        if (static_cast<long>(pending.size()) == batch || i + 1 == share) {
          devices[d].bodies.push_back(wire::encode_batch(pending));
          pending.clear();
        }
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kotak-ingest-poster: %s\n", error.what());
    return 1;
  }
  std::atomic<bool> go = false;
  std::vector<std::thread> threads;
  for (auto& device : devices)
    threads.emplace_back([&url, &device, &go] { post_all(url, device, go); });
  const auto start = std::chrono::steady_clock::now();
  go = true;
  for (auto& thread : threads) thread.join();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  long accepted = 0;
  for (const auto& device : devices) {
    if (!device.failure.empty()) {
      std::fprintf(stderr, "kotak-ingest-poster: %s\n", device.failure.c_str());
      return 1;
    }
    accepted += device.accepted;
  }
  std::printf("%.3f %ld\n", took.count(), accepted);
  return 0;
}
