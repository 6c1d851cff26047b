#pragma once
// Private: export_part's request to the geometry worker and the environment's limits (implemented
// in client.cpp beside measure_file, sharing its limits and failure handling; make_client.cpp
// uses the limits too).
#include <filesystem>

#include "archipel/core/export.hpp"

namespace archipel::core::detail {

/// The limits the environment sets on every geometry worker: ARCHIPEL_GEOMETRY_TIME_LIMIT
/// (wall-clock seconds) and ARCHIPEL_GEOMETRY_MEMORY_LIMIT (MiB); unset or empty: nothing.
/// Errors (usage): a value that is not a positive number.
Result<WorkerLimits> geometry_limits_from_env();

/// Asks a geometry worker to export `path` as `format`; the answer's bytes and report (bytes and
/// sha256 not yet filled in). Errors: the worker's (with the file as origin), or io when it
/// crashes, is killed by a limit or answers garbage.
Result<ExportedFile> export_in_worker(const std::filesystem::path& path, ExportFormat format,
                                      const ExportOptions& options);

}  // namespace archipel::core::detail
