// kotak-smtp-sink: a tiny SMTP receiver for tests, on loopback. It speaks
// just enough ESMTP (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT,
// no TLS, no auth) for libcurl to deliver a message, and writes each message
// it receives to DIR/mail-N.eml, the envelope first as "X-Envelope-From:" and
// "X-Envelope-To:" lines, then the data with dot-stuffing undone. Prints
// "listening on PORT" once bound. Runs until killed.
//
//   kotak-smtp-sink DIR
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace {

bool read_line(int fd, std::string& buffer, std::string& line) {
  for (;;) {
    auto end = buffer.find("\r\n");
    if (end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      return true;
    }
    char chunk[4096];
    auto n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void say(int fd, const std::string& text) {
  std::string out = text + "\r\n";
  auto written = ::write(fd, out.data(), out.size());
  (void)written;
}

void serve(int fd, const std::string& dir, int& count) {
  std::string buffer, line, from, to;
  say(fd, "220 kotak-smtp-sink ready");
  while (read_line(fd, buffer, line)) {
    std::string verb = line.substr(0, 4);
    for (auto& c : verb) c = static_cast<char>(toupper(c));
    if (verb == "EHLO") {
      say(fd, "250-kotak-smtp-sink");
      say(fd, "250 8BITMIME");
    } else if (verb == "HELO" || verb == "NOOP") {
      say(fd, "250 ok");
    } else if (verb == "MAIL") {
      from = line;
      to.clear();
      say(fd, "250 ok");
    } else if (verb == "RCPT") {
      to += (to.empty() ? "" : ", ") + line.substr(line.find(':') + 1);
      say(fd, "250 ok");
    } else if (verb == "RSET") {
      from.clear();
      to.clear();
      say(fd, "250 ok");
    } else if (verb == "DATA") {
      say(fd, "354 end with <CRLF>.<CRLF>");
      std::string data;
      while (read_line(fd, buffer, line) && line != ".") data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      std::ofstream out(dir + "/mail-" + std::to_string(++count) + ".eml.part", std::ios::binary);
      out << "X-Envelope-From: " << from.substr(from.find(':') + 1) << "\r\nX-Envelope-To: " << to << "\r\n" << data;
      out.close();
      // Renamed when complete, so a reader never sees half a message.
      std::rename((dir + "/mail-" + std::to_string(count) + ".eml.part").c_str(),
                  (dir + "/mail-" + std::to_string(count) + ".eml").c_str());
      say(fd, "250 ok: queued");
    } else if (verb == "QUIT") {
      say(fd, "221 bye");
      return;
    } else {
      say(fd, "502 not implemented");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kotak-smtp-sink DIR\n");
    return 2;
  }
  int server = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (bind(server, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(server, 8) != 0 ||
      getsockname(server, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    std::perror("kotak-smtp-sink");
    return 1;
  }
  std::printf("listening on %d\n", ntohs(address.sin_port));
  std::fflush(stdout);
  int count = 0;
  for (;;) {
    int client = accept(server, nullptr, nullptr);
    if (client < 0) continue;
    serve(client, argv[1], count);
    close(client);
  }
}
