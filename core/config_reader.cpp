// See config_reader.hpp.
#include "core/config_reader.hpp"

#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "core/toml_text.hpp"

namespace kotak::core {

namespace {

const toml::table kEmptyTable;

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "the string \"" + std::string(*node.value<std::string_view>()) + "\"";
    case toml::node_type::integer:
      return "the number " + std::to_string(*node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return *node.value<bool>() ? "true" : "false";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    default:
      return "a date or time";
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

toml::table parse_toml_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ConfigError(file.string() + ": cannot read the config file (" +
                      (std::filesystem::exists(file) ? "permission denied" : "it does not exist") +
                      "). Pass --config with the right path.");
  std::ostringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  if (!utf8_length(text))
    throw ConfigError(file.string() + ": the file is not UTF-8 text. Save it as UTF-8.");
  if (auto problem = prepare_toml_text(text))
    throw ConfigError(file.string() + ":" + std::to_string(problem->line) + ":" +
                      std::to_string(problem->column) + ": not valid TOML: " + problem->problem);
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    throw ConfigError(file.string() + ":" + std::to_string(error.source().begin.line) + ":" +
                      std::to_string(error.source().begin.column) +
                      ": not valid TOML: " + std::string(error.description()));
  }
}

ConfigTable::ConfigTable(const toml::table& table, std::string prefix, std::filesystem::path file)
    : node_(std::make_shared<Node>(Node{&table, std::move(prefix), std::move(file), {}, {}})) {}

std::string ConfigTable::name(const std::string& key) const {
  return node_->prefix.empty() ? key : node_->prefix + "." + key;
}

bool ConfigTable::has(const std::string& key) const { return node_->table->contains(key); }

std::string ConfigTable::location(const toml::node* node) const {
  std::string where = node_->file.string();
  const auto& source = node ? node->source() : node_->table->source();
  if (source.begin.line > 0) {
    where += ':';  // appended apart: see finish() on GCC 12's -Wrestrict
    where += std::to_string(source.begin.line);
  }
  return where;
}

void ConfigTable::fail(const std::string& key, const std::string& problem) const {
  const toml::node* node = node_->table->get(key);
  throw ConfigError(location(node) + ": " + name(key) + ": " + problem);
}

const toml::node* ConfigTable::get(const std::string& key) {
  node_->read.insert(key);
  return node_->table->get(key);
}

std::string ConfigTable::string(const std::string& key, const std::string& fallback,
                                std::size_t max_chars) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  auto value = node->value<std::string>();
  if (!node->is_string() || !value) fail(key, "expected a quoted string, found " + describe(*node));
  auto length = utf8_length(*value);
  if (!length || *length > max_chars)
    fail(key, "expected text of at most " + std::to_string(max_chars) + " characters");
  return *value;
}

std::string ConfigTable::required_string(const std::string& key, const std::string& example) {
  if (!node_->table->get(key)) {
    node_->read.insert(key);
    throw ConfigError(location(nullptr) + ": " + name(key) + " is missing; add it, for example " +
                      key + " = \"" + example + "\"" +
                      (node_->prefix.empty() ? "" : " under [" + node_->prefix + "]"));
  }
  auto value = string(key, "");
  if (trim(value).empty())
    fail(key, "must not be empty; for example " + key + " = \"" + example + "\"");
  return value;
}

std::int64_t ConfigTable::integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  const std::string allowed =
      "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!node->is_integer()) fail(key, allowed + ", found " + describe(*node));
  auto value = *node->value<std::int64_t>();
  if (value < min || value > max) fail(key, allowed + ", found " + std::to_string(value));
  return value;
}

double ConfigTable::number(const std::string& key, double fallback, double min, double max) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  auto shown = [](double v) {
    std::string text = std::to_string(v);
    while (text.size() > 1 && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  };
  const std::string allowed = "expected a number from " + shown(min) + " to " + shown(max);
  double value = 0;
  if (node->is_integer())
    value = static_cast<double>(*node->value<std::int64_t>());
  else if (node->is_floating_point())
    value = *node->value<double>();
  else
    fail(key, allowed + ", found " + describe(*node));
  if (!(value >= min && value <= max)) fail(key, allowed + ", found " + shown(value));
  return value;
}

bool ConfigTable::boolean(const std::string& key, bool fallback) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  if (!node->is_boolean())
    fail(key, "expected true or false (no quotes), found " + describe(*node));
  return *node->value<bool>();
}

