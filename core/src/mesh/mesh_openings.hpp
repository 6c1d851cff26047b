#pragma once
// Private: non-round openings of a mesh (hexagons, squares, rectangles, slots), from the section
// loops that the hole search finds not circular.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_section.hpp"

namespace archipel::core::detail {

/// Whether material lies at a point of the section plane just beyond `end` along the axis
/// (side -1 or +1); nothing when the caller cannot tell cheaply.
using MaterialBeyond = std::function<std::optional<bool>(const Point2& at, double end, int side)>;

/// The opening `loop` bounds, when it is a closed loop of `section` with material around it
/// whose outline is not the part's own inside (is_part_inside in in_process/outline_shape.hpp): its wall is grown over the facets parallel to the axis and stamped `mark`; its
/// ends are open when no material lies just beyond them inside the outline. `size`: the part's
/// extents along the frame axes.
std::optional<Opening> opening_from_loop(const Mesh& mesh, const EdgeAdjacency& edges,
                                         const Section& section, const Loop& loop, const Vec3& size,
                                         const MaterialBeyond& beyond, double outward,
                                         std::vector<std::uint32_t>& stamp, std::uint32_t mark,
                                         const Tolerances& tolerances);

}  // namespace archipel::core::detail
