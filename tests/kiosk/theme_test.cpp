// Text and background pairs of the theme meet WCAG AA (4.5:1).
#include <doctest/doctest.h>

#include "kiosk/ui/theme.hpp"

using namespace kotak::kiosk::theme;

TEST_CASE("every text colour is readable on the backgrounds it is used on") {
  struct Pair {
    std::uint32_t text, back;
    const char* what;
  };
  const Pair pairs[] = {
      {kText, kBackground, "text on the page"},
      {kText, kCard, "text on cards"},
      {kMuted, kBackground, "hints on the page"},
      {kMuted, kCard, "hints on cards"},
      {kOnAccent, kAccent, "primary buttons"},
      {kOnAccent, kAccentPressed, "pressed primary"},
      {kAccent, kCard, "secondary buttons"},
      {kAccent, kBackground, "quiet buttons"},
      {kAccent, kAccentSoft, "selected chips"},
      {kText, kAccentSoft, "text on selected"},
      {kText, kKey, "keys"},
      {kText, kKeyDark, "dark keys"},
      {kNoticeText, kNoticeBack, "the notice"},
      {kErrorText, kErrorBack, "errors"},
      {kErrorText, kCard, "errors on cards"},
      {kDisabledText, kDisabledBack, "disabled"},
      {kMuted, kAccentSoft, "details on selected"},
      {kText, kPressed, "text while pressed"},
  };
  for (const auto& p : pairs) {
    CAPTURE(p.what);
    CHECK(contrast(p.text, p.back) >= 4.5);
  }
  CHECK(contrast(0x000000, 0xFFFFFF) == doctest::Approx(21.0));
}
