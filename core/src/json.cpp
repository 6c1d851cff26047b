#include "archipel/core/json.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "archipel/core/resources.hpp"
#include "schema_bounds.hpp"

namespace archipel::core {
namespace {

// Length of the UTF-8 sequence at text[i], or 0 when it is not a valid (shortest-form) sequence.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

Result<std::string> read_file_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                    const std::string& origin) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return fail(Errc::io, "no such file", origin);
  if (!std::filesystem::is_regular_file(status))
    return fail(Errc::io, "not a regular file", origin);
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::io, "cannot read the file size: " + ec.message(), origin);
  if (size > max_bytes)
    return fail(Errc::invalid,
                fmt::format("file is too large ({} bytes; the limit is {} bytes)", size, max_bytes),
                origin);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::io, "cannot open the file for reading", origin);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) return fail(Errc::io, "cannot read the file", origin);
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

Result<nlohmann::json> read_json_file(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                      std::string origin) {
  if (origin.empty()) origin = path.string();
  auto bytes = read_file_bytes(path, max_bytes, origin);
  if (!bytes) return std::unexpected(bytes.error());
  return parse_json(*bytes, origin);
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string context_to_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string_view token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
      token = token.substr(1, token.size() - 2);
    pointer += "/" + escape_pointer_token(token);
  }
  return pointer;
}

namespace {

struct CompiledSchema {
  nlohmann::json document;
  valijson::Schema schema;
};

Result<const CompiledSchema*> compiled_schema(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<CompiledSchema>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second.get();
  const auto text = resource(name);
  if (!text) return fail(Errc::io, fmt::format("no embedded schema named {}", name));
  auto compiled = std::make_unique<CompiledSchema>();
  try {
    compiled->document = nlohmann::json::parse(*text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(compiled->document);
    parser.populateSchema(adapter, compiled->schema);
  } catch (const std::exception& e) {
    return fail(Errc::io, fmt::format("embedded schema {} is unusable: {}", name, e.what()));
  }
  auto* raw = compiled.get();
  cache.emplace(std::string(name), std::move(compiled));
  return raw;
}

}  // namespace

Result<std::vector<SchemaViolation>> validate_against_schema(const nlohmann::json& doc,
                                                             std::string_view schema_name) {
  auto schema = compiled_schema(schema_name);
  if (!schema) return std::unexpected(schema.error());
  // Bounds first: no pattern may see an unbounded string (std::regex recursion, issue 9).
  if (auto broken = detail::bounds_violation(doc, (*schema)->document))
    return std::vector<SchemaViolation>{std::move(*broken)};
  // One validator per thread: it caches the compiled regular expressions of `pattern`, which
  // otherwise dominate validating many documents (registry verify and index builds).
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  std::vector<SchemaViolation> out;
  if (validator.validate((*schema)->schema, target, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error))
    out.push_back({context_to_pointer(error.context), error.description});
  return out;
}

}  // namespace archipel::core
