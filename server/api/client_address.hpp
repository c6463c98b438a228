// Who a request really comes from. Behind the documented reverse proxy every
// connection comes from the proxy's address, so the log-in limit and the
// per-address connection cap would treat all clients as one. The proxy's
// X-Forwarded-For names the client, but any client can send that header
// too: it is believed only when the connection comes from an address listed
// in server.trusted_proxies, and then read from the right (the proxies
// append), skipping trusted proxies, up to the first address that is not one.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace kotak::server {

// The canonical text of an IP address ("::ffff:127.0.0.1" becomes
// "127.0.0.1"), or "" when text is not an address.
std::string canonical_address(std::string_view text);

// The client's address: the peer's, unless the peer is a trusted proxy and
// X-Forwarded-For names another.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::set<std::string>& trusted_proxies);

}  // namespace kotak::server
