// The kiosk's colours: a light, calm theme with one teal accent and dark
// text (DESIGN.md, "Look and feel"). Every text/background pair used here
// meets WCAG AA (4.5:1) — tests/kiosk/theme_test.cpp checks the pairs.
#pragma once

#include <cstdint>

namespace kotak::kiosk::theme {

// 0xRRGGBB; to_imgui() turns them into imgui's ABGR.
inline constexpr std::uint32_t kBackground = 0xF3F6F5;
inline constexpr std::uint32_t kCard = 0xFFFFFF;
inline constexpr std::uint32_t kText = 0x17302D;
inline constexpr std::uint32_t kMuted = 0x4C5F5C;
inline constexpr std::uint32_t kBorder = 0xC5D3D0;
inline constexpr std::uint32_t kAccent = 0x00695C;  // teal 800: white text on it is 6.4:1
inline constexpr std::uint32_t kAccentPressed = 0x004D40;
inline constexpr std::uint32_t kAccentSoft = 0xDDF0EC;  // selected chips, highlights
inline constexpr std::uint32_t kOnAccent = 0xFFFFFF;
inline constexpr std::uint32_t kPressed = 0xE3EAE8;  // a light button while held
inline constexpr std::uint32_t kKey = 0xFFFFFF;
inline constexpr std::uint32_t kKeyDark = 0xDCE4E2;  // shift, backspace, page keys
inline constexpr std::uint32_t kKeyboardBack = 0xE8EEEC;
inline constexpr std::uint32_t kNoticeBack = 0xFFF3D1;
inline constexpr std::uint32_t kNoticeText = 0x5A3E00;
inline constexpr std::uint32_t kErrorBack = 0xFCE8E6;
inline constexpr std::uint32_t kErrorText = 0x8C1D18;
inline constexpr std::uint32_t kDisabledBack = 0xE4E9E8;
inline constexpr std::uint32_t kDisabledText = 0x5E6B69;  // still 4.5:1 on its background

// The four faces, Tidak puas .. Sangat puas, and a darker rim for each.
inline constexpr std::uint32_t kFace[4] = {0xE53935, 0xFB8C00, 0x9CCC65, 0x43A047};
inline constexpr std::uint32_t kFaceRim[4] = {0xB71C1C, 0xC25E00, 0x689F38, 0x2E7D32};
inline constexpr std::uint32_t kFaceInk = 0x2A1F1A;

constexpr std::uint32_t to_imgui(std::uint32_t rgb, std::uint8_t alpha = 255) {
  return (static_cast<std::uint32_t>(alpha) << 24) | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) |
         ((rgb >> 16) & 0xFF);
}

// WCAG 2 contrast ratio of two colours (1..21).
double contrast(std::uint32_t a, std::uint32_t b);

}  // namespace kotak::kiosk::theme
