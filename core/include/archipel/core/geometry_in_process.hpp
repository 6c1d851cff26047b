#pragma once
/// \file
/// Measuring a geometry file in the calling process, through OpenCASCADE and Assimp: what the
/// geometry worker (`archipel-geometry`) runs, and what unit tests of the readers may call.
/// Nothing here isolates the caller: a hostile file can crash it, exhaust its memory or stall it.
/// Everything else calls measure_file (geometry.hpp), which runs this in the worker.
/// Provided by the `archipel_geometry` library (links OpenCASCADE and Assimp); the `archipel`
/// executable does not link it.

#include <filesystem>
#include <string>

#include "archipel/core/geometry.hpp"

namespace archipel::core {

/// Reads `path`, settles its unit, finds its natural frame and measures it, here.
/// `options.limits` is ignored; `options.progress`, when set, is told each stage.
[[nodiscard]] Result<PartMeasurement> measure_file_in_process(const std::filesystem::path& path,
                                                              const MeasureOptions& options = {});

/// The same, reading `read_path` (e.g. /proc/self/fd/4) but naming `name` in errors, and taking
/// `name`'s extension as the format tie-breaker.
[[nodiscard]] Result<PartMeasurement> measure_file_in_process(const std::filesystem::path& read_path,
                                                              const std::filesystem::path& name,
                                                              const MeasureOptions& options);

/// The OpenCASCADE and Assimp versions linked, e.g. "OpenCASCADE 7.6.3, Assimp 5.2.5".
[[nodiscard]] std::string geometry_library_versions_in_process();

}  // namespace archipel::core
