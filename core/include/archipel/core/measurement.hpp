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

/// A wider part of a hole along its axis: a counterbore or countersink at an open end, a groove
/// (a relief, an undercut) between narrower parts.
struct HoleFeature {
  std::string kind;          ///< "counterbore", "countersink" or "groove"
  double diameter_mm = 0;    ///< its diameter (a countersink's: where it meets the surface)
  double depth_mm = 0;       ///< its length along the hole's axis
  double offset_mm = 0;      ///< from the hole's entry to the feature's nearer end, along the axis
};

/// A cylindrical hole (concave) or boss (convex) found on the part. A hole is one hole along its
/// whole axis: coaxial cylinders that follow each other make one hole whose diameter is the
/// narrowest, the wider ones being its `features`.
struct Hole {
  double diameter_mm = 0;        ///< measured diameter (the narrowest along the hole)
  Vec3 center_mm{};              ///< centre of the hole's entry circle, natural frame
  Vec3 axis{0, 0, 1};            ///< unit axis direction, natural frame
  double depth_mm = 0;           ///< length along the axis
  bool through = false;          ///< true when the hole passes through the material
  bool boss = false;             ///< true for a convex cylinder (a pin or a round part)
  std::vector<HoleFeature> features;  ///< counterbores, countersinks, grooves, from the entry in
};

/// A warning about a file or a part: a stable rule id and one readable line. Rule ids are
/// dotted words ("units.assumed", "mesh.open", "licence.deprecated") or, for a grid finding of
/// severity warning, the grid rule's id ("OS-hole-fastener"); docs/validation.md lists them.
struct Warning {
  std::string rule;     ///< e.g. "units.assumed"
  std::string message;  ///< e.g. "STL has no unit; millimetres assumed"
  bool operator==(const Warning&) const = default;
};

/// A non-round opening through or into the part, along a frame axis: a hexagon (a nut trap), a
/// square, a rectangle, a slot (two parallel sides joined by half circles), or another outline.
struct Opening {
  std::string shape;           ///< "hexagon", "square", "rectangle", "slot" or "other"
  Vec3 center_mm{};            ///< centre of the outline at the entry, natural frame
  Vec3 axis{0, 0, 1};          ///< unit axis, pointing into the material from the entry
  Vec3 direction{1, 0, 0};     ///< unit direction of the length (a slot's centre line)
  double width_mm = 0;         ///< across flats (hexagon), side (square), short side, slot width
  double length_mm = 0;        ///< across corners (hexagon), long side, slot length end to end
  double depth_mm = 0;         ///< length along the axis
  bool through = false;        ///< true when it passes through the material
  int sides = 0;               ///< straight sides of the outline (a slot: 2)
};

/// Everything measured on one geometry file.
struct PartMeasurement {
  GeometryFormat format = GeometryFormat::step;
  GeometryKind kind = GeometryKind::brep;
  std::string source_unit;       ///< the unit the file was read in ("mm", "inch", "m", ...)
  Frame frame;                   ///< the natural frame used
  Vec3 size_mm{};                ///< bounding-box extents in the natural frame, largest first
  double volume_mm3 = 0;         ///< enclosed volume (0 when the mesh is not closed)
  std::optional<double> thickness_mm;   ///< sheet parts (thin along z: size_mm[2]) and parts
                                        ///< made of walls of one thickness (an angle bracket)
  std::optional<double> mass_g;         ///< set when the material's density is known
  std::vector<Hole> holes;       ///< holes and bosses, sorted by (x, y, z) of their centres
  std::vector<Opening> openings; ///< non-round openings, sorted by (x, y, z) of their centres
  std::size_t triangle_count = 0;       ///< meshes only
  std::size_t face_count = 0;           ///< B-reps only
  std::vector<Warning> warnings;        ///< e.g. {"units.assumed", "STL has no unit; ..."}
};

}  // namespace archipel::core
