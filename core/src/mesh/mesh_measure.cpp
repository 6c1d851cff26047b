// The Assimp path of measure_file: settle the unit, import and weld, find the natural frame,
// then measure the box, the volume, the thickness and the holes.
#include "mesh/mesh_measure.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "archipel/core/materials.hpp"
#include "frame/frame_choice.hpp"
#include "mesh/mesh_frame.hpp"
#include "in_process/wall_thickness.hpp"
#include "mesh/mesh_hole_walls.hpp"
#include "mesh/mesh_holes.hpp"
#include "mesh/mesh_import.hpp"
#include "mesh/mesh_topology.hpp"
#include "mesh/threemf.hpp"

namespace archipel::core::detail {
namespace {

std::string upper_name(GeometryFormat format) {
  std::string name(format_name(format));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name == "GLTF" ? "glTF" : name;
}

// The file's own unit wins over a declared one; a disagreement is reported.
LengthUnit own_unit(LengthUnit unit, GeometryFormat format, const MeasureOptions& options,
                    std::vector<Warning>& warnings) {
  if (options.unit && *options.unit != unit)
    warnings.push_back({"units.ignored", fmt::format("{} declares its unit ({}); the declared unit {} is ignored",
                                   upper_name(format), unit_name(unit), unit_name(*options.unit))});
  return unit;
}

void measure_volume(const Mesh& mesh, const EdgeAdjacency& edges, PartMeasurement& m) {
  const std::size_t bad = edges.bad_edges;
  if (bad != 0) {
    m.volume_mm3 = 0;
    m.warnings.push_back({"mesh.open", fmt::format(
        "the mesh is not closed or not consistently oriented ({} edges without exactly one "
        "opposite edge); volume not measured",
        bad)});
    return;
  }
  const double v = signed_volume(mesh);
  if (v < 0) m.warnings.push_back({"mesh.inverted", "the mesh's triangles face inwards; volume taken as positive"});
  m.volume_mm3 = std::abs(v);
}

// A round part's frame follows its nearest off-centre hole, when it has one (the holes are then
// measured again in the turned frame).
void turn_to_holes(Mesh& mesh, const EdgeAdjacency& edges, const Tolerances& tol,
                   PartMeasurement& m) {
  move_from_frame(mesh, m.frame);
  const auto turned = frame_towards_hole(mesh, m.frame, m.holes, tol);
  if (turned) m.frame = *turned;
  move_to_frame(mesh, m.frame);
  if (!turned) return;
  m.size_mm = extents(mesh);
  auto features = find_mesh_features(mesh, edges, tol);
  m.holes = std::move(features.holes);
  m.openings = std::move(features.openings);
}

// Every facet as a plane, outward, for the wall thickness of an angle or a bent sheet.
std::vector<PlaneRegion> facet_planes(const Mesh& mesh) {
  const double outward = outward_sense(mesh);
  std::vector<PlaneRegion> out;
  out.reserve(mesh.triangles.size());
  for (const Triangle& t : mesh.triangles) {
    const Vec3 an = area_normal(mesh, t);
    const double len = norm(an);
    if (!(len > 0)) continue;
    const Vec3 n = scale(an, outward / len);
    out.push_back({n, dot(n, mesh.vertices[t[0]]), len / 2});
  }
  return out;
}

// Whether any triangle has an area (stops at the first one).
bool has_area(const Mesh& mesh) {
  return std::ranges::any_of(mesh.triangles, [&](const Triangle& t) {
    const Vec3 n = area_normal(mesh, t);
    return dot(n, n) > 0;
  });
}

}  // namespace

Result<LengthUnit> settle_mesh_unit(const std::filesystem::path& path, GeometryFormat format,
                               const MeasureOptions& options, std::vector<Warning>& warnings) {
  switch (format) {
    case GeometryFormat::threemf: {
      auto unit = read_3mf_unit(path);
      if (!unit) return unit;
      return own_unit(*unit, format, options, warnings);
    }
    case GeometryFormat::gltf:
    case GeometryFormat::glb: return own_unit(LengthUnit::m, format, options, warnings);
    default:
      if (options.unit) return *options.unit;
      warnings.push_back({"units.assumed", upper_name(format) +
                         " has no unit; millimetres assumed (declare it with --unit or the "
                         "manifest's files[].unit)"});
      return LengthUnit::mm;
  }
}

Result<PartMeasurement> measure_mesh(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions& options, Mesh* framed) {
  PartMeasurement m;
  m.format = format;
  m.kind = GeometryKind::mesh;
  const auto unit = settle_mesh_unit(path, format, options, m.warnings);
  if (!unit) return std::unexpected(unit.error());
  m.source_unit = unit_name(*unit);
  if (auto ok = precheck_mesh_file(path, format); !ok) return std::unexpected(ok.error());
  auto mesh = import_mesh_here(path, format, unit_to_mm(*unit), options.tolerances.mesh_weld_mm,
                               {options.part_folder, options.path_in_folder});
  if (options.progress) options.progress("finding the natural frame and the holes", 0);
  if (!mesh) return std::unexpected(mesh.error());
  if (!has_area(*mesh))
    return fail(Errc::io, "the mesh has no area: every triangle is degenerate", path.string());
  m.triangle_count = mesh->source_triangles;
  const VertexTriangles around = vertex_triangles(*mesh);
  const EdgeAdjacency edges = edge_adjacency(*mesh, around);
  m.frame = find_natural_frame(*mesh, edges, options.tolerances);
  move_to_frame(*mesh, m.frame);
  m.size_mm = extents(*mesh);
  measure_volume(*mesh, edges, m);
  m.thickness_mm = sheet_thickness(m.size_mm, options.tolerances);
  if (!m.thickness_mm) m.thickness_mm = wall_thickness(facet_planes(*mesh), m.size_mm, options.tolerances);
  if (options.progress) options.progress("finding the natural frame and the holes", 0.5);
  auto features = find_mesh_features(*mesh, edges, options.tolerances);
  m.holes = std::move(features.holes);
  m.openings = std::move(features.openings);
  if (m.frame.method == "planar-faces+file-axes") turn_to_holes(*mesh, edges, options.tolerances, m);
  if (options.material) {
    if (const auto density = material_density(*options.material))
      m.mass_g = m.volume_mm3 / 1000.0 * *density;
    else
      m.warnings.push_back({"material.unknown", "unknown material \"" + *options.material + "\"; no mass computed"});
  }
  if (options.progress) options.progress("finding the natural frame and the holes", 1);
  if (framed) *framed = std::move(*mesh);
  return m;
}

}  // namespace archipel::core::detail
