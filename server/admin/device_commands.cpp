// `kotak-server device add|token|revoke|list`: kiosks and their tokens. A
// token is shown once (or written to a file only its owner can read); the
// server keeps its hash.
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/signing.hpp"
#include "core/submission.hpp"
#include "core/timestamp.hpp"
#include "server/admin/admin.hpp"
#include "server/enrolment.hpp"
#include "server/tokens.hpp"

namespace kotak::server::admin {

namespace {

// name_optional: an empty device name is allowed (device code).
void check_ref(const DeviceRef& device, bool name_optional = false) {
  if (!core::is_identifier(device.facility_id))
    throw std::runtime_error("the facility id '" + device.facility_id +
                             "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
  if (name_optional && device.device_id.empty()) return;
  if (!core::is_identifier(device.device_id))
    throw std::runtime_error("the device name '" + device.device_id +
                             "' must be 1 to 64 of A-Z a-z 0-9 . _ - (e.g. kiosk-lobby-1)");
}

void write_token_file(const std::filesystem::path& path, const std::string& token) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("cannot write the token to '" + path.string() +
                             "': " + std::strerror(errno));
  std::string line = token + "\n";
  // The file may have existed with a looser mode: tighten it before writing.
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok)
    throw std::runtime_error("cannot write the token to '" + path.string() +
                             "': " + std::strerror(saved));
}

void hand_out(const DeviceRef& device, const std::string& token,
              const std::filesystem::path& token_file) {
  if (!token_file.empty()) {
    write_token_file(token_file, token);
    std::printf(
        "Its token was written to %s (mode 0600). Copy it to the kiosk as\n"
        "/var/lib/kotak/device.token, readable only by the user kotak-sync runs as.\n",
        token_file.c_str());
    return;
  }
  std::printf(
      "Its token is shown only this once; the server keeps only a hash:\n\n%s\n\n"
      "On the kiosk, put it in /var/lib/kotak/device.token and make it readable by the\n"
      "sync user only (chmod 600). Set device.id = \"%s\" and facility.id = \"%s\" in\n"
      "/etc/kotak/kiosk.toml.\n",
      token.c_str(), device.device_id.c_str(), device.facility_id.c_str());
}

}  // namespace

int device_add(Storage& storage, const DeviceRef& device, const std::filesystem::path& token_file) {
  check_ref(device);
  std::string token = new_device_token();
  storage.add_device(device, hash_token(token), core::now().unix_ms);
  std::printf("Device %s of facility %s enrolled.\n", device.device_id.c_str(),
              device.facility_id.c_str());
  hand_out(device, token, token_file);
  return 0;
}

int device_token(Storage& storage, const DeviceRef& device,
                 const std::filesystem::path& token_file) {
  check_ref(device);
  std::string token = new_device_token();
  storage.replace_token(device, hash_token(token), core::now().unix_ms);
  std::printf("New token for device %s of facility %s; the old one no longer works.\n",
              device.device_id.c_str(), device.facility_id.c_str());
  hand_out(device, token, token_file);
  return 0;
}

int device_code(Storage& storage, const DeviceRef& device, int valid_hours) {
  check_ref(device, true);
  if (valid_hours < 1 || valid_hours > 24 * 7)
    throw std::runtime_error("--hours must be 1 to 168 (a code lasts 24 hours by default)");
  if (!device.device_id.empty() && !storage.device(device))
    throw std::runtime_error("there is no device '" + device.device_id + "' of facility '" +
                             device.facility_id +
                             "' to replace; leave out --name to let the kiosk say its own name");
  auto code = new_enrolment_code();
  auto now = core::now().unix_ms;
  const passwd* user = ::getpwuid(::geteuid());
  EnrolmentCode stored;
  stored.code_hash = hash_enrolment_code(*normalise_enrolment_code(code));
  stored.facility_id = device.facility_id;
  stored.device_id = device.device_id;
  stored.created_by = std::string("command line, user ") + (user ? user->pw_name : "?");
  stored.created_ms = now;
  stored.expires_ms = now + std::int64_t{valid_hours} * 3600 * 1000;
  storage.add_enrolment_code(stored);
  std::printf("Enrolment code for %s%s:\n\n    %s\n\nIt works once, until %s.\n",
              device.device_id.empty() ? "a new kiosk" : ("kiosk " + device.device_id).c_str(),
              (" of facility " + device.facility_id).c_str(), code.c_str(),
              local_time(stored.expires_ms).c_str());
  std::printf(
      "On the kiosk: admin screen (PIN), \"Daftarkan kiosk\", type the code; or run\n"
      "  kotak-sync enroll %s\n"
      "as the user kotak-sync runs as.%s\n",
      code.c_str(),
      device.device_id.empty()
          ? ""
          : " The kiosk's old token stops working when the code is used.");
  return 0;
}

