// The API over a real database of the engine under test (test_database.hpp)
// with facility pkm-test and device kiosk-1 enrolled, for the tests that call
// Api's endpoints without sockets.
#pragma once

#include <doctest/doctest.h>
#include <sodium.h>

#include "server/api/api.hpp"
#include "server/tokens.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

namespace kotak::test {

struct ApiFixture {
  explicit ApiFixture(std::size_t max_batch_items)
      : api{storage, {.max_batch_items = max_batch_items}} {
    REQUIRE(sodium_init() >= 0);
    token = server::new_device_token();
    storage.add_facility({"pkm-test", "Puskesmas Uji", 1});
    storage.add_device({"pkm-test", "kiosk-1"}, server::hash_token(token), 1);
  }
  server::ApiRequest with_token(std::string body = "") const {
    server::ApiRequest request;
    request.authorization = "Bearer " + token;
    request.body = std::move(body);
    return request;
  }

  TempDir dir;
  TestStorage store{dir.path()};
  server::Storage& storage = *store;
  server::Api api;
  std::string token;
};

}  // namespace kotak::test
