#pragma once
/// \file
/// Reading JSON documents safely and checking them against the embedded JSON Schemas.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// Largest JSON document read by default (a manifest or a grid standard is a few kilobytes); the
/// one size limit for manifests everywhere (max_manifest_bytes is this).
inline constexpr std::uintmax_t default_max_json_bytes = 1024u * 1024u;

/// Deepest nesting of arrays and objects parse_json accepts (Archipel's documents nest < 10).
inline constexpr std::size_t max_json_depth = 64;

/// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is valid UTF-8.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view text);

/// Parses `text` as one JSON document, refusing (Errc::invalid) invalid UTF-8, syntax errors
/// (with line and column), bytes after the document, duplicate keys, numbers out of the double
/// range and nesting deeper than max_json_depth; errors name `origin` and, where there is one,
/// the JSON pointer of the value at fault.
[[nodiscard]] Result<nlohmann::json> parse_json(std::string_view text, const std::string& origin);

/// Reads and parses a JSON file, refusing files over `max_bytes` before reading them.
/// `origin` is the name used in errors (defaults to the path as given).
[[nodiscard]] Result<nlohmann::json> read_json_file(const std::filesystem::path& path,
                                                    std::uintmax_t max_bytes = default_max_json_bytes,
                                                    std::string origin = {});

/// Reads a whole file as bytes, refusing files over `max_bytes` before reading them.
[[nodiscard]] Result<std::string> read_file_bytes(const std::filesystem::path& path,
                                                  std::uintmax_t max_bytes,
                                                  const std::string& origin);

/// One place where a document does not satisfy its schema.
struct SchemaViolation {
  std::string pointer;  ///< JSON pointer to the offending value ("" is the root)
  std::string message;  ///< what is wrong, in the schema validator's words
};

/// Checks `doc` against the embedded schema `schema_name` (e.g. "part.schema.json").
/// Returns the violations, empty when the document is valid; an error only when the schema
/// itself is missing or unreadable.
[[nodiscard]] Result<std::vector<SchemaViolation>> validate_against_schema(
    const nlohmann::json& doc, std::string_view schema_name);

/// Converts a validator context path (`<root>`, `[licence]`, `[0]`) into a JSON pointer.
[[nodiscard]] std::string context_to_pointer(const std::vector<std::string>& context);

/// Escapes one JSON pointer reference token (`~` → `~0`, `/` → `~1`).
[[nodiscard]] std::string escape_pointer_token(std::string_view token);

}  // namespace archipel::core
