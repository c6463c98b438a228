// See file_check.hpp. libjpeg and libpng report errors by longjmp to a
// setjmp in the function that called them: those functions (decode_jpeg,
// encode_jpeg, decode_png) hold only plain C values and reach C++ objects
// through a Sink they are given, so nothing is left half-destroyed.
#include "server/attachments/file_check.hpp"

#include <png.h>
#include <setjmp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <jerror.h>

#include "core/text.hpp"

namespace kotak::server::attachments {

namespace {

constexpr long kJpegMemory = 64L * 1024 * 1024;  // the decoder's own buffers
constexpr int kMaxJpegScans = 200;               // a progressive photo has about ten
constexpr int kThumbnailQuality = 80;

Inspection refused(std::string problem) {
  Inspection out;
  out.problem = std::move(problem);
  return out;
}

// Averages the pixels of a picture streamed row by row into a thumbnail of
// kThumbnailSide on its longer side (never larger than the picture).
class Shrinker {
 public:
  Shrinker(int width, int height) : width_(width), height_(height) {
    const int longer = std::max(width, height);
    const double scale = longer > kThumbnailSide ? double(kThumbnailSide) / longer : 1.0;
    out_width_ = std::max(1, int(width * scale));
    out_height_ = std::max(1, int(height * scale));
    sums_.assign(std::size_t(out_width_) * out_height_ * 3, 0);
    counts_.assign(std::size_t(out_width_) * out_height_, 0);
  }

  // One row of RGB, top to bottom.
  void add_row(int y, const unsigned char* rgb) {
    const std::size_t out_y = std::size_t(y) * out_height_ / height_;
    for (int x = 0; x < width_; ++x) {
      const std::size_t at = out_y * out_width_ + std::size_t(x) * out_width_ / width_;
      for (int c = 0; c < 3; ++c) sums_[at * 3 + c] += rgb[x * 3 + c];
      ++counts_[at];
    }
  }

  std::vector<unsigned char> pixels() const {
    std::vector<unsigned char> out(sums_.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto count = counts_[i / 3];
      out[i] = count ? static_cast<unsigned char>(sums_[i] / count) : 255;
    }
    return out;
  }
  int width() const { return out_width_; }
  int height() const { return out_height_; }

 private:
  int width_, height_, out_width_, out_height_;
  std::vector<std::uint64_t> sums_;
  std::vector<std::uint32_t> counts_;
};

// ---- JPEG ----

struct JpegError {
  jpeg_error_mgr manager;
  jmp_buf jump;
  bool capped = false;  // past the memory or scan cap, or CMYK: not damaged
};

void jpeg_fail(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  const int code = error->manager.msg_code;
  error->capped = code == JERR_OUT_OF_MEMORY || code == JERR_NO_BACKING_STORE || code == JERR_TFILE_CREATE ||
                  code == JERR_CONVERSION_NOTIMPL;
  longjmp(error->jump, 1);
}
void jpeg_quiet(j_common_ptr, int) {}  // warnings (a truncated file) are not logged

// Too many scans make a small file cost minutes (a "JPEG bomb").
void jpeg_progress(j_common_ptr info) {
  auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
  if (decompress->input_scan_number > kMaxJpegScans) {
    reinterpret_cast<JpegError*>(info->err)->capped = true;
    longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
  }
}

bool jpeg_signature(std::string_view b) {
  return b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
         static_cast<unsigned char>(b[2]) == 0xFF;
}

// The rows a decoder hands out, shrunk into the thumbnail. The decoders
// below hold a setjmp: they keep only plain C values of their own and reach
// every C++ object through this sink, whose members are never inlined
// into them, so a longjmp skips no destructor and clobbers nothing.
class Sink {
 public:
  [[gnu::noinline]] void begin(int width, int height) {
    shrinker_ = std::make_unique<Shrinker>(width, height);
    rgb_.resize(std::size_t(width) * 3);
  }
  // Room for RGBA pixels: a row, or the whole image with its row pointers.
  [[gnu::noinline]] unsigned char* rgba(std::size_t pixels) {
    rgba_.resize(pixels * 4);
    return rgba_.data();
  }
  [[gnu::noinline]] png_bytep* rows(unsigned width, unsigned height) {
    rows_.resize(height);
    for (unsigned y = 0; y < height; ++y) rows_[y] = rgba_.data() + std::size_t(y) * width * 4;
    return rows_.data();
  }
  [[gnu::noinline]] unsigned char* rgb_row() { return rgb_.data(); }
  [[gnu::noinline]] void add_rgb(int y) { shrinker_->add_row(y, rgb_.data()); }
  // RGBA over white, as the page shows it.
  [[gnu::noinline]] void add_rgba(int y, const unsigned char* rgba, std::size_t pixels) {
    for (std::size_t i = 0; i < pixels; ++i) {
      const unsigned alpha = rgba[i * 4 + 3];
      for (int c = 0; c < 3; ++c)
        rgb_[i * 3 + c] = static_cast<unsigned char>((rgba[i * 4 + c] * alpha + 255 * (255 - alpha)) / 255);
    }
    add_rgb(y);
  }
  const Shrinker* shrinker() const { return shrinker_.get(); }

