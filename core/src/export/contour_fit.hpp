#pragma once
// Private: a tessellated closed contour (a mesh's section) turned back into lines, arcs and
// circles.
#include <vector>

#include "export/profile.hpp"

namespace archipel::core::detail {

/// Fits a closed polygon (vertices in order, the last joined to the first, each lying on the true
/// outline as a mesh's vertices do): a whole circle when every vertex lies on one circle within
/// circle_tolerance (mesh/circle_fit.hpp) in steps of at most 45 degrees, as the mesh hole finder
/// accepts them; else a chain in which every run of at least three chords of about one length
/// (the longest at most twice the shortest) turning the same way by at most 45 degrees each whose
/// vertices lie on one circle becomes an arc, and the rest straight lines (collinear vertices
/// merged). The walk starts at a sharp corner or after the longest edge, so no arc is cut in two.
ProfileContour fit_contour(std::vector<P2> polygon);

}  // namespace archipel::core::detail
