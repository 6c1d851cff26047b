#pragma once
/// \file
/// Reading CAD and mesh files and measuring them (see measurement.hpp for what is measured).
/// STEP, IGES and BREP go through OpenCASCADE; STL, OBJ, PLY, 3MF and glTF/GLB through Assimp.
/// Both run in a separate process, the geometry worker `archipel-geometry`, under memory and
/// time limits: a reader that crashes, stalls or runs out of memory on a hostile file becomes
/// one io error, never a crash of the caller (docs/geometry-worker.md). The same measurement in
/// the calling process, for the worker itself and for tests, is in geometry_in_process.hpp.

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

/// Limits on the geometry worker, covering the whole measurement of one file (reading, frame,
/// holes). Unset values come from the environment (ARCHIPEL_GEOMETRY_TIME_LIMIT in seconds,
/// ARCHIPEL_GEOMETRY_MEMORY_LIMIT in MiB), else from the file size: 30 s + 4 s a MB of wall-clock
/// time (and twice that in CPU time), 2 GiB + 40 bytes a byte of the file in address space.
struct WorkerLimits {
  std::optional<double> seconds;              ///< wall-clock seconds before the worker is killed
  std::optional<std::uint64_t> memory_bytes;  ///< address space (RLIMIT_AS) of the worker
};

/// Told how far a long measurement has gone: the stage ("reading the STEP file", ...) and the
/// fraction of it done, from 0 to 1. Called from the measuring thread (in the worker, its calls
/// are relayed to the parent's callback); must not throw.
using MeasureProgress = std::function<void(std::string_view stage, double fraction)>;

/// Options for reading and measuring one file.
struct MeasureOptions {
  std::optional<LengthUnit> unit;   ///< declared unit for unit-less formats (STL, OBJ, PLY)
  std::uintmax_t max_bytes = default_max_geometry_bytes;  ///< larger files are refused unread
  std::optional<std::string> material;  ///< material name, for the mass (see material table)
  Tolerances tolerances = default_tolerances;
  WorkerLimits limits;       ///< limits on the geometry worker (not used in-process)
  MeasureProgress progress;  ///< empty: nothing is reported
  /// The part folder a glTF's external buffers must lie in (reached without links, one hard link
  /// each), and the file's path inside it ("parts/plate.gltf"). Empty: the file's own folder when
  /// measured by path, no external buffer at all when measured through a descriptor.
  std::filesystem::path part_folder;
  std::string path_in_folder;  ///< see part_folder
};

/// Detects a file's format from its content (the extension is only a tie-breaker).
/// Errors: the file is missing or unreadable (io), or no supported format matches (invalid).
[[nodiscard]] Result<GeometryFormat> detect_format(const std::filesystem::path& path);

/// Reads `path`, settles its unit, finds its natural frame and measures it, in the geometry
/// worker. Errors: those of the readers (io, naming `path`), and io errors when the worker crashes,
/// is killed by a limit, answers garbage or cannot be started.
[[nodiscard]] Result<PartMeasurement> measure_file(const std::filesystem::path& path,
                                                   const MeasureOptions& options = {});

/// The same for a file the caller has already opened (for example with open_beneath, so that the
/// file hashed is the file measured): the worker inherits `fd` and measures that open file;
/// `name` only names it in errors and gives the extension used as a format tie-breaker. `fd` is
/// neither closed nor moved. A glTF's separate buffer files are read only when
/// `options.part_folder` is set (inside that folder, without links).
[[nodiscard]] Result<PartMeasurement> measure_file(int fd, const std::filesystem::path& name,
                                                   const MeasureOptions& options = {});

}  // namespace archipel::core