 private:
  std::unique_ptr<Shrinker> shrinker_;
  std::vector<unsigned char> rgb_, rgba_;
  std::vector<png_bytep> rows_;
};

enum class Outcome { whole, damaged, capped, dimensions };

struct Size {
  unsigned width = 0, height = 0;  // 0 until the header was read
};

bool too_many_pixels(unsigned width, unsigned height) { return long(width) * long(height) > kMaxPixels; }

Outcome decode_jpeg(const unsigned char* data, std::size_t size, Sink* sink, Size* seen) {
  jpeg_decompress_struct info{};
  JpegError error{};
  jpeg_progress_mgr progress{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpeg_fail;
  error.manager.emit_message = jpeg_quiet;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    // Whole but past a cap: kept without a thumbnail.
    return seen->width && error.capped ? Outcome::capped : Outcome::damaged;
  }
  jpeg_create_decompress(&info);
  info.mem->max_memory_to_use = kJpegMemory;
  progress.progress_monitor = jpeg_progress;
  info.progress = &progress;
  jpeg_mem_src(&info, data, static_cast<unsigned long>(size));
  jpeg_read_header(&info, TRUE);
  seen->width = info.image_width;
  seen->height = info.image_height;
  if (too_many_pixels(info.image_width, info.image_height)) {
    jpeg_destroy_decompress(&info);
    return Outcome::dimensions;
  }
  // The library shrinks by 1/2, 1/4 or 1/8 while it decodes; the sink
  // does the rest.
  const unsigned longer = std::max(info.image_width, info.image_height);
  info.scale_num = 1;
  info.scale_denom = 1;
  while (info.scale_denom < 8 && longer / (info.scale_denom * 2) >= unsigned(kThumbnailSide)) info.scale_denom *= 2;
  info.out_color_space = JCS_RGB;  // CMYK cannot be: JERR_CONVERSION_NOTIMPL, no thumbnail
  jpeg_start_decompress(&info);
  sink->begin(int(info.output_width), int(info.output_height));
  while (info.output_scanline < info.output_height) {
    const int y = int(info.output_scanline);
    unsigned char* row = sink->rgb_row();
    jpeg_read_scanlines(&info, &row, 1);
    sink->add_rgb(y);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return Outcome::whole;
}

// The thumbnail as a baseline JPEG in a buffer of libjpeg's (the caller
// frees it); false when the library refused.
bool encode_jpeg(const unsigned char* rgb, int width, int height, unsigned char** buffer, unsigned long* size) {
  jpeg_compress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpeg_fail;
  error.manager.emit_message = jpeg_quiet;
  if (setjmp(error.jump)) {
    jpeg_destroy_compress(&info);
    return false;
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, buffer, size);
  info.image_width = JDIMENSION(width);
  info.image_height = JDIMENSION(height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, kThumbnailQuality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = const_cast<unsigned char*>(rgb + std::size_t(info.next_scanline) * width * 3);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  return true;
}

std::optional<std::string> thumbnail_of(const Sink& sink) {
  const auto* shrinker = sink.shrinker();
  if (!shrinker) return std::nullopt;
  const auto pixels = shrinker->pixels();
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  std::optional<std::string> out;
  if (encode_jpeg(pixels.data(), shrinker->width(), shrinker->height(), &buffer, &size))
    out.emplace(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return out;
}

// ---- PNG ----

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

struct PngSource {
  const unsigned char* data;
  std::size_t size, at;
};

void png_read_memory(png_structp png, png_bytep into, png_size_t length) {
  auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
  if (length > source->size - source->at) png_error(png, "the file ends early");
  std::memcpy(into, source->data + source->at, length);
  source->at += length;
}
void png_quiet(png_structp, png_const_charp) {}

Outcome decode_png(const unsigned char* data, std::size_t size, Sink* sink, Size* seen) {
  PngSource source{data, size, 0};
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, png_quiet);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return Outcome::damaged;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return too_many_pixels(seen->width, seen->height) ? Outcome::dimensions : Outcome::damaged;
  }
  png_set_read_fn(png, &source, png_read_memory);
  png_set_user_limits(png, 100'000, 100'000);
  png_set_chunk_malloc_max(png, 8 * 1024 * 1024);
  png_read_info(png, info);
  const png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  seen->width = width;
  seen->height = height;
  if (too_many_pixels(width, height)) png_error(png, "too many pixels");
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  if (passes > 1 && long(width) * long(height) > kMaxInterlacedPixels) {
    png_destroy_read_struct(&png, &info, nullptr);
    return Outcome::capped;  // whole, but too big to hold at once
  }
  sink->begin(int(width), int(height));
  if (passes == 1) {
    unsigned char* row = sink->rgba(width);
    for (png_uint_32 y = 0; y < height; ++y) {
      png_read_row(png, row, nullptr);
      sink->add_rgba(int(y), row, width);
    }
  } else {
    unsigned char* image = sink->rgba(std::size_t(width) * height);
    png_read_image(png, sink->rows(width, height));
    for (png_uint_32 y = 0; y < height; ++y) sink->add_rgba(int(y), image + std::size_t(y) * width * 4, width);
  }
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return Outcome::whole;
}

// An image through its decoder: its size and thumbnail, or why not.
void inspect_image(std::string_view bytes, const char* media_type,
                   Outcome (*decode)(const unsigned char*, std::size_t, Sink*, Size*), Inspection& out) {
  Sink sink;
  Size seen;
  const auto outcome = decode(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), &sink, &seen);
  if (outcome == Outcome::damaged || outcome == Outcome::dimensions) {
    out = refused(outcome == Outcome::damaged ? "damaged" : "dimensions");
    return;
  }
  out.media_type = media_type;
  out.width = int(seen.width);
  out.height = int(seen.height);
  if (outcome == Outcome::whole) out.thumbnail = thumbnail_of(sink);
}

// ---- PDF ----

// "%PDF-1.7" (or 2.0) at the start and "%%EOF" among the last bytes: what
// every reader looks for first. Its pages are not drawn here.
bool pdf_whole(std::string_view b) {
  if (b.size() < 16 || b.substr(0, 5) != "%PDF-") return false;
  if (!(b[5] >= '1' && b[5] <= '2' && b[6] == '.' && b[7] >= '0' && b[7] <= '9')) return false;
  const auto tail = b.substr(b.size() - std::min<std::size_t>(b.size(), 1024));
  return tail.find("%%EOF") != std::string_view::npos;
}

}  // namespace

Inspection inspect(std::string_view bytes) {
  Inspection out;
  if (bytes.empty()) out.problem = "empty";
  else if (bytes.size() > kMaxBytes) out.problem = "too_large";
  else if (jpeg_signature(bytes)) inspect_image(bytes, "image/jpeg", decode_jpeg, out);
  else if (bytes.substr(0, 8) == kPngSignature) inspect_image(bytes, "image/png", decode_png, out);
  else if (bytes.substr(0, 5) == "%PDF-") {
    if (pdf_whole(bytes)) out.media_type = "application/pdf";
    else out.problem = "damaged";
  } else {
    out.problem = "type";
  }
  if (!out.problem.empty()) out = refused(out.problem);
  return out;
}

std::string clean_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"' || c == '\\') continue;
    out += c;
  }
  out = core::trim(out);
  if (!core::utf8_length(out)) return "lampiran";
  while (core::utf8_length(out).value_or(0) > kMaxNameChars) out.erase(core::utf8_last_char_start(out));
  return out.empty() || out == "." || out == ".." ? "lampiran" : out;
}

}  // namespace kotak::server::attachments
