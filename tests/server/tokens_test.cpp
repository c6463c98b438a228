#include "server/tokens.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <set>

using namespace kotak::server;

TEST_CASE("device tokens are random, well-formed and only their hash is kept") {
  REQUIRE(sodium_init() >= 0);
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    auto token = new_device_token();
    CHECK(token.size() == 48);
    CHECK(token.rfind("ktk1_", 0) == 0);
    CHECK(looks_like_token(token));
    tokens.insert(token);
  }
  CHECK(tokens.size() == 100);
  auto token = *tokens.begin();
  CHECK(hash_token(token) == hash_token(token));
  CHECK(hash_token(token).size() == 64);
  CHECK(hash_token(token) != hash_token(*tokens.rbegin()));
  CHECK(hash_token(token).find(token.substr(5)) == std::string::npos);
  // SHA-256("abc"), so the hash is the standard one a PostgreSQL engine can reproduce.
  CHECK(hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the bearer token is taken from the Authorization header, strictly") {
  std::string token = "ktk1_" + std::string(43, 'a');
  CHECK(bearer_token("Bearer " + token) == token);
  CHECK(bearer_token("bearer " + token) == token);
  CHECK(bearer_token("Bearer   " + token + "  ") == token);
  CHECK(!bearer_token(""));
  CHECK(!bearer_token("Bearer"));
  CHECK(!bearer_token("Bearer "));
  CHECK(!bearer_token("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
  CHECK(!bearer_token("Bearer " + token + "x"));
  CHECK(!bearer_token("Bearer ktk1_" + std::string(42, 'a') + "!"));
  CHECK(!bearer_token("Bearer " + std::string(100000, 'k')));
  CHECK(!looks_like_token("ktk2_" + std::string(43, 'a')));
}
