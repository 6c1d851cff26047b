#pragma once
// Private: the convex hull of a point set (qhull), to measure boxes in many directions cheaply.
#include <span>
#include <vector>

#include "archipel/core/measurement.hpp"

namespace archipel::core::detail {

/// The points of `points` that are vertices of their convex hull (Qhull, reentrant library).
/// Every extreme point in any direction is among them, so a box measured over them is the box
/// of all the points. When qhull cannot build a hull (fewer than 4 points, all coplanar) the
/// points come back unchanged.
std::vector<Vec3> hull_vertices(std::span<const Vec3> points);

}  // namespace archipel::core::detail
