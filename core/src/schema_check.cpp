// Turns valijson's generic messages into readable ones, using the schema node and the value at
// the violation's JSON pointer (the schema's "description" words pattern failures).
#include "archipel/core/schema_check.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "archipel/core/resources.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

const json* resolve_ref(const json& root, const json* node) {
  for (int depth = 0; node && node->is_object() && node->contains("$ref") && depth < 8; ++depth) {
    const auto& ref = (*node)["$ref"];
    if (!ref.is_string() || !ref.get<std::string>().starts_with("#")) return node;
    try {
      node = &root.at(json::json_pointer(ref.get<std::string>().substr(1)));
    } catch (const json::exception&) {
      return nullptr;
    }
  }
  return node;
}

// The (resolved) schema node that applies at `pointer` of the document, or nullptr.
const json* schema_at(const json& schema, const std::string& pointer) {
  const json* node = resolve_ref(schema, &schema);
  json::json_pointer ptr;
  try { ptr = json::json_pointer(pointer); } catch (const json::exception&) { return nullptr; }
  std::vector<std::string> tokens;
  for (auto p = ptr; !p.empty(); p = p.parent_pointer()) tokens.push_back(p.back());
  std::ranges::reverse(tokens);
  for (const auto& token : tokens) {
    if (!node || !node->is_object()) return nullptr;
    if (node->contains("properties") && (*node)["properties"].contains(token))
      node = &(*node)["properties"][token];
    else if (node->contains("items"))
      node = &(*node)["items"];
    else
      return nullptr;
    node = resolve_ref(schema, node);
  }
  return node;
}

const json* value_at(const json& doc, const std::string& pointer) {
  try {
    const json::json_pointer ptr(pointer);
    return doc.contains(ptr) ? &doc.at(ptr) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::string a_type(std::string_view type) {
  if (type == "integer") return "an integer";
  if (type == "array") return "an array";
  if (type == "object") return "an object";
  if (type == "null") return "null";
  return fmt::format("a {}", type);
}

std::string describe_found(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  return a_type(value.type_name());
}

std::string show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The text between the last pair of single quotes in valijson's message.
std::string quoted_name(const std::string& message) {
  const auto end = message.rfind('\'');
  const auto start = end == std::string::npos ? end : message.rfind('\'', end - 1);
  return start == std::string::npos ? std::string() : message.substr(start + 1, end - start - 1);
}

std::string type_message(const json& node, const json& value) {
  std::vector<std::string> expected;
  const json& type = node["type"];
  for (const auto& t : type.is_array() ? type : json::array({type})) expected.push_back(a_type(t.get<std::string>()));
  const bool want_integer = std::ranges::find(expected, "an integer") != expected.end();
  const std::string found = want_integer && value.is_number() ? show(value) : describe_found(value);
  return fmt::format("expected {}, found {}", fmt::join(expected, " or "), found);
}

std::string enum_message(const json& node, const json& value) {
  std::vector<std::string> options;
  for (const auto& o : node["enum"]) options.push_back(o.is_string() ? o.get<std::string>() : show(o));
  return fmt::format("{} is not one of {}", show(value), fmt::join(options, ", "));
}

std::string items_message(const std::string& what, std::size_t limit, const json& value) {
  return fmt::format("expected {} {} item{}, found {}", what, limit, limit == 1 ? "" : "s",
                     value.size());
}

std::string duplicate_item_message(const json& value) {
  for (std::size_t i = 0; i < value.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (value[i] == value[j]) return fmt::format("duplicate item {}", show(value[i]));
  return "items must be unique";
}

std::string number_message(const json& node, const json& value) {
  if (node.contains("exclusiveMinimum"))
    return fmt::format("expected a number greater than {}, found {}", show(node["exclusiveMinimum"]), show(value));
  if (node.contains("minimum") && value < node["minimum"])
    return fmt::format("expected at least {}, found {}", show(node["minimum"]), show(value));
  if (node.contains("maximum"))
    return fmt::format("expected at most {}, found {}", show(node["maximum"]), show(value));
  return "number out of range";
}

// A readable message for a violation at a value that exists, given its schema node.
std::string value_message(const std::string& raw, const json& node, const json& value) {
  if (raw.starts_with("Value type not permitted") && node.contains("type")) return type_message(node, value);
  if (raw.starts_with("Failed to match against any enum") && node.contains("enum")) return enum_message(node, value);
  if (raw.starts_with("Failed to match expected value set by 'const'"))
    return fmt::format("expected {}, found {}", show(node.value("const", json())), show(value));
  if (raw.starts_with("Failed to match regex")) {
    const std::string what = node.value("description", std::string("the expected pattern"));
    return fmt::format("{} is not {}", show(value), what);
  }
  if (raw.starts_with("String should be no fewer")) return "must not be empty";
  if (raw.starts_with("Array should contain no fewer"))
    return items_message("at least", node.value("minItems", 0u), value);
  if (raw.starts_with("Array should contain no more"))
    return items_message("at most", node.value("maxItems", 0u), value);
  if (raw.starts_with("Elements at indexes")) return duplicate_item_message(value);
  if (raw.starts_with("Expected number")) return number_message(node, value);
  return raw;
}

bool is_wrapper(const std::string& message) {
  return message.starts_with("Failed to validate item #") ||
         message.starts_with("Failed to validate against schema associated with property") ||
         message.starts_with("Failed to validate against additional properties") ||
         message.starts_with("Failed to validate against any");
}

// valijson reports the deepest failure first; among failures at the same place, a wrong type
// explains the others.
const SchemaViolation& pick(const std::vector<SchemaViolation>& violations) {
  const auto leaf = std::ranges::find_if(violations, [](const auto& v) { return !is_wrapper(v.message); });
  const SchemaViolation& first = leaf == violations.end() ? violations.front() : *leaf;
  for (const auto& v : violations)
    if (v.pointer == first.pointer && v.message.starts_with("Value type not permitted")) return v;
  return first;
}

}  // namespace

Error describe_violation(const SchemaViolation& violation, const json& doc, const json& schema) {
  const std::string& raw = violation.message;
  if (raw.starts_with("Missing required property"))
    return {Errc::invalid, fmt::format("missing required field \"{}\"", quoted_name(raw)), {}, violation.pointer};
  if (raw.starts_with("Object contains a property that could not be validated"))
    return {Errc::invalid, fmt::format("unknown field \"{}\"", quoted_name(raw)), {}, violation.pointer};
  const json* node = schema_at(schema, violation.pointer);
  const json* value = value_at(doc, violation.pointer);
  if (!node || !value) return {Errc::invalid, raw, {}, violation.pointer};
  return {Errc::invalid, value_message(raw, *node, *value), {}, violation.pointer};
}

Result<void> check_against_schema(const json& doc, std::string_view schema_name, const std::string& origin) {
  auto violations = validate_against_schema(doc, schema_name);
  if (!violations) return std::unexpected(with_origin(violations.error(), origin));
  if (violations->empty()) return {};
  const auto text = resource(schema_name);
  json schema;
  if (text) schema = json::parse(*text, nullptr, false);
  Error error = describe_violation(pick(*violations), doc, schema.is_discarded() ? json() : schema);
  error.origin = origin;
  return std::unexpected(error);
}

}  // namespace archipel::core
