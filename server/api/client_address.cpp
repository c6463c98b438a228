// See client_address.hpp.
#include "server/api/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace kotak::server {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string canonical_address(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return {};
  std::string copy(text);
  char out[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) return inet_ntop(AF_INET, &v4, out, sizeof out);
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) != 1) return {};
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], 4);
    return inet_ntop(AF_INET, &v4, out, sizeof out);
  }
  return inet_ntop(AF_INET6, &v6, out, sizeof out);
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::set<std::string>& trusted_proxies) {
  std::string client = canonical_address(peer);
  if (client.empty()) client = peer;
  while (trusted_proxies.count(client) && !forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    auto last = trim(comma == std::string_view::npos ? forwarded_for
                                                     : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view()
                                                    : forwarded_for.substr(0, comma);
    auto address = canonical_address(last);
    // A damaged entry ends the chain: what the trusted proxy saw is kept.
    if (address.empty()) break;
    client = address;
  }
  return client;
}

}  // namespace kotak::server
