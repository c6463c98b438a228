// The client's address behind a reverse proxy (server/api/client_address.hpp):
// X-Forwarded-For is believed only from a trusted proxy, read from the right.
#include "server/api/client_address.hpp"

#include <doctest/doctest.h>

using kotak::server::canonical_address;
using kotak::server::client_address;

TEST_CASE("X-Forwarded-For names the client only when the peer is a trusted proxy") {
  std::set<std::string> proxies{"127.0.0.1", "10.0.0.2"};
  // Anyone may send the header; from an untrusted peer it is ignored.
  CHECK(client_address("203.0.113.9", "198.51.100.1", proxies) == "203.0.113.9");
  CHECK(client_address("127.0.0.1", "198.51.100.1", {}) == "127.0.0.1");
  // From the proxy: the address it appended.
  CHECK(client_address("127.0.0.1", "198.51.100.1", proxies) == "198.51.100.1");
  // A client that forges an entry cannot choose its address: the proxy
  // appends the real one, and that is read first.
  CHECK(client_address("127.0.0.1", "1.2.3.4, 198.51.100.1", proxies) == "198.51.100.1");
  // Chained trusted proxies are skipped.
  CHECK(client_address("127.0.0.1", "198.51.100.1, 10.0.0.2", proxies) == "198.51.100.1");
  // A damaged entry ends the chain at what the trusted proxy saw.
  CHECK(client_address("127.0.0.1", "198.51.100.1, garbage", proxies) == "127.0.0.1");
  CHECK(client_address("127.0.0.1", "", proxies) == "127.0.0.1");
  CHECK(client_address("::ffff:127.0.0.1", " 2001:db8::1 ", proxies) == "2001:db8::1");
}

TEST_CASE("addresses are compared in one canonical form") {
  CHECK(canonical_address("::ffff:10.0.0.2") == "10.0.0.2");
  CHECK(canonical_address("[2001:DB8::1]") == "2001:db8::1");
  CHECK(canonical_address("127.0.0.1") == "127.0.0.1");
  CHECK(canonical_address("not an address").empty());
  CHECK(canonical_address(std::string(100, '1')).empty());
}
