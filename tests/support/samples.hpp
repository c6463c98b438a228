// Valid submissions of each kind, for tests to start from and vary; and
// the example kiosk config's admin PIN with the script that opens admin.
#pragma once

#include <cstdint>
#include <string>

#include "core/submission.hpp"

namespace kotak::test {

core::Submission sample_rating(int face = 4);
core::Submission sample_written(const std::string& text = "Antrean di loket terlalu lama.");
core::Submission sample_skm();

// The i-th answer of a busy kiosk, for the benchmark helpers: faces, a
// written complaint every fourth and an SKM survey every fourth, contact
// details on every eighth; of facility and device, made at created_ms.
core::Submission sample_of_mix(long i, const std::string& facility, const std::string& device,
                               std::int64_t created_ms);

// The hash of the example config's PIN 246810 (assets/config/kiosk.toml).
inline constexpr const char* kAdminPinHash =
    "$argon2id$v=19$m=16384,t=3,p=1$2Jzff8xsPJaN+5bIigYXmQ$"
    "UR7GZoEoA1dVlI7rDX8Rm5iiZWnB0MIEql6jKGt3DRc";
// Headless script lines: hold the corner on home, type the PIN, on admin.
inline constexpr const char* kAdminPinScript = R"(
hold home.admin 3.2
expect admin_pin
tap pin.2
tap pin.4
tap pin.6
tap pin.8
tap pin.1
tap pin.0
tap pin.ok
expect admin
)";

}  // namespace kotak::test
