#pragma once
// Private: the natural-frame rule shared by the B-rep path (occt/natural_frame.cpp) and the mesh
// path (mesh/mesh_frame.cpp), so that both choose the same frame for the same shape.
//
// The rule: among candidate frames (the file's axes; pairs of orthogonal planar-face families;
// for each planar family, each file axis and each principal axis, the minimum-area rectangle of
// the footprint seen along it; the principal axes), take the one whose box is smallest, keeping
// the first in that order among boxes equal within `tie_mm` (so the file's axes win any tie).
// Then order the axes: a sheet's thinnest extent is z; otherwise the axis along the file's z
// stays z (a part drawn standing keeps standing) or else the shortest extent is z; x is the
// longer of the other two. Signs put the centre of mass at or below the middle of the box.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// One planar face (B-rep) or one connected set of coplanar triangles (mesh).
struct PlanarRegion {
  Vec3 normal;   ///< unit normal, either sense
  double area;   ///< mm²
};

/// What the rule needs to know about a shape.
struct FrameInput {
  std::vector<Vec3> points;            ///< points whose convex hull is the shape's (mm, file axes)
  std::vector<PlanarRegion> planes;    ///< planar regions; hole walls and facets of curved faces excluded
  std::array<Vec3, 3> principal{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};  ///< principal axes of inertia
};

/// Tolerances of the rule.
struct FrameRules {
  double tie_mm = 0.02;      ///< boxes whose extents agree within this are equally small
  double round_mm = 0.05;    ///< a footprint whose widths agree within this is round
};

/// The frame's three directions, not yet ordered or signed.
struct FrameBasis {
  std::array<Vec3, 3> axes;        ///< orthonormal, file coordinates
  std::array<double, 3> area{};    ///< planar area facing each axis
  std::string method;              ///< "file-axes", "planar-faces", ...
  /// Set when the footprint seen along this axis (a planar-face direction) is round: the box
  /// cannot fix the direction within that plane, and the caller turns the frame towards the
  /// part's features (a bolt circle) or keeps the file's x (see turn_round_basis).
  std::optional<int> round_axis;
};

/// Chooses the basis with the smallest box (see the file comment).
FrameBasis choose_basis(const FrameInput& input, const FrameRules& rules);

/// The planar area facing each of `axes` (planar families as choose_basis forms them).
std::array<double, 3> facing_areas(const std::array<Vec3, 3>& axes, const std::vector<PlanarRegion>& planes);

/// The basis turned about its round axis so that its first in-plane axis is `direction`
/// (projected on the plane); `method` names why.
FrameBasis turn_round_basis(const FrameBasis& basis, const Vec3& direction, std::string method);

/// The file's x (else y, else z) laid in the plane perpendicular to the unit vector `n`.
Vec3 file_axis_in_plane(const Vec3& n);

/// One axis of a frame being ordered: direction, extent of the shape along it, planar area
/// facing it, and how far the centre of mass sits from the middle of the extent.
struct FrameAxis {
  Vec3 dir{};
  double min = 0, max = 0, area = 0, offset = 0;
  [[nodiscard]] double extent() const { return max - min; }
};

/// How the axes are ordered and signed.
struct OrderRules {
  double tie_mm = 0.02;        ///< extents within this are equal (then less planar area first)
  double sheet_ratio = 0.25;   ///< see Tolerances::sheet_ratio
  double offset_mm = 1e-4;     ///< a centre of mass within this of the middle decides no sign
};

/// Orders and signs the axes (x, y, z) by the rule of the file comment; right-handed.
std::array<FrameAxis, 3> order_axes(std::array<FrameAxis, 3> axes, const OrderRules& rules);

/// A sheet's thickness: its thinnest extent when that is below `sheet_ratio` of the next one
/// (order_axes then made it z); nothing for other parts.
std::optional<double> sheet_thickness(const Vec3& size, const Tolerances& tolerances);

}  // namespace archipel::core::detail
