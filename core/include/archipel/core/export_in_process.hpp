#pragma once
/// \file
/// Fabrication export in the calling process, through OpenCASCADE and Assimp: what the geometry
/// worker runs for export_part (export.hpp), and what tests may call. Like
/// geometry_in_process.hpp, nothing here isolates the caller from a hostile file. Provided by
/// the `archipel_geometry` library; the `archipel` executable does not link it.

#include <filesystem>

#include "archipel/core/export.hpp"

namespace archipel::core {

/// Reads `read_path` (named `name` in errors and for the extension tie-breaker) and computes the
/// export, here. STEP output is the input's bytes (a STEP input only). report.bytes and
/// report.sha256 are left for the caller.
[[nodiscard]] Result<ExportedFile> export_in_process(const std::filesystem::path& read_path,
                                                     const std::filesystem::path& name,
                                                     ExportFormat format, const ExportOptions& options);

}  // namespace archipel::core
