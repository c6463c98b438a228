// See wire.hpp: enrolment by code.
#include <nlohmann/json.hpp>

#include "core/seal.hpp"
#include "core/submission.hpp"
#include "core/wire.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire {

using nlohmann::json;
using namespace reader;

std::string encode_enrolment(const EnrolmentRequest& request) {
  json message{{"protocol", kProtocol}, {"code", request.code}};
  if (!request.name.empty()) message["name"] = request.name;
  return message.dump();
}

EnrolmentRequest decode_enrolment(std::string_view body) {
  return read_message(body, 4096, "enrolment", [](Fields& fields) {
    EnrolmentRequest request;
    request.code = fields.string("code", 64, true);
    request.name = fields.string("name", 64);
    fields.finish();
    if (!request.name.empty() && !is_identifier(request.name))
      throw FieldError("name must be 1 to 64 of A-Z a-z 0-9 . _ - (e.g. kiosk-lobby-1)");
    return request;
  });
}

std::string encode_enrolled(const Enrolled& enrolled) {
  json message{{"protocol", kProtocol},
               {"facility", enrolled.facility_id},
               {"device", enrolled.device_id},
               {"token", enrolled.token}};
  if (!enrolled.seal_key.empty()) message["seal_key"] = enrolled.seal_key;
  return message.dump();
}

Enrolled decode_enrolled(std::string_view body) {
  return read_message(body, 4096, "enrolment answer", [](Fields& fields) {
    Enrolled enrolled;
    enrolled.facility_id = fields.string("facility", 64, true);
    enrolled.device_id = fields.string("device", 64, true);
    enrolled.token = fields.string("token", 200, true);
    enrolled.seal_key = fields.string("seal_key", 64);
    fields.finish();
    if (!enrolled.seal_key.empty() && !seal::is_public_key(enrolled.seal_key))
      throw FieldError("seal_key must be a base64 public key of 32 bytes");
    if (!is_identifier(enrolled.facility_id) || !is_identifier(enrolled.device_id))
      throw FieldError("facility and device must be identifiers");
    for (char c : enrolled.token)
      if (c <= ' ' || c > '~') throw FieldError("token must be printable ASCII");
    return enrolled;
  });
}

}  // namespace kotak::core::wire
