// See qr.hpp.
#include "kiosk/ui/qr.hpp"

#include <imgui.h>
#include <qrencode.h>

#include <cmath>

#include "kiosk/ui/ui.hpp"

namespace kotak::kiosk {

QrCode QrCode::encode(std::string_view text) {
  QrCode code;
  code.text_ = std::string(text);
  if (text.empty()) return code;
  QRcode* qr = QRcode_encodeString(code.text_.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return code;
  code.size_ = qr->width;
  code.modules_.resize(static_cast<std::size_t>(qr->width * qr->width));
  for (int i = 0; i < qr->width * qr->width; ++i)
    code.modules_[static_cast<std::size_t>(i)] = qr->data[i] & 1;
  QRcode_free(qr);
  return code;
}

Rect draw_qr(Ui& ui, const Rect& area, const QrCode& code) {
  if (code.empty()) return {};
  const int total = code.size() + 8;  // four modules of quiet zone on each side
  const float module = std::floor(std::min(area.w, area.h) / static_cast<float>(total));
  if (module < 2) return {};
  const float side = module * static_cast<float>(total);
  const float x0 = std::round(area.x + (area.w - side) / 2);
  const float y0 = std::round(area.y + (area.h - side) / 2);
  const ImU32 white = IM_COL32(255, 255, 255, 255);
  const ImU32 black = IM_COL32(0, 0, 0, 255);
  ui.solid(Rect{x0, y0, side, side}, white);
  // Runs of dark modules in a row become one rectangle: fewer vertices.
  for (int y = 0; y < code.size(); ++y) {
    int x = 0;
    while (x < code.size()) {
      if (!code.dark(x, y)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < code.size() && code.dark(run, y)) ++run;
      float px = x0 + module * static_cast<float>(x + 4);
      float py = y0 + module * static_cast<float>(y + 4);
      ui.solid(Rect{px, py, module * static_cast<float>(run - x), module}, black);
      x = run;
    }
  }
  return {x0, y0, side, side};
}

}  // namespace kotak::kiosk
