// export_in_process: what the geometry worker runs for `archipel export`. Detects the input's
// format, reads it through OpenCASCADE or Assimp, and hands the mesh or the sheet section to the
// writers (export/*_writer, export/mesh_writers).
#include "archipel/core/export_in_process.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "export/brep_export.hpp"
#include "export/dxf_writer.hpp"
#include "export/mesh_sheet.hpp"
#include "export/mesh_writers.hpp"
#include "export/svg_writer.hpp"
#include "geometry_detect.hpp"
#include "mesh/mesh_frame.hpp"
#include "mesh/mesh_import.hpp"
#include "mesh/mesh_measure.hpp"
#include "occt/occt_read.hpp"

namespace archipel::core {
namespace {

using detail::Mesh;
using detail::SheetProfile;

bool is_brep(GeometryFormat f) {
  return f == GeometryFormat::step || f == GeometryFormat::iges || f == GeometryFormat::brep;
}

MeasureOptions measure_options(const ExportOptions& o) {
  MeasureOptions m;
  m.unit = o.unit;
  m.max_bytes = o.max_bytes;
  m.tolerances = o.tolerances;
  m.progress = o.progress;
  return m;
}

Result<ExportedFile> mesh_file(const Mesh& mesh, ExportFormat format, ExportReport report) {
  report.triangles = mesh.triangles.size();
  if (format == ExportFormat::stl) return ExportedFile{detail::write_stl(mesh), std::move(report)};
  auto bytes = detail::write_3mf(mesh);
  if (!bytes) return std::unexpected(bytes.error());
  return ExportedFile{std::move(*bytes), std::move(report)};
}

Result<ExportedFile> profile_file(SheetProfile profile, ExportFormat format, ExportReport report) {
  const auto box = detail::profile_box(profile);
  report.thickness_mm = profile.thickness_mm;
  report.outline_mm = {box[2] - box[0], box[3] - box[1]};
  report.contours = profile.contours.size();
  for (const auto& c : profile.contours) {
    if (c.is_circle) ++report.circles;
    for (const auto& s : c.segments) ++(s.bulge != 0 ? report.arcs : report.lines);
  }
  for (auto& w : profile.warnings)
    if (std::ranges::find(report.warnings, w) == report.warnings.end()) report.warnings.push_back(std::move(w));
  std::string bytes = format == ExportFormat::dxf ? detail::write_dxf(profile) : detail::write_svg(profile);
  return ExportedFile{std::move(bytes), std::move(report)};
}

Result<ExportedFile> copy_step(const std::filesystem::path& path, ExportReport report) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) return fail(Errc::io, "cannot read the file");
  report.method = "copy";
  return ExportedFile{std::move(bytes), std::move(report)};
}

Result<ExportedFile> from_brep(const std::filesystem::path& path, GeometryFormat source, ExportFormat format,
                               const ExportOptions& options, ExportReport report) {
  if (format == ExportFormat::step) {
    if (source == GeometryFormat::step) return copy_step(path, std::move(report));
    return fail(Errc::invalid, fmt::format("STEP is exported as published, and this file is {}: export it from "
                                           "the part's STEP file", format_name(source)));
  }
  auto loaded = detail::read_occt_shape(path, source, measure_options(options));
  if (!loaded) return std::unexpected(loaded.error());
  for (const auto& w : loaded->warnings) report.warnings.push_back(w.message);
  if (options.progress) options.progress("exporting", 0);
  if (format == ExportFormat::stl || format == ExportFormat::threemf) {
    auto mesh = detail::mesh_brep(loaded->shape, options.linear_deflection_mm, options.angular_deflection_rad,
                                  options.tolerances);
    if (!mesh) return std::unexpected(mesh.error());
    report.method = "brep-mesh";
    report.linear_deflection_mm = options.linear_deflection_mm;
    report.angular_deflection_rad = options.angular_deflection_rad;
    return mesh_file(*mesh, format, std::move(report));
  }
  auto profile = detail::brep_sheet_profile(loaded->shape, options.tolerances);
  if (!profile) return std::unexpected(profile.error());
  report.method = "brep-section";
  return profile_file(std::move(*profile), format, std::move(report));
}

Result<ExportedFile> from_mesh(const std::filesystem::path& path, GeometryFormat source, ExportFormat format,
                               const ExportOptions& options, ExportReport report) {
  if (format == ExportFormat::step)
    return fail(Errc::invalid, fmt::format("a mesh ({}) cannot be exported as STEP: its curved faces are only "
                                           "facets, and machining needs the exact surfaces (export stl or 3mf, "
                                           "or publish the part's STEP file)", format_name(source)));
  const MeasureOptions measure = measure_options(options);
  if (format == ExportFormat::stl || format == ExportFormat::threemf) {
    std::vector<Warning> unit_warnings;
    const auto unit = detail::settle_mesh_unit(path, source, measure, unit_warnings);
    for (auto& w : unit_warnings) report.warnings.push_back(std::move(w.message));
    if (!unit) return std::unexpected(unit.error());
    if (auto ok = detail::precheck_mesh_file(path, source); !ok) return std::unexpected(ok.error());
    auto mesh = detail::import_mesh_here(path, source, unit_to_mm(*unit), options.tolerances.mesh_weld_mm);
    if (!mesh) return std::unexpected(mesh.error());
    report.method = "mesh";
    return mesh_file(*mesh, format, std::move(report));
  }
  Mesh framed;
  auto m = detail::measure_mesh(path, source, measure, &framed);
  if (!m) return std::unexpected(m.error());
  for (const auto& w : m->warnings) report.warnings.push_back(w.message);
  auto profile = detail::mesh_sheet_profile(framed, m->size_mm[2]);
  if (!profile) return std::unexpected(profile.error());
  report.method = "mesh-section";
  return profile_file(std::move(*profile), format, std::move(report));
}

Result<ExportedFile> export_detected(const std::filesystem::path& path, const std::filesystem::path& name,
                                     ExportFormat format, const ExportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail(Errc::io, "no such file", name.string());
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_bytes)
    return fail(Errc::io, fmt::format("file is too large ({} bytes; the limit is {} bytes, see --max-size)", size,
                                      options.max_bytes), name.string());
  auto source = detail::detect_format_named(path, name);
  if (!source) return std::unexpected(source.error());
  ExportReport report;
  report.format = format;
  report.source_format = *source;
  if (is_brep(*source)) return from_brep(path, *source, format, options, std::move(report));
  return from_mesh(path, *source, format, options, std::move(report));
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

Result<ExportedFile> export_in_process(const std::filesystem::path& read_path, const std::filesystem::path& name,
                                       ExportFormat format, const ExportOptions& options) {
  Result<ExportedFile> out = [&]() -> Result<ExportedFile> {
    try {
      OCC_CATCH_SIGNALS
      return export_detected(read_path, name, format, options);
    } catch (const Standard_Failure& e) {
      return fail(Errc::io, std::string("OpenCASCADE could not export the shape: ") +
                                (e.GetMessageString() ? e.GetMessageString() : "unknown failure"));
    }
  }();
  if (out) return out;
  Error e = with_origin(out.error(), name.string());
  replace_all(e.origin, read_path.string(), name.string());
  replace_all(e.message, read_path.string(), name.string());
  return std::unexpected(e);
}

}  // namespace archipel::core
