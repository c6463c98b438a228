// The routing table without sockets (server/api/router.hpp): what is refused
// before a body is read, and 404/405 with a JSON reason and the protocol
// header on everything.
#include "server/api/router.hpp"

#include <doctest/doctest.h>

#include "server/storage/sqlite_storage.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;

namespace {

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

HttpRequest make(std::string method, std::string target,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers = std::move(headers);
  return request;
}

}  // namespace

TEST_CASE("the router refuses bodies it should not read, before they are read") {
  test::TempDir dir;
  SqliteStorage storage(dir / "server.db");
  Api api(storage, {});
  Router router(api, nullptr, 1000);
  auto json = std::pair{std::string("Content-Type"), std::string("application/json")};
  CHECK(router.check_head(make("POST", "/api/v1/submissions", {json, {"Content-Length", "1000"}})) ==
        std::nullopt);
  CHECK(router.check_head(make("POST", "/api/v1/submissions", {json, {"Content-Length", "1001"}}))
            ->status == 413);
  CHECK(router.check_head(make("POST", "/api/v1/submissions", {json, {"transfer-encoding", "chunked"}}))
            ->status == 411);
  CHECK(router.check_head(make("POST", "/api/v1/submissions", {json, {"Content-Encoding", "gzip"}}))
            ->status == 415);
  CHECK(router.check_head(make("POST", "/api/v1/submissions", {{"Content-Type", "text/plain"}}))
            ->status == 415);
}

TEST_CASE("unknown paths are 404, known paths with another method 405, all with a reason") {
  test::TempDir dir;
  SqliteStorage storage(dir / "server.db");
  Api api(storage, {});
  Router router(api, nullptr, 1000);
  auto health = router.answer(make("GET", "/api/v1/health"));
  CHECK(health.status == 200);
  CHECK(header(health, "X-Kotak-Protocol") == "1");
  auto missing = router.answer(make("GET", "/api/v2/board"));
  CHECK(missing.status == 404);
  CHECK(header(missing, "X-Kotak-Protocol") == "1");
  CHECK(missing.body.find("\"error\"") != std::string::npos);
  CHECK(router.answer(make("DELETE", "/api/v1/board")).status == 405);
  CHECK(router.answer(make("GET", "/api/v1/submissions")).status == 405);
  // An escaped path is decoded before it is matched.
  CHECK(router.answer(make("GET", "/api/v1/%68ealth")).status == 200);
}

TEST_CASE("percent-decoding keeps what is not a valid escape") {
  CHECK(percent_decode("a%20b+c", true) == "a b c");
  CHECK(percent_decode("a%20b+c", false) == "a b+c");
  CHECK(percent_decode("%FF%0", false) == "\xff%0");
  CHECK(percent_decode("%zz%", false) == "%zz%");
}
