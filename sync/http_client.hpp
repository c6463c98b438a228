// kotak-sync's HTTP client: one libcurl easy handle, reused so that a run
// of many batches keeps one connection. Set up the way DESIGN.md's libcurl
// trap says: connect, total and low-speed timeouts (curl's defaults wait
// minutes or forever), TLS peer and host verification on, an optional CA
// file and public-key pin, no redirects (a captive portal redirects), only
// http and https. Answers are bounded in size, so memory stays flat.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "sync/retry.hpp"

namespace kotak::sync {

struct HttpSettings {
  std::string base_url;  // server.url without a trailing slash
  std::string token;
  std::filesystem::path ca_file;
  std::string pinned_public_key;
  int connect_timeout_s = 10;
  int timeout_s = 60;
  int low_speed_bytes = 64;
  int low_speed_time_s = 30;
  const std::atomic<bool>* stop = nullptr;  // set: abort the transfer
};

struct HttpReply {
  Answer answer;  // transport, status, protocol header, Retry-After
  std::string body;
  std::string etag;
};

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // path starts with "/api/v1/"; headers are "Name: value" lines.
  HttpReply get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpReply post_json(const std::string& path, const std::string& body,
                      std::vector<std::string> headers = {});
  // Percent-encodes a query value.
  std::string escape(const std::string& value);

 private:
  HttpReply perform(const std::string& path, const std::vector<std::string>& headers,
                    const std::string* body);

  HttpSettings settings_;
  void* curl_;  // CURL*, kept out of this header
};

// The settings for server_url (a trailing '/' dropped; plain http:// off
// loopback is warned about) from the sync config's TLS and timeouts.
HttpSettings http_settings(const core::SyncConfig& config, std::string server_url,
                           std::string token, const std::atomic<bool>* stop);

// curl_global_init, once per process, before any thread starts.
void http_global_init();

}  // namespace kotak::sync
