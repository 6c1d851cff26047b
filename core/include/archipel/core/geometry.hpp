#pragma once
/// \file
/// Reading CAD and mesh files and measuring them (see measurement.hpp for what is measured).
/// STEP, IGES and BREP go through OpenCASCADE; STL, OBJ, PLY, 3MF and glTF/GLB through Assimp.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"
#include "archipel/core/tolerances.hpp"
#include "archipel/core/units.hpp"

namespace archipel::core {

/// The format's short name ("step", "stl", ...).
[[nodiscard]] std::string_view format_name(GeometryFormat format);

/// Largest geometry file read by default: 200 MB.
inline constexpr std::uintmax_t default_max_geometry_bytes = 200ull * 1000 * 1000;

/// Told how far a long measurement has gone: the stage ("reading", "measuring") and the
/// fraction of it done, from 0 to 1. Called from the measuring thread; must not throw.
using MeasureProgress = std::function<void(std::string_view stage, double fraction)>;

/// Options for reading and measuring one file.
struct MeasureOptions {
  std::optional<LengthUnit> unit;   ///< declared unit for unit-less formats (STL, OBJ, PLY)
  std::uintmax_t max_bytes = default_max_geometry_bytes;  ///< larger files are refused unread
  std::optional<std::string> material;  ///< material name, for the mass (see material table)
  Tolerances tolerances = default_tolerances;
  MeasureProgress progress;  ///< empty: nothing is reported
};

/// Detects a file's format from its content (the extension is only a tie-breaker).
/// Errors: the file is missing or unreadable (io), or no supported format matches (invalid).
[[nodiscard]] Result<GeometryFormat> detect_format(const std::filesystem::path& path);

/// Reads `path`, settles its unit, finds its natural frame and measures it.
[[nodiscard]] Result<PartMeasurement> measure_file(const std::filesystem::path& path,
                                                   const MeasureOptions& options = {});

}  // namespace archipel::core
