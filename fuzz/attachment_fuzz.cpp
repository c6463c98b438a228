// Fuzz target: what the dashboard does with a file staff attach to a case
// (server/attachments/file_check.cpp): its type by content and an image's
// thumbnail through libjpeg-turbo and libpng (their longjmp error paths,
// the caps on pixels, memory and scans), and the file's name as shown.
// Beyond "no crash, no leak": a file is either accepted with its type or
// refused with a reason; an accepted image has a size within the cap; a
// thumbnail is itself a JPEG of at most kThumbnailSide; a cleaned name is
// UTF-8 of at most kMaxNameChars with no path, quote or control character.
#include <algorithm>

#include "core/text.hpp"
#include "fuzz/fuzz_support.hpp"
#include "server/attachments/file_check.hpp"

namespace {

using namespace kotak::server::attachments;
using kotak::fuzz::check;

void check_name(std::string_view raw) {
  const auto name = clean_name(raw);
  check(!name.empty(), "a cleaned name is never empty");
  check(kotak::core::utf8_length(name).value_or(kMaxNameChars + 1) <= kMaxNameChars,
        "a cleaned name is UTF-8 of at most 120 characters", name);
  check(name.find_first_of("/\\\"") == std::string::npos && !kotak::core::has_control_chars(name) &&
            name.find_first_of("\t\r\n") == std::string::npos,
        "a cleaned name has no path, quote or control character", name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = kotak::fuzz::as_text(data, size);
  const auto seen = inspect(bytes);
  check(seen.media_type.empty() != seen.problem.empty(), "a file is accepted with a type or refused with a reason",
        seen.problem);
  if (seen.media_type == "image/jpeg" || seen.media_type == "image/png") {
    check(seen.width > 0 && seen.height > 0 && long(seen.width) * long(seen.height) <= kMaxPixels,
          "an accepted image has a size within the cap");
  }
  if (seen.thumbnail) {
    check(seen.media_type != "application/pdf", "a PDF has no thumbnail");
    const auto small = inspect(*seen.thumbnail);
    check(small.media_type == "image/jpeg" && std::max(small.width, small.height) <= kThumbnailSide,
          "a thumbnail is a JPEG of at most 320 px");
  }
  check_name(bytes.substr(0, 400));
  return 0;
}
