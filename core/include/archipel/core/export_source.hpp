#pragma once
/// \file
/// Which of a part's files `export_part` (export.hpp) reads: kept apart from export.hpp so that the
/// export types do not pull in the manifest model.

#include <optional>
#include <string>

#include "archipel/core/export.hpp"
#include "archipel/core/manifest.hpp"

namespace archipel::core {

/// The geometry file of `manifest` to export as `format`: the listed file `requested` when given
/// (it must be a geometry file), else for STEP the first STEP file, else the first geometry file
/// read as a B-rep (STEP, IGES, BREP), else the first geometry file. Errors (invalid, with the
/// pointer of `/files`): no such file, or none that fits.
[[nodiscard]] Result<FileEntry> choose_export_file(const Manifest& manifest, ExportFormat format,
                                                   const std::optional<std::string>& requested);

}  // namespace archipel::core
