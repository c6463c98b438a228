// Answering a GET for a stored file with HTTP range requests (RFC 9110
// section 14): a browser's <audio> asks for "bytes=0-" first and seeks
// with later ranges; without 206 answers Chromium cannot seek and may
// not learn the length.
#pragma once

#include <string>
#include <string_view>

#include "server/dashboard/web.hpp"

namespace kotak::server {

// The whole of bytes (200) or the one range the Range header asks for
// (206 with Content-Range); 416 for a range past the end. Every answer
// says Accept-Ranges: bytes. A header that is not one byte range (several
// ranges, another unit, garbage) is answered with the whole, as RFC 9110
// allows.
WebResponse byte_range_response(const std::string& bytes, std::string_view range,
                                const std::string& content_type);

}  // namespace kotak::server
