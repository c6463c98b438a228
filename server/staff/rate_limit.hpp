// Failed staff log-ins limit further tries, counted in the storage over a
// sliding window so that the limits survive a restart and hold for every
// server process on the database. Two limits, both per account:
// - an account from one client address: `attempts` failures (5), then that
//   address waits before trying that account again;
// - an account from anywhere: `account_attempts` failures (20), then the
//   account waits from every address (a guess spread over many addresses).
// A failure never counts against another account: names that do not exist
// are counted as typed, and an address that failed on one account may still
// log in to any other. Behind a reverse proxy the address is the client's
// from X-Forwarded-For, believed only from a trusted proxy
// (api/client_address.hpp). Past a limit the answer is 429 with Retry-After
// whether or not the password is right.
#pragma once

#include <cstdint>
#include <string>

#include "server/storage/storage.hpp"

namespace kotak::server::staff {

class LoginLimiter {
 public:
  LoginLimiter(Storage& storage, int attempts, int account_attempts, std::int64_t window_ms)
      : storage_(storage),
        attempts_(attempts),
        account_attempts_(account_attempts),
        window_ms_(window_ms) {}

  // 0 when this account may be tried from this address now, else
  // milliseconds to wait.
  std::int64_t wait_ms(const std::string& account, const std::string& address, std::int64_t now_ms);
  void failed(const std::string& account, const std::string& address, std::int64_t now_ms);
  void succeeded(const std::string& account, const std::string& address);

 private:
  Storage& storage_;
  int attempts_;
  int account_attempts_;
  std::int64_t window_ms_;
};

}  // namespace kotak::server::staff
