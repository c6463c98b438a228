// kotak-fault-proxy: a bad network on loopback, for the end-to-end tests.
// It sits between kotak-sync and kotak-server and, at random, does to each
// request what a 3G modem, a captive portal or an overloaded proxy does:
//
//   drop_request   closes the connection before the server sees the request
//   drop_response  lets the server handle it, then closes without answering
//                  (the server stored the batch; the kiosk does not know)
//   truncate       passes on only part of the server's answer
//   delay          holds the answer longer than the client waits
//   error500       answers 500 with an HTML page
//   busy429        answers 429 with Retry-After: 1
//   portal         answers 200 with a Wi-Fi login page (no protocol header)
//   redirect       answers 302 to a login page
//
// Everything else passes through. One request per connection (it answers
// with Connection: close). Listens on 127.0.0.1 only.
//
//   kotak-fault-proxy UPSTREAM_PORT FAULT_PERCENT SEED [DELAY_MS [FAULT,FAULT...]]
//
// The optional list limits the faults to those named.
// Prints "listening PORT" first, then one line per request: the fault
// injected or "pass". Stops on SIGTERM or SIGINT, and prints last
// "most at once N": the most requests it held at the same time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::array<const char*, 8> kFaults = {"drop_request", "drop_response", "truncate",
                                                "delay",        "error500",      "busy429",
                                                "portal",       "redirect"};
constexpr std::size_t kMaxMessage = 64 * 1024 * 1024;

int upstream_port = 0;
int fault_percent = 0;
int delay_ms = 3000;
std::mutex random_mutex;
std::mt19937 random_engine;
std::mutex print_mutex;
std::atomic<int> active{0};
std::atomic<int> most{0};

void say(const std::string& line) {
  std::lock_guard lock(print_mutex);
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

std::vector<std::string> enabled(kFaults.begin(), kFaults.end());

std::string choose_fault() {
  std::lock_guard lock(random_mutex);
  if (static_cast<int>(random_engine() % 100) >= fault_percent) return "pass";
  return enabled[random_engine() % enabled.size()];
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::size_t content_length(const std::string& head) {
  // Case-insensitive search for the Content-Length header.
  std::string lower;
  for (char c : head) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return std::strtoull(head.c_str() + at + 17, nullptr, 10);
}

// Reads one HTTP message (head and Content-Length body) within the timeout.
std::optional<std::string> read_message(int fd, int timeout_ms) {
  std::string data;
  std::size_t head_end = std::string::npos;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) head_end += 4;
    }
    if (head_end != std::string::npos &&
        data.size() >= head_end + content_length(data.substr(0, head_end)))
      return data;
    if (data.size() > kMaxMessage) return std::nullopt;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return std::nullopt;
    char chunk[65536];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    data.append(chunk, static_cast<std::size_t>(n));
  }
}

// The answer with its Connection header replaced by "Connection: close".
std::string closing(const std::string& response) {
  auto head_end = response.find("\r\n\r\n");
  std::string head = response.substr(0, head_end);
  std::string out;
  std::size_t start = 0;
  while (start < head.size()) {
    auto end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    std::string lower;
    for (char c : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("connection:", 0) != 0 && lower.rfind("keep-alive:", 0) != 0)
      out += line + "\r\n";
    start = end + 2;
  }
  return out + "Connection: close\r\n\r\n" + response.substr(head_end + 4);
}

std::optional<std::string> forward(const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(upstream_port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::optional<std::string> response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      send_all(fd, request))
    response = read_message(fd, 30000);
  ::close(fd);
  return response;
}

std::string canned(const char* status, const std::string& extra, const std::string& body) {
  return std::string("HTTP/1.1 ") + status + "\r\nContent-Type: text/html\r\n" + extra +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

void handle(int client) {
  auto request = read_message(client, 10000);
  if (!request) {
    ::close(client);
    return;
  }
  int now = ++active;
  for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
  }
  auto fault = choose_fault();
  say(fault);
  if (fault == "pass" || fault == "delay" || fault == "drop_response" || fault == "truncate") {
    auto response = forward(*request);
    if (fault == "delay") std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    if (response && fault != "drop_response") {
      std::string answer = closing(*response);
      if (fault == "truncate") answer.resize(answer.size() / 2);
      send_all(client, answer);
    }
  } else if (fault == "error500") {
    send_all(client, canned("500 Internal Server Error", "",
                            "<html><body><h1>500 Internal Server Error</h1></body></html>"));
  } else if (fault == "busy429") {
    send_all(client, canned("429 Too Many Requests", "Retry-After: 1\r\n",
                            "<html><body>Too many requests</body></html>"));
  } else if (fault == "portal") {
    send_all(client, canned("200 OK", "",
                            "<html><body><form>Masuk ke Wi-Fi Puskesmas: <input "
                            "name=voucher></form></body></html>"));
  } else if (fault == "redirect") {
    send_all(client, canned("302 Found", "Location: http://portal.example/login\r\n",
                            "<html>Moved</html>"));
  }
  // drop_request: nothing is forwarded and nothing answered.
  --active;
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
}

std::atomic<bool> stopping{false};
int listener = -1;

void on_signal(int) {
  stopping = true;
  ::shutdown(listener, SHUT_RDWR);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: kotak-fault-proxy UPSTREAM_PORT FAULT_PERCENT SEED [DELAY_MS [FAULTS]]\n");
    return 2;
  }
  upstream_port = std::atoi(argv[1]);
  fault_percent = std::atoi(argv[2]);
  random_engine.seed(static_cast<unsigned>(std::atoi(argv[3])));
  if (argc > 4) delay_ms = std::atoi(argv[4]);
  if (argc > 5) {
    enabled.clear();
    std::string list = argv[5];
    for (std::size_t start = 0; start <= list.size();) {
      auto end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      enabled.push_back(list.substr(start, end - start));
      start = end + 1;
    }
  }

  listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int yes = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener, 64) != 0) {
    std::perror("kotak-fault-proxy: listen");
    return 1;
  }
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  say("listening " + std::to_string(ntohs(address.sin_port)));
  while (!stopping) {
    int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR) continue;
      break;
    }
    std::thread(handle, client).detach();
  }
  say("most at once " + std::to_string(most));
  return 0;
}
