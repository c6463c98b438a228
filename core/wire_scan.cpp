// The first pass over a batch: nlohmann's SAX interface walks the message
// without building anything, counts its submissions and its JSON values and
// checks its depth, and stops at the first item past the limit. Only a batch
// that passes is parsed into a tree (wire.cpp), so the tree's size is
// bounded by the item limit rather than by the body: an 8 MB body of 2.8
// million empty lists once made a 300 MB tree before its count was checked.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/wire_reader.hpp"

namespace kotak::core::wire::reader {

namespace {

// A submission has about 50 JSON values at most (its members, flags, SKM
// answers and profile); twice that leaves room for an item that is merely
// invalid, while the tree of a whole batch stays a few megabytes.
constexpr std::size_t kMaxValuesPerItem = 100;

class BatchScanner : public nlohmann::json_sax<json> {
 public:
  explicit BatchScanner(std::size_t max_items)
      : max_items_(max_items), max_values_(max_items * kMaxValuesPerItem + 16) {}

  std::size_t items() const { return items_; }
  const std::string& error() const { return error_; }

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    bool submissions = depth_ == 1 && key_ == "submissions";
    if (!open()) return false;
    if (submissions) list_depth_ = depth_;
    return true;
  }
  bool end_array() override {
    if (depth_ == list_depth_) list_depth_ = 0;
    return close();
  }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      if (name != "protocol" && name != "submissions")
        return fail("unknown member '" + quote_prefix(name) + "'");
      key_ = name;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    // The library's message quotes the last token read, which may be most
    // of the body: only its start is kept.
    return fail("the message is not valid JSON: " + quote_prefix(error.what(), 160));
  }

 private:
  // Every value counts; one that starts right inside the submissions list is
  // an item.
  bool value() {
    if (++values_ > max_values_)
      return fail("the message holds more JSON values than " + std::to_string(max_items_) +
                  " submissions can");
    if (list_depth_ && depth_ == list_depth_ && ++items_ > max_items_)
      return fail("the batch has more than " + std::to_string(max_items_) +
                  " submissions; at most " + std::to_string(max_items_) + " are allowed");
    return true;
  }
  bool open() {
    if (!value()) return false;
    if (++depth_ > kMaxDepth)
      return fail("JSON is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  bool fail(std::string reason) {
    error_ = std::move(reason);
    return false;
  }

  std::size_t max_items_;
  std::size_t max_values_;
  std::size_t items_ = 0;
  std::size_t values_ = 0;
  int depth_ = 0;
  int list_depth_ = 0;  // depth inside the submissions list, 0 outside it
  std::string key_;     // the last member name at the top level
  std::string error_;
};

}  // namespace

std::size_t scan_batch(std::string_view body, std::size_t max_items) {
  if (body.size() > kMaxBatchBytes)
    throw WireError("the message is " + std::to_string(body.size()) + " bytes; at most " +
                    std::to_string(kMaxBatchBytes) + " are allowed");
  BatchScanner scanner(max_items);
  if (!json::sax_parse(body.begin(), body.end(), &scanner)) {
    if (scanner.error().empty()) throw WireError("the message is not valid JSON");
    throw WireError(scanner.error());
  }
  return scanner.items();
}

}  // namespace kotak::core::wire::reader
