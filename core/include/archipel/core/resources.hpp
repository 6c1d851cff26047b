#pragma once
/// \file
/// Files embedded in the binary at build time (JSON Schemas, built-in grid standards, the SPDX
/// licence list), so that an uninstalled `archipel` is complete.

#include <optional>
#include <string_view>
#include <vector>

namespace archipel::core {

/// One embedded file: its path relative to the source folder it came from, and its bytes.
struct Resource {
  std::string_view name;  ///< e.g. "part.schema.json" or "grids/openstructures.json"
  std::string_view data;  ///< the file's bytes, unchanged
};

/// The embedded file called `name`, or nothing.
[[nodiscard]] std::optional<std::string_view> resource(std::string_view name);

/// Every embedded file whose name starts with `prefix`, sorted by name.
[[nodiscard]] std::vector<Resource> resources_under(std::string_view prefix);

namespace detail {
/// The generated table (see cmake/EmbedFiles.cmake).
const std::vector<Resource>& embedded_resources();
}  // namespace detail

}  // namespace archipel::core
