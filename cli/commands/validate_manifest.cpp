// The manifest side of `archipel validate part.json`.
#include "validate_manifest.hpp"

#include <filesystem>

#include "archipel/core/manifest.hpp"
#include "archipel/core/warnings.hpp"

namespace archipel::cli {

core::Result<ManifestSummary> read_manifest_summary(const std::string& path) {
  auto manifest = core::read_manifest(path);
  if (!manifest) return std::unexpected(manifest.error());
  ManifestSummary out;
  out.name = manifest->name;
  out.warnings = core::licence_rule_warnings(manifest->licence_expression);
  if (manifest->grid) {
    out.grid = manifest->grid->standard;
    out.grid_units = manifest->grid->units;
    out.role = manifest->grid->role.value_or("");
  }
  if (manifest->dimensions)
    out.dimensions_mm = core::Vec3{manifest->dimensions->width_mm, manifest->dimensions->depth_mm,
                                   manifest->dimensions->height_mm};
  const std::filesystem::path root = std::filesystem::path(path).parent_path();
  for (const auto& f : manifest->files) {
    if (f.role != core::FileRole::geometry) continue;
    out.files.push_back({f.path, (root / f.path).string(),
                         f.unit ? std::string(core::to_string(*f.unit)) : std::string{}});
  }
  return out;
}

}  // namespace archipel::cli
