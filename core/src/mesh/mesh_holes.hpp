#pragma once
// Private: holes and bosses of a mesh, from plane sections and circle fits.
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"
#include "mesh/mesh_topology.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// What find_mesh_features finds.
struct MeshFeatures {
  std::vector<Hole> holes;        ///< sorted by centre
  std::vector<Opening> openings;  ///< non-round openings along the frame axes, sorted by centre
};

/// The holes of find_mesh_holes and the non-round openings seen in the same sections.
MeshFeatures find_mesh_features(const Mesh& mesh, const EdgeAdjacency& edges,
                                const Tolerances& tolerances);

/// Finds the cylindrical holes and bosses whose axes are parallel to a frame axis, on a mesh
/// already in its natural frame, by sectioning it across z, then x, then y. Sorted by centre.
std::vector<Hole> find_mesh_holes(const Mesh& mesh, const EdgeAdjacency& edges,
                                  const Tolerances& tolerances);

}  // namespace archipel::core::detail
