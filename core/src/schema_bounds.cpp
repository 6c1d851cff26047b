// The schema's bounds (maxLength, maxItems) and uniqueItems, checked before valijson runs.
// valijson (Debian's 1.0) matches `pattern` with std::regex, which recurses once per character
// and overflows the stack on a long string, and it runs every keyword of a node even after one
// failed; its uniqueItems compares every pair. This walk follows the schema (local $ref,
// properties, items) in linear time and stops at the first bound broken, so a pattern only ever
// sees a string the schema has bounded, and an array is only compared pairwise when bounded.
#include <algorithm>
#include <numeric>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "schema_bounds.hpp"

namespace archipel::core::detail {
namespace {

using nlohmann::json;

// `node` and the nodes its $ref chain leads to (siblings of $ref apply too, as in 2020-12).
std::vector<const json*> chain(const json& root, const json* node) {
  std::vector<const json*> out;
  for (int depth = 0; node != nullptr && node->is_object() && depth < 8; ++depth) {
    out.push_back(node);
    const auto ref = node->find("$ref");
    if (ref == node->end() || !ref->is_string() || !ref->get<std::string>().starts_with("#")) break;
    try {
      node = &root.at(json::json_pointer(ref->get<std::string>().substr(1)));
    } catch (const json::exception&) {
      break;
    }
  }
  return out;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::ranges::count_if(text, [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::optional<std::uint64_t> bound(const json& node, const char* key) {
  const auto it = node.find(key);
  if (it == node.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<std::uint64_t>();
}

std::string show(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// The first repeated item (n log n: indices sorted by value), as (earlier, later) indices.
std::optional<std::pair<std::size_t, std::size_t>> first_duplicate(const json& array) {
  std::vector<std::size_t> order(array.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) { return array[a] < array[b]; });
  std::optional<std::pair<std::size_t, std::size_t>> found;
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (array[order[k - 1]] != array[order[k]]) continue;
    const std::pair<std::size_t, std::size_t> pair{order[k - 1], order[k]};
    if (!found || pair.second < found->second) found = pair;
  }
  return found;
}

class Walker {
 public:
  explicit Walker(const json& schema) : schema_(schema) {}

  std::optional<SchemaViolation> walk(const json& value, const json* node, const std::string& pointer) const {
    const auto nodes = chain(schema_, node);
    for (const json* n : nodes)
      if (auto v = check_node(value, *n, pointer)) return v;
    if (value.is_object()) {
      for (const auto& [key, item] : value.items())
        for (const json* n : nodes)
          if (const auto props = n->find("properties"); props != n->end() && props->is_object())
            if (const auto sub = props->find(key); sub != props->end())
              if (auto v = walk(item, &*sub, pointer + "/" + escape_pointer_token(key))) return v;
    } else if (value.is_array()) {
      for (const json* n : nodes)
        if (const auto items = n->find("items"); items != n->end() && items->is_object())
          for (std::size_t i = 0; i < value.size(); ++i)
            if (auto v = walk(value[i], &*items, fmt::format("{}/{}", pointer, i))) return v;
    }
    return std::nullopt;
  }

 private:
  static std::optional<SchemaViolation> check_node(const json& value, const json& node, const std::string& pointer) {
    if (value.is_string()) {
      if (const auto max = bound(node, "maxLength")) {
        const auto length = code_points(value.get_ref<const std::string&>());
        if (length > *max)
          return SchemaViolation{pointer, fmt::format("expected at most {} characters, found {}", *max, length)};
      }
    } else if (value.is_array()) {
      if (const auto max = bound(node, "maxItems"); max && value.size() > *max)
        return SchemaViolation{pointer, fmt::format("expected at most {} item{}, found {}", *max,
                                                    *max == 1 ? "" : "s", value.size())};
      if (const auto unique = node.find("uniqueItems"); unique != node.end() && *unique == true)
        if (const auto dup = first_duplicate(value))
          return SchemaViolation{fmt::format("{}/{}", pointer, dup->second),
                                 fmt::format("duplicate item {} (also {}/{})", show(value[dup->second]), pointer,
                                             dup->first)};
    }
    return std::nullopt;
  }

  const json& schema_;
};

}  // namespace

std::optional<SchemaViolation> bounds_violation(const nlohmann::json& doc, const nlohmann::json& schema) {
  return Walker(schema).walk(doc, &schema, "");
}

}  // namespace archipel::core::detail
