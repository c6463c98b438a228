// QR codes (libqrencode), drawn module by module with ImDrawList as crisp
// whole-pixel squares with the four-module quiet zone, so a phone — and
// zbarimg in the tests — reads them off the screen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/rect.hpp"

namespace kotak::kiosk {

class Ui;

class QrCode {
 public:
  QrCode() = default;
  // Error correction M: survives a smudged screen. Empty text or a failure
  // gives an empty code (nothing is drawn).
  static QrCode encode(std::string_view text);

  const std::string& text() const { return text_; }
  int size() const { return size_; }  // modules per side, without the quiet zone
  bool empty() const { return size_ == 0; }
  bool dark(int x, int y) const { return modules_[static_cast<std::size_t>(y * size_ + x)]; }

 private:
  std::string text_;
  int size_ = 0;
  std::vector<bool> modules_;
};

// Draws code as large as fits in area, centred, on white with its quiet
// zone; returns the rectangle drawn (empty if nothing fits).
Rect draw_qr(Ui& ui, const Rect& area, const QrCode& code);

}  // namespace kotak::kiosk
