#pragma once
// Private: the OpenCASCADE path of measure_file (STEP, IGES, BREP).
#include <filesystem>

#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

/// Reads a STEP, IGES or BREP file through OpenCASCADE and measures it.
Result<PartMeasurement> measure_brep(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions& options);

}  // namespace archipel::core::detail
