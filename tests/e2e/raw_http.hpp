// Raw HTTP for the tests that attack the server: requests written by hand on
// a socket, so that nothing in a client library tidies them up first, and
// connections from chosen loopback addresses (127.x.y.z), so that tests can
// open many connections without meeting the per-address cap.
#pragma once

#include <string>

namespace kotak::test {

struct Reply {
  int status = 0;  // 0: the server closed without answering
  std::string head;
  std::string body;
  bool kotak() const { return head.find("X-Kotak-Protocol: 1\r\n") != std::string::npos; }
  // The reason of a JSON error body, or "".
  std::string error() const;
};

// A connected TCP socket to 127.0.0.1:port from the loopback address source
// (e.g. "127.0.3.7"); -1 when the connection fails.
int connect_from(const std::string& source, int port);

// Sends raw bytes while reading, until the server closes or goes quiet.
// Reading while sending matters: a server that refuses a big body answers
// at once and closes, and a client still pushing the body would turn that
// close into a reset that can swallow the answer before it is read.
Reply raw(int port, const std::string& request, int quiet_ms = 3000,
          const std::string& source = "127.0.0.1");

// A request with Host and Connection: close, and Content-Length unless it
// is a GET without body.
std::string request(const std::string& method, const std::string& target,
                    const std::string& headers = "", const std::string& body = "");

}  // namespace kotak::test
