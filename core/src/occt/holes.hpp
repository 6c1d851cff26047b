#pragma once
// Private: holes and bosses from the cylindrical faces of a B-rep.
#include <vector>

#include <TopoDS_Shape.hxx>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// Finds full cylinders (split half-faces grouped by axis line, radius and axial overlap) on a
/// shape already placed in its natural frame; concave ones are holes, convex ones bosses.
/// Sorted by the (x, y, z) of their centres.
std::vector<Hole> find_holes(const TopoDS_Shape& framed, const Tolerances& tolerances);

}  // namespace archipel::core::detail
