#pragma once
/// \file
/// What the geometry reader measures on a part, in millimetres, in the part's natural frame.
/// Produced by the geometry adapters (core/src/occt, core/src/mesh), consumed by the grid
/// validator, the registry (stored at publication) and the compatibility checks.

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace archipel::core {

/// A point or direction in millimetres (directions are unit vectors).
using Vec3 = std::array<double, 3>;

/// Which kind of file the geometry came from.
enum class GeometryFormat { step, iges, brep, stl, obj, ply, threemf, gltf, glb };

/// Whether the measurement came from an exact B-rep or from a triangle mesh.
enum class GeometryKind { brep, mesh };

/// The part's natural frame: where it was found in the file's coordinates.
/// Coordinates in a `PartMeasurement` are expressed in this frame: the frame's origin is the
/// minimum corner of the part's bounding box, x is the longest extent, z the shortest.
struct Frame {
  Vec3 origin{};                 ///< file coordinates (mm) of the frame's origin
  Vec3 x_axis{1, 0, 0};          ///< file-coordinate direction of the frame's x axis
  Vec3 y_axis{0, 1, 0};          ///< file-coordinate direction of the frame's y axis
  Vec3 z_axis{0, 0, 1};          ///< file-coordinate direction of the frame's z axis
  std::string method;            ///< how it was found, e.g. "planar-faces", "principal-axes"
};

/// A cylindrical hole (concave) or boss (convex) found on the part.
struct Hole {
  double diameter_mm = 0;        ///< measured diameter
  Vec3 center_mm{};              ///< centre of the hole's entry circle, natural frame
  Vec3 axis{0, 0, 1};            ///< unit axis direction, natural frame
  double depth_mm = 0;           ///< length along the axis
  bool through = false;          ///< true when the hole passes through the material
  bool boss = false;             ///< true for a convex cylinder (a pin or a round part)
};

/// Everything measured on one geometry file.
struct PartMeasurement {
  GeometryFormat format = GeometryFormat::step;
  GeometryKind kind = GeometryKind::brep;
  std::string source_unit;       ///< the unit the file was read in ("mm", "inch", "m", ...)
  Frame frame;                   ///< the natural frame used
  Vec3 size_mm{};                ///< bounding-box extents in the natural frame, largest first
  double volume_mm3 = 0;         ///< enclosed volume (0 when the mesh is not closed)
  std::optional<double> thickness_mm;   ///< set for sheet parts (thin along z)
  std::optional<double> mass_g;         ///< set when the material's density is known
  std::vector<Hole> holes;       ///< holes and bosses, sorted by (x, y, z) of their centres
  std::size_t triangle_count = 0;       ///< meshes only
  std::size_t face_count = 0;           ///< B-reps only
  std::vector<std::string> warnings;    ///< e.g. "STL has no unit; millimetres assumed"
};

}  // namespace archipel::core
