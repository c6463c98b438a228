// See raw_http.hpp.
#include "tests/e2e/raw_http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace kotak::test {

std::string Reply::error() const {
  auto json = nlohmann::json::parse(body, nullptr, false);
  return json.is_object() && json.contains("error") && json["error"].is_string()
             ? json["error"].get<std::string>()
             : "";
}

int connect_from(const std::string& source, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

Reply raw(int port, const std::string& request, int quiet_ms, const std::string& source) {
  Reply reply;
  int fd = connect_from(source, port);
  if (fd < 0) return reply;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::size_t sent = 0;
  bool sending = true;
  std::string data;
  while (true) {
    pollfd p{fd, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, quiet_ms) <= 0) break;
    if (p.revents & POLLIN) {
      char chunk[65536];
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      data.append(chunk, static_cast<std::size_t>(n));
      auto head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        sending = false;  // the server has answered; the rest of the body is moot
        auto at = data.find("Content-Length: ");
        std::size_t length = at == std::string::npos ? 0 : std::stoul(data.substr(at + 16));
        if (data.size() >= head_end + 4 + length) break;
      }
    } else if (p.revents & POLLOUT) {
      ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        sending = false;  // the server may stop reading a body it refused
      } else {
        sent += static_cast<std::size_t>(n);
        sending = sent < request.size();
      }
    } else {
      break;  // error or hang-up with nothing to read
    }
  }
  ::close(fd);
  auto head_end = data.find("\r\n\r\n");
  if (data.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return reply;
  reply.status = std::stoi(data.substr(9, 3));
  reply.head = data.substr(0, head_end + 2);
  reply.body = data.substr(head_end + 4);
  return reply;
}

std::string request(const std::string& method, const std::string& target,
                    const std::string& headers, const std::string& body) {
  return method + " " + target + " HTTP/1.1\r\nHost: kotak\r\nConnection: close\r\n" + headers +
         (body.empty() && method == "GET"
              ? ""
              : "Content-Length: " + std::to_string(body.size()) + "\r\n") +
         "\r\n" + body;
}

}  // namespace kotak::test
