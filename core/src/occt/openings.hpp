#pragma once
// Private: non-round openings of a B-rep (hexagons, squares, rectangles, slots).
#include <vector>

#include <TopoDS_Shape.hxx>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// The openings of a shape already placed in its natural frame. A mouth is an inner wire, not a
/// single circle, of a planar face square to a frame axis, that is not the part's own inside
/// (is_part_inside; `size`: the extents along the frame axes); its outline is classified (in_process/outline_shape), its
/// depth is the extent of the faces around it along the axis, and it is through when a mouth of
/// the same outline closes those faces' far end. Sorted by centre.
std::vector<Opening> find_openings(const TopoDS_Shape& framed, const Vec3& size,
                                   const Tolerances& tolerances);

}  // namespace archipel::core::detail
