// Reading TOML config files strictly (internal to core). Every value is
// checked as it is read; an error names the file, the line, the key and what
// is allowed, and a key nobody reads (a typo) is an error too, so a
// technician never wonders why a setting has no effect.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/config_reply.hpp"

namespace kotak::core {

// Parses a TOML file; a syntax error becomes a ConfigError with file and line.
toml::table parse_toml_file(const std::filesystem::path& file);

class ConfigTable {
 public:
  ConfigTable(const toml::table& table, std::string prefix, std::filesystem::path file);

  std::string string(const std::string& key, const std::string& fallback,
                     std::size_t max_chars = 1000);
  std::string required_string(const std::string& key, const std::string& example);
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  // A number with or without a fraction (5.2 or 5).
  double number(const std::string& key, double fallback, double min, double max);
  bool boolean(const std::string& key, bool fallback);
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& allowed);
  std::int64_t integer_choice(const std::string& key, std::int64_t fallback,
                              const std::vector<std::int64_t>& allowed);
  std::vector<std::string> strings(const std::string& key,
                                   const std::vector<std::string>& fallback);
  // A path; a relative one is taken from the config file's directory.
  std::filesystem::path path(const std::string& key, const std::filesystem::path& fallback);
  // An http:// or https:// URL; empty stays empty.
  std::string url(const std::string& key, const std::string& fallback);
  // A sub-table ([section] or key = {...}); an empty one when absent.
  ConfigTable table(const std::string& key);
  // An array of tables ([[key]]).
  std::vector<ConfigTable> tables(const std::string& key);
  bool has(const std::string& key) const;
  // Throws for any key that was not read, in this table or below.
  void finish() const;

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
  std::string name(const std::string& key) const;

 private:
  struct Node {
    const toml::table* table;
    std::string prefix;
    std::filesystem::path file;
    std::set<std::string> read;
    std::vector<std::shared_ptr<Node>> children;
  };
  explicit ConfigTable(std::shared_ptr<Node> node) : node_(std::move(node)) {}
  const toml::node* get(const std::string& key);
  std::string location(const toml::node* node) const;
  static void finish(const Node& node);

  std::shared_ptr<Node> node_;
};

// [reply] (config_reply.cpp); server: [server] public_url and [mail],
// read before it, which replies need.
ReplyConfig read_reply(ConfigTable table, const ServerConfig& server);

// Parses the file, hands its root table to read, then checks for unread keys.
template <typename Read>
auto read_config_file(const std::filesystem::path& file, Read&& read) {
  toml::table root = parse_toml_file(file);
  ConfigTable table(root, "", file);
  auto result = read(table);
  table.finish();
  return result;
}

}  // namespace kotak::core
