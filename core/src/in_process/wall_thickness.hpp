#pragma once
// Private: the wall thickness of a part made of walls of one thickness (an angle bracket, a bent
// sheet, a U profile), from its planar faces, for both paths.
#include <optional>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// A planar face (or facet) of a part: outward unit normal n, offset d = n · p of its points, area.
struct PlaneRegion {
  Vec3 normal{};
  double offset = 0;
  double area = 0;
};

/// The thickness of a part whose planar faces are, for the most part, two sides of walls of one
/// thickness: each face is paired with the nearest parallel face facing the other way behind it
/// (the wall's other side); when the faces of one such distance make up at least three quarters
/// of the planar area, and that distance is thin beside the part (below `sheet_ratio` of its
/// smallest extent, `size` largest first), it is the thickness. Faces of one plane (facets of a
/// mesh) are merged first; only the 64 largest planes count.
std::optional<double> wall_thickness(const std::vector<PlaneRegion>& faces, const Vec3& size,
                                     const Tolerances& tolerances);

}  // namespace archipel::core::detail
