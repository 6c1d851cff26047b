#pragma once
/// \file
/// What `archipel validate part.json` needs from a manifest: its grid, declared size and
/// geometry files, read and checked by the manifest reader.

#include <optional>
#include <string>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::cli {

/// One geometry file a manifest lists.
struct ManifestGeometry {
  std::string listed;  ///< the path as written in the manifest
  std::string path;    ///< the path to open (relative to the manifest's folder)
  std::string unit;    ///< the declared unit ("mm", "inch" ...), empty when none
};

/// The manifest's name, grid, declared size and geometry files.
struct ManifestSummary {
  std::string name;                    ///< the part's name
  std::string grid;                    ///< declared grid standard id, empty when none
  std::string role;                    ///< declared role in that standard, empty when none
  std::vector<int> grid_units;         ///< declared grid size
  std::optional<core::Vec3> dimensions_mm;  ///< declared width, depth, height
  std::vector<ManifestGeometry> files; ///< files with role geometry, in the manifest's order
  std::vector<core::Warning> warnings; ///< the licence's (licence_rule_warnings)
};

/// Reads and checks `path` (schema, licence, listed files and their sha256) with the manifest
/// reader, then keeps what validation needs.
[[nodiscard]] core::Result<ManifestSummary> read_manifest_summary(const std::string& path);

}  // namespace archipel::cli
