// parse_json: nlohmann's parser driven through a SAX handler that also refuses what the DOM
// parser lets through: duplicate keys (the last one silently won), numbers beyond double range
// (an out_of_range exception that became "internal", exit 3) and nesting deeper than anything
// Archipel writes (the schema validator recurses). Bytes after the document are refused by the
// parser's strict mode. Every refusal names the JSON pointer of the value.
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archipel/core/json.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; column = 1; }
    else ++column;
  }
  return {line, column};
}

class CheckedSax {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  explicit CheckedSax(json& root) : dom_(root, false) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t& s) { return value() && dom_.number_float(v, s); }
  bool string(string_t& v) { return value() && dom_.string(v); }
  bool binary(binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) { return open(true) && dom_.start_object(n); }
  bool end_object() { levels_.pop_back(); return dom_.end_object(); }
  bool start_array(std::size_t n) { return open(false) && dom_.start_array(n); }
  bool end_array() { levels_.pop_back(); return dom_.end_array(); }

  bool key(string_t& k) {
    Level& top = levels_.back();
    top.key = k;
    if (!top.keys.insert(k).second) return refuse("duplicate key (a key may appear once in an object)", false);
    return dom_.key(k);
  }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*token*/, const Exception& ex) {
    error_offset_ = position;
    if (ex.id == 406) return refuse("number out of range", true);
    syntax_error_ = true;
    return false;
  }

  [[nodiscard]] bool syntax_error() const { return syntax_error_; }
  [[nodiscard]] std::size_t error_offset() const { return error_offset_; }
  [[nodiscard]] const std::optional<std::pair<std::string, std::string>>& refusal() const { return refusal_; }

 private:
  struct Level {
    bool object = false;
    std::size_t count = 0;  // values started so far, in an array
    std::string key;        // the current key, in an object
    std::set<std::string, std::less<>> keys;
  };

  // A value starts: in an array it takes the next index.
  bool value() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().count;
    return true;
  }

  bool open(bool object) {
    value();
    if (levels_.size() >= max_json_depth)
      return refuse(fmt::format("nested more than {} levels deep", max_json_depth), false);
    levels_.push_back({object, 0, {}, {}});
    return true;
  }

  // `pending`: the value at fault has not started yet (its array index is the next one).
  std::string pointer(bool pending) const {
    std::string out;
    for (const Level& l : levels_) {
      out += '/';  // (appended piecewise: GCC 12 warns falsely on "/" + string)
      if (l.object) out += escape_pointer_token(l.key);
      else out += std::to_string(pending && &l == &levels_.back() ? l.count : l.count - 1);
    }
    return out;
  }

  bool refuse(std::string message, bool pending) {
    refusal_ = {pointer(pending), std::move(message)};
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<Level> levels_;
  std::optional<std::pair<std::string, std::string>> refusal_;  // pointer, message
  bool syntax_error_ = false;
  std::size_t error_offset_ = 0;
};

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, const std::string& origin) {
  if (const auto bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return fail(Errc::invalid, fmt::format("not valid UTF-8 (byte offset {})", bad), origin);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail(Errc::invalid, "invalid JSON: the file is empty", origin);
  // nlohmann's lexer takes a NUL byte for the end of the input: whatever follows would be ignored.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul);
    return fail(Errc::invalid, fmt::format("invalid JSON at line {}, column {}: a NUL byte", line, column), origin);
  }
  json doc;
  CheckedSax sax(doc);
  bool ok = false;
  try {
    ok = json::sax_parse(text, &sax, json::input_format_t::json, true, false);
  } catch (const std::exception& e) {  // none expected: the DOM builder was told not to throw
    return fail(Errc::invalid, fmt::format("invalid JSON: {}", e.what()), origin);
  }
  if (ok) return doc;
  if (const auto& refusal = sax.refusal()) return fail(Errc::invalid, refusal->second, origin, refusal->first);
  const std::size_t offset = sax.error_offset() > 0 ? sax.error_offset() - 1 : 0;
  const auto [line, column] = line_and_column(text, offset);
  return fail(Errc::invalid, fmt::format("invalid JSON at line {}, column {}: syntax error", line, column), origin);
}

}  // namespace archipel::core
