#include "cli/qr.h"

#include <memory>

#include <qrencode.h>

namespace openline::cli {
namespace {

constexpr int kQuietZone = 2;

}  // namespace

Result<std::string> RenderQr(std::string_view text) {
  std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return MakeError(ErrorCode::kInvalidArgument, "text too long for a QR code");
  const int width = code->width;
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= width) return false;
    return (code->data[y * width + x] & 1) != 0;
  };
  // Light background, dark modules: print dark as spaces on an inverted cell would
  // depend on the terminal's colours, so draw the light parts with block glyphs,
  // which scanners read on both dark and light themes.
  std::string out;
  for (int y = -kQuietZone; y < width + kQuietZone; y += 2) {
    for (int x = -kQuietZone; x < width + kQuietZone; ++x) {
      const bool top = !dark(x, y);
      const bool bottom = !dark(x, y + 1);
      if (top && bottom) {
        out += "\u2588";  // full block
      } else if (top) {
        out += "\u2580";  // upper half
      } else if (bottom) {
        out += "\u2584";  // lower half
      } else {
        out += " ";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace openline::cli