std::string ConfigTable::choice(const std::string& key, const std::string& fallback,
                                const std::vector<std::string>& allowed) {
  auto value = string(key, fallback);
  for (const auto& option : allowed)
    if (option == value) return value;
  fail(key, "expected one of " + join(allowed) + ", found \"" + value + "\"");
}

std::int64_t ConfigTable::integer_choice(const std::string& key, std::int64_t fallback,
                                         const std::vector<std::int64_t>& allowed) {
  std::vector<std::string> names;
  for (auto option : allowed) names.push_back(std::to_string(option));
  const toml::node* node = get(key);
  if (!node) return fallback;
  if (!node->is_integer())
    fail(key, "expected one of " + join(names) + ", found " + describe(*node));
  auto value = *node->value<std::int64_t>();
  for (auto option : allowed)
    if (option == value) return value;
  fail(key, "expected one of " + join(names) + ", found " + std::to_string(value));
}

std::vector<std::string> ConfigTable::strings(const std::string& key,
                                              const std::vector<std::string>& fallback) {
  const toml::node* node = get(key);
  if (!node) return fallback;
  const toml::array* array = node->as_array();
  if (!array) fail(key, "expected a list of strings like [\"a\", \"b\"], found " + describe(*node));
  std::vector<std::string> out;
  for (const auto& element : *array) {
    auto value = element.value<std::string>();
    if (!element.is_string() || !value) fail(key, "every item of the list must be a quoted string");
    out.push_back(*value);
  }
  return out;
}

std::filesystem::path ConfigTable::path(const std::string& key,
                                        const std::filesystem::path& fallback) {
  std::filesystem::path value = string(key, fallback.string(), 4096);
  if (value.empty() || value.is_absolute()) return value;
  return node_->file.parent_path() / value;
}

std::string ConfigTable::url(const std::string& key, const std::string& fallback) {
  auto value = string(key, fallback, 2000);
  if (value.empty()) return value;
  bool scheme = value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0;
  bool clean = value.find_first_of(" \t\r\n\"<>") == std::string::npos;
  std::size_t host = value.find("://") + 3;
  if (!scheme || !clean || host >= value.size() || value[host] == '/')
    fail(key, "expected a web address starting with http:// or https://, found \"" + value + "\"");
  return value;
}

ConfigTable ConfigTable::table(const std::string& key) {
  const toml::node* node = get(key);
  const toml::table* table = &kEmptyTable;
  if (node) {
    table = node->as_table();
    if (!table) fail(key, "expected a table ([" + name(key) + "]), found " + describe(*node));
  }
  auto child = std::make_shared<Node>(Node{table, name(key), node_->file, {}, {}});
  node_->children.push_back(child);
  return ConfigTable(child);
}

std::vector<ConfigTable> ConfigTable::tables(const std::string& key) {
  const toml::node* node = get(key);
  std::vector<ConfigTable> out;
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array)
    fail(key, "expected a list of tables ([[" + name(key) + "]]), found " + describe(*node));
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* table = (*array)[i].as_table();
    if (!table) fail(key, "every item must be a table ([[" + name(key) + "]])");
    auto child = std::make_shared<Node>(
        Node{table, name(key) + "[" + std::to_string(i) + "]", node_->file, {}, {}});
    node_->children.push_back(child);
    out.push_back(ConfigTable(child));
  }
  return out;
}

void ConfigTable::finish(const Node& node) {
  for (const auto& [key, value] : *node.table) {
    std::string name(key.str());
    if (!node.read.count(name)) {
      std::vector<std::string> known(node.read.begin(), node.read.end());
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false
      // positive) on a chain of operator+ over temporaries here.
      std::string message = node.file.string();
      if (value.source().begin.line > 0) {
        message += ':';
        message += std::to_string(value.source().begin.line);
      }
      message += ": unknown key ";
      if (!node.prefix.empty()) {
        message += node.prefix;
        message += '.';
      }
      message += name;
      if (known.empty()) {
        message += " (this section takes no keys)";
      } else {
        message += "; the keys allowed here are ";
        message += join(known);
      }
      throw ConfigError(message);
    }
  }
  for (const auto& child : node.children) finish(*child);
}

void ConfigTable::finish() const { finish(*node_); }

}  // namespace kotak::core
