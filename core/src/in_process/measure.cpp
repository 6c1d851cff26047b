// measure_file_in_process: size limit, format detection, then the OpenCASCADE path (STEP, IGES,
// BREP) or the Assimp path (meshes). Runs inside the geometry worker.
#include "archipel/core/geometry_in_process.hpp"

#include <string>
#include <system_error>

#include <fmt/format.h>

#include "geometry_detect.hpp"
#include "mesh/mesh_measure.hpp"
#include "worker/protocol.hpp"
#include "occt/brep_measure.hpp"

namespace archipel::core {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The readers name the path they read; the caller knows the file by `name`.
Error renamed(Error error, const std::filesystem::path& read_path, const std::filesystem::path& name) {
  replace_all(error.origin, read_path.string(), name.string());
  replace_all(error.message, read_path.string(), name.string());
  return error;
}

std::string_view reading_stage(GeometryFormat format) {
  switch (format) {
    case GeometryFormat::step: return "reading the STEP file";
    case GeometryFormat::iges: return "reading the IGES file";
    case GeometryFormat::brep: return "reading the BREP file";
    default: return "reading the mesh";
  }
}

Result<PartMeasurement> measure_detected(const std::filesystem::path& path,
                                         const std::filesystem::path& name,
                                         const MeasureOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail(Errc::io, "no such file", name.string());
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_bytes)
    return fail(Errc::io,
                fmt::format("file is too large ({} bytes; the limit is {} bytes, see --max-size)",
                            size, options.max_bytes),
                name.string());
  auto format = detail::detect_format_named(path, name);
  if (!format) return std::unexpected(format.error());
  if (options.progress) options.progress(reading_stage(*format), 0);
  switch (*format) {
    case GeometryFormat::step:
    case GeometryFormat::iges:
    case GeometryFormat::brep: return detail::measure_brep(path, *format, options);
    default: return detail::measure_mesh(path, *format, options);
  }
}

}  // namespace

Result<PartMeasurement> measure_file_in_process(const std::filesystem::path& read_path,
                                                const std::filesystem::path& name,
                                                const MeasureOptions& options) {
  auto measured = measure_detected(read_path, name, options);
  if (!measured) return std::unexpected(renamed(measured.error(), read_path, name));
  // A coordinate of 1e400 in a file reads as infinity: whatever it touched is not a measurement.
  if (!detail::all_finite(*measured))
    return fail(Errc::io,
                "the geometry has a coordinate or a measurement that is not a finite number "
                "(corrupt file)",
                name.string());
  return measured;
}

Result<PartMeasurement> measure_file_in_process(const std::filesystem::path& path,
                                                const MeasureOptions& options) {
  return measure_file_in_process(path, path, options);
}

}  // namespace archipel::core
