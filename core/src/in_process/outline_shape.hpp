#pragma once
// Private: what a closed outline in a plane is (a hexagon, a square, a rectangle, a slot), for
// the openings of both paths: the B-rep path hands the points of a face's inner wire, the mesh
// path those of a section loop.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// The shape of an outline, in the plane's (u, v) coordinates (mm).
struct OutlineShape {
  std::string shape;                 ///< "hexagon", "square", "rectangle", "slot" or "other"
  std::array<double, 2> centre{};    ///< area centroid (a slot: the middle of its centre line)
  std::array<double, 2> direction{1, 0};  ///< unit direction of the length
  double width = 0;                  ///< across flats, side, short side, slot width
  double length = 0;                 ///< across corners, long side, slot length end to end
  int sides = 0;                     ///< straight sides
  double area = 0;                   ///< enclosed area (mm²)
};

/// Classifies a closed outline given as its points in order (the last not repeating the first).
/// Nothing when it has no area. Straight sides are runs of edges that turn by less than
/// `tolerances.outline_rad` and make up at least 1/12 of the perimeter; what remains is arcs.
/// Lengths that agree within `tolerances.outline_mm` or 1 % are equal.
std::optional<OutlineShape> classify_outline(const std::vector<std::array<double, 2>>& points,
                                             const Tolerances& tolerances);

/// Whether an inner outline is the part's own inside rather than an opening in it: a bin's
/// cavity, a baseplate's cells, a frame's window. Hexagons and slots are always openings; any
/// other outline is the part's inside when it is wider than half the part's narrower extent
/// (`size_u`, `size_v`: the part's extents in the outline's plane) and covers more than a quarter
/// of its box.
bool is_part_inside(const OutlineShape& outline, double size_u, double size_v);

}  // namespace archipel::core::detail
