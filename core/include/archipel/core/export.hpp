#pragma once
/// \file
/// Fabrication export: a part's geometry file written as what a workshop's machines read.
/// - `stl` (binary) and `3mf` (unit millimetre) for 3D printing: a STEP/IGES/BREP file is meshed by
///   OpenCASCADE's BRepMesh_IncrementalMesh with the stated chordal tolerance; a mesh file passes
///   through, welded, in millimetres.
/// - `dxf` (millimetres, layer CUT) and `svg` (1:1 in millimetres) for laser,
///   water-jet and routing: the real section of a sheet part (outline and every opening, round
///   ones as true circles, arcs as arcs), in the part's natural frame (see measurement.hpp); a part
///   that is not a sheet is refused with the reason.
/// - `step` for machining: the published STEP bytes, copied; a mesh cannot become STEP (refused).
/// The same input gives the same bytes. Geometry work runs in the geometry worker
/// (docs/geometry-worker.md); the output file is written by the caller, atomically, never
/// through a link. See docs/export.md.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/geometry.hpp"
#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// The formats `export_part` writes.
enum class ExportFormat { stl, threemf, dxf, svg, step };

/// "stl", "3mf", "dxf", "svg" or "step".
[[nodiscard]] std::string_view export_format_name(ExportFormat format);

/// The inverse of export_format_name (lower case only); nothing for an unknown name.
[[nodiscard]] std::optional<ExportFormat> parse_export_format(std::string_view name);

/// Default chordal tolerance of the B-rep mesher: the largest distance between a triangle and the
/// exact surface, in millimetres.
inline constexpr double default_export_linear_deflection_mm = 0.01;
/// Default angular tolerance of the B-rep mesher: the largest angle between the normals of
/// neighbouring facets of a curved face, in radians.
inline constexpr double default_export_angular_deflection_rad = 0.5;

/// How to export.
struct ExportOptions {
  std::optional<LengthUnit> unit;  ///< declared unit of a unit-less mesh (STL, OBJ, PLY)
  double linear_deflection_mm = default_export_linear_deflection_mm;    ///< B-rep meshing only
  double angular_deflection_rad = default_export_angular_deflection_rad;///< B-rep meshing only
  std::uintmax_t max_bytes = default_max_geometry_bytes;  ///< larger inputs are refused unread
  Tolerances tolerances = default_tolerances;
  WorkerLimits limits;       ///< limits on the geometry worker
  MeasureProgress progress;  ///< empty: nothing is reported
};

/// What was written.
struct ExportReport {
  ExportFormat format = ExportFormat::stl;
  GeometryFormat source_format = GeometryFormat::step;
  std::string method;  ///< "copy", "brep-mesh", "mesh", "brep-section" or "mesh-section"
  std::uint64_t bytes = 0;  ///< size of the output
  std::string sha256;       ///< of the output
  std::size_t triangles = 0;  ///< stl and 3mf
  std::optional<double> linear_deflection_mm;    ///< set when a B-rep was meshed
  std::optional<double> angular_deflection_rad;  ///< set when a B-rep was meshed
  std::optional<double> thickness_mm;  ///< dxf and svg: the sheet's thickness
  std::array<double, 2> outline_mm{};  ///< dxf and svg: extents of the section along x and y
  std::size_t contours = 0;  ///< dxf and svg: closed contours (outline and openings)
  std::size_t circles = 0;   ///< dxf and svg: contours that are whole circles
  std::size_t arcs = 0;      ///< dxf and svg: arcs inside the other contours
  std::size_t lines = 0;     ///< dxf and svg: straight segments inside the other contours
  std::vector<std::string> warnings;
};

/// An export computed but not yet written: the file's bytes and its report.
struct ExportedFile {
  std::string bytes;
  ExportReport report;
};

/// Exports the geometry file `in` as `format`, computing it in the geometry worker (except a STEP
/// copy), then writes it to `out` atomically (core::write_file_atomic). Errors: `in` unreadable,
/// corrupt or hostile (io); a refusal (invalid): not a sheet for dxf/svg, a mesh to STEP; `out`
/// cannot be written (io).
[[nodiscard]] Result<ExportReport> export_part(const std::filesystem::path& in, ExportFormat format,
                                               const ExportOptions& options,
                                               const std::filesystem::path& out);

/// The same without writing: the bytes and the report (report.bytes and sha256 filled in).
[[nodiscard]] Result<ExportedFile> export_bytes(const std::filesystem::path& in, ExportFormat format,
                                                const ExportOptions& options);

/// The report as JSON: format, source_format, method, bytes, sha256, then the fields that apply
/// (triangles and deflections; thickness_mm, outline_mm, contours, circles, arcs, lines), warnings.
[[nodiscard]] nlohmann::ordered_json export_report_to_json(const ExportReport& report);

/// The inverse of export_report_to_json (the geometry worker hands its report back this way).
/// Strict: unknown keys and wrong types are refused (invalid, with the JSON pointer).
[[nodiscard]] Result<ExportReport> export_report_from_json(const nlohmann::json& doc);

}  // namespace archipel::core
