// kotak-tls-proxy: a TLS front for kotak-server on loopback, as the reverse
// proxy of a real deployment is, so that the tests can check kotak-sync's
// certificate verification, CA file and public-key pin end to end.
//
//   kotak-tls-proxy CERT_PEM KEY_PEM UPSTREAM_PORT
//
// Prints "listening PORT", forwards every request to 127.0.0.1:UPSTREAM_PORT
// and passes the answer back whole. Stops on SIGTERM.
#include <httplib.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

httplib::SSLServer* server = nullptr;

void forward(const httplib::Request& request, httplib::Response& response, int upstream) {
  httplib::Client client("127.0.0.1", upstream);
  httplib::Headers headers;
  for (const auto& [name, value] : request.headers)
    if (name != "Host" && name != "Content-Length" && name != "REMOTE_ADDR" &&
        name != "REMOTE_PORT" && name != "LOCAL_ADDR" && name != "LOCAL_PORT")
      headers.emplace(name, value);
  auto target = request.target;
  auto result = request.method == "POST" ? client.Post(target, headers, request.body,
                                                       request.get_header_value("Content-Type"))
                                         : client.Get(target, headers);
  if (!result) {
    response.status = 502;
    return;
  }
  response.status = result->status;
  for (const auto& [name, value] : result->headers)
    if (name != "Content-Length" && name != "Keep-Alive" && name != "Connection")
      response.set_header(name, value);
  response.body = result->body;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: kotak-tls-proxy CERT_PEM KEY_PEM UPSTREAM_PORT\n");
    return 2;
  }
  int upstream = std::atoi(argv[3]);
  httplib::SSLServer tls(argv[1], argv[2]);
  if (!tls.is_valid()) {
    std::fprintf(stderr, "kotak-tls-proxy: cannot load the certificate or key\n");
    return 1;
  }
  server = &tls;
  auto handler = [upstream](const httplib::Request& request, httplib::Response& response) {
    forward(request, response, upstream);
  };
  tls.Get(".*", handler);
  tls.Post(".*", handler);
  int port = tls.bind_to_any_port("127.0.0.1");
  std::printf("listening %d\n", port);
  std::fflush(stdout);
  struct sigaction action {};
  action.sa_handler = [](int) {
    // stop() only closes the listening socket, which is safe here.
    if (server) server->stop();
  };
  sigaction(SIGTERM, &action, nullptr);
  tls.listen_after_bind();
  return 0;
}
