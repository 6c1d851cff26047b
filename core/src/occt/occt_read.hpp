#pragma once
// Private: reading STEP, IGES and BREP files into an OpenCASCADE shape, in millimetres.
#include <filesystem>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

/// A shape read from a file, already scaled to millimetres.
struct LoadedShape {
  TopoDS_Shape shape;                 ///< solids when the file has them, else sewn faces
  std::string source_unit;            ///< the unit the file declared ("mm", "inch", ...)
  std::vector<Warning> warnings;  ///< e.g. "BREP has no unit; millimetres assumed"
};

/// Reads `path` (already detected as `format`) through OpenCASCADE. Never throws; every
/// OpenCASCADE failure becomes one Errc::io error whose origin is the file.
Result<LoadedShape> read_occt_shape(const std::filesystem::path& path, GeometryFormat format,
                                    const MeasureOptions& options);

/// Removes OpenCASCADE's console printers once, so nothing is printed while reading.
void silence_occt();

}  // namespace archipel::core::detail
