// Kiosk settings that staff change on the server and kotak-sync brings back
// (GET /api/v1/settings, stored by Store::set_remote_settings). Each member
// that is present overrides the kiosk's own config; absent ones leave it.
//
//   {"facility_name": "Puskesmas Puring",
//    "skm_url": "https://skm.kebumenkab.go.id",
//    "units": [{"id": "poli-umum", "label": {"id": "Poli Umum", "en": "General clinic"}}],
//    "notice": {"id": "Pelayanan tutup pukul 12.00 hari Jumat", "en": "..."}}
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"

namespace kotak::core {

struct RemoteSettings {
  std::optional<std::string> facility_name;
  std::optional<std::string> skm_url;
  std::optional<std::vector<Unit>> units;
  std::map<std::string, std::string> notice;  // by language; empty: no notice
  std::optional<PhoneLink> phone;
};

// Strict, like the wire format: throws wire::WireError with the reason.
RemoteSettings parse_remote_settings(std::string_view json);
std::string encode_remote_settings(const RemoteSettings& settings);

// The config with the remote settings laid over it.
KioskConfig apply(const KioskConfig& config, const RemoteSettings& settings);

}  // namespace kotak::core
