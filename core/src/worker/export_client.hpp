#pragma once
// Private: export_part's request to the geometry worker (implemented in client.cpp beside
// measure_file, sharing its limits and failure handling).
#include <filesystem>

#include "archipel/core/export.hpp"

namespace archipel::core::detail {

/// Asks a geometry worker to export `path` as `format`; the answer's bytes and report (bytes and
/// sha256 not yet filled in). Errors: the worker's (with the file as origin), or io when it
/// crashes, is killed by a limit or answers garbage.
Result<ExportedFile> export_in_worker(const std::filesystem::path& path, ExportFormat format,
                                      const ExportOptions& options);

}  // namespace archipel::core::detail
