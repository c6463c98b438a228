// What staff may attach to a case (issue 15 item 6): a photo or a scan of a
// paper slip, a WhatsApp screenshot, a letter. The file's type is decided by
// its content, never by its name or the type the browser claims: a JPEG, a
// PNG or a PDF whose structure the decoders accept, within the limits below.
// An image is decoded whole, into a small JPEG thumbnail for the case page,
// by libjpeg-turbo and libpng (never stb_image, which is not meant for files
// from strangers), with the work and memory a hostile file can cost bounded:
// - its size is read from the header first; more than kMaxPixels is refused;
// - a JPEG is decoded at 1/2 to 1/8 of its size by the library itself, one
//   row at a time, with the decoder's memory and number of scans capped;
// - a PNG is read one row at a time and shrunk on the way (an interlaced PNG
//   needs the whole image: only up to kMaxInterlacedPixels).
// An image the decoder finds damaged is refused; one that is whole but
// past a cap (a progressive JPEG of 60 megapixels, a CMYK JPEG) is kept
// without a thumbnail, and the page shows a tile instead.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kotak::server::attachments {

inline constexpr std::size_t kMaxBytes = 6 * 1024 * 1024;  // 8 MiB request bodies carry base64
inline constexpr std::size_t kMaxPerCase = 20;
inline constexpr long kMaxPixels = 100'000'000;             // a 100-megapixel scan
inline constexpr long kMaxInterlacedPixels = 8'000'000;
inline constexpr int kThumbnailSide = 320;                  // the longer side, in pixels
inline constexpr std::size_t kMaxNameChars = 120;

struct Inspection {
  // "image/jpeg", "image/png" or "application/pdf"; empty when refused.
  std::string media_type;
  int width = 0, height = 0;  // images only
  std::optional<std::string> thumbnail;  // JPEG bytes, images only
  // The reason it was refused: "empty", "too_large", "type" (none of the
  // three), "damaged" (the start of one, but not a whole one), "dimensions".
  std::string problem;
};

// The type of bytes, by content, and an image's thumbnail.
Inspection inspect(std::string_view bytes);

// A file name fit to show and to offer for download: the last path part,
// without control characters, quotes or backslashes, at most kMaxNameChars
// characters, "lampiran" when nothing (or no valid UTF-8) is left.
std::string clean_name(std::string_view name);

}  // namespace kotak::server::attachments
