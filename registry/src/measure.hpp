#pragma once
// Measuring a part's geometry files at publication and checking them against the registry's
// grid: the result is stored as measured.json next to part.json.

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "archipel/core/safe_fs.hpp"
#include "archipel/registry/registry.hpp"

namespace archipel::registry::detail {

/// measured.json and the overall verdict ("pass", "warn", "fail", "not-measured").
struct Measured {
  nlohmann::json document;
  std::string verdict;
  std::vector<core::Warning> warnings;  ///< each file's, the message starting with "<path>": 
};

/// Who measured: {"archipel": version, "grid_sha256": sha256 of the grid standard's data}. A
/// measurement that differs under the same measured_by is tampering; under another, the
/// validator changed.
[[nodiscard]] nlohmann::json measured_by(const std::string& grid_id);

/// Measures every geometry file of `manifest` (paths relative to `dir`; the bytes measured are
/// those of `contents`, the descriptors publish hashed) and validates it against the registry's
/// grid. A failing part is refused unless the policy accepts non-conforming parts and
/// `allow_nonconforming` is set.
[[nodiscard]] core::Result<Measured> measure_part(const nlohmann::json& manifest,
                                                  const std::filesystem::path& dir,
                                                  const std::map<std::string, core::UniqueFd>& contents,
                                                  const RegistryConfig& config,
                                                  bool allow_nonconforming,
                                                  const std::string& origin);

}  // namespace archipel::registry::detail