int device_revoke(Storage& storage, const DeviceRef& device) {
  check_ref(device);
  storage.revoke_device(device, core::now().unix_ms);
  std::printf(
      "Device %s of facility %s revoked: its token is refused from now on.\n"
      "What it already sent is kept. To let it send again, give it a new token:\n"
      "  kotak-server device token --facility %s --name %s\n",
      device.device_id.c_str(), device.facility_id.c_str(), device.facility_id.c_str(),
      device.device_id.c_str());
  return 0;
}

int device_list(Storage& storage, const std::string& facility_id) {
  auto list = storage.devices(facility_id);
  if (list.empty()) {
    std::printf(
        "No devices%s yet. Enroll one with: kotak-server device add --facility F --name N\n",
        facility_id.empty() ? "" : (" in " + facility_id).c_str());
    return 0;
  }
  std::printf("%-20s %-20s %-8s %-27s %-27s %s\n", "FACILITY", "DEVICE", "STATE", "ENROLLED",
              "LAST SEEN", "SUBMISSIONS");
  for (const auto& d : list)
    std::printf("%-20s %-20s %-8s %-27s %-27s %lld\n", d.ref.facility_id.c_str(),
                d.ref.device_id.c_str(), d.revoked_ms ? "revoked" : "active",
                local_time(d.created_ms).c_str(), local_time(d.last_seen_ms).c_str(),
                static_cast<long long>(d.submissions));
  return 0;
}

int device_key_show(Storage& storage, const DeviceRef& device) {
  check_ref(device);
  auto known = storage.device(device);
  if (!known)
    throw std::runtime_error("there is no device '" + device.device_id + "' of facility '" +
                             device.facility_id + "'");
  if (known->public_key.empty()) {
    std::printf(
        "Device %s of %s has no bundle key: its USB bundles are refused. It registers its key\n"
        "on its next sync over the network; or run `kotak-sync key` on it and then\n"
        "  kotak-server device key set --facility %s --name %s --key KEY\n",
        device.device_id.c_str(), device.facility_id.c_str(), device.facility_id.c_str(),
        device.device_id.c_str());
    return 0;
  }
  std::printf("%s\n", known->public_key.c_str());
  std::printf("(set %s)\n", local_time(known->key_set_ms).c_str());
  return 0;
}

int device_key_set(Storage& storage, const DeviceRef& device, const std::string& key, bool clear) {
  check_ref(device);
  if (!clear && !core::signing::is_public_key(key))
    throw std::runtime_error(
        "--key must be the kiosk's public key as `kotak-sync key` prints it (base64 of 32 "
        "bytes), or use --clear");
  storage.set_device_key(device, key, core::now().unix_ms);
  if (clear)
    std::printf("Device %s of %s has no bundle key now: its USB bundles are refused.\n",
                device.device_id.c_str(), device.facility_id.c_str());
  else
    std::printf("Device %s of %s: bundles signed with this key are accepted from now on.\n",
                device.device_id.c_str(), device.facility_id.c_str());
  return 0;
}

}  // namespace kotak::server::admin
