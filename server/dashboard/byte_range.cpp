// See byte_range.hpp.
#include "server/dashboard/byte_range.hpp"

#include <charconv>
#include <optional>

namespace kotak::server {

namespace {

std::optional<std::uint64_t> number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

WebResponse byte_range_response(const std::string& bytes, std::string_view range,
                                const std::string& content_type) {
  WebResponse out;
  out.content_type = content_type;
  out.headers.emplace_back("Accept-Ranges", "bytes");
  // Personal data: never kept by a cache on the way.
  out.headers.emplace_back("Cache-Control", "private, no-store");
  const std::uint64_t size = bytes.size();
  auto whole = [&] {
    out.status = 200;
    out.body = bytes;
    return out;
  };
  constexpr std::string_view kUnit = "bytes=";
  if (range.substr(0, kUnit.size()) != kUnit) return whole();
  range.remove_prefix(kUnit.size());
  const auto dash = range.find('-');
  if (dash == std::string_view::npos || range.find(',') != std::string_view::npos) return whole();
  const auto first_text = range.substr(0, dash);
  const auto last_text = range.substr(dash + 1);
  std::uint64_t first = 0, last = size ? size - 1 : 0;
  if (first_text.empty()) {
    // bytes=-N: the last N bytes.
    auto suffix = number(last_text);
    if (!suffix) return whole();
    if (*suffix == 0 || size == 0) {
      out.status = 416;
      out.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      return out;
    }
    first = *suffix >= size ? 0 : size - *suffix;
  } else {
    auto a = number(first_text);
    if (!a) return whole();
    first = *a;
    if (!last_text.empty()) {
      auto b = number(last_text);
      if (!b || *b < first) return whole();
      last = std::min(*b, size ? size - 1 : 0);
    }
    if (first >= size) {
      out.status = 416;
      out.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      return out;
    }
  }
  out.status = 206;
  out.body = bytes.substr(first, last - first + 1);
  out.headers.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" +
                                                std::to_string(last) + "/" + std::to_string(size));
  return out;
}

}  // namespace kotak::server
