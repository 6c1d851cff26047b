#pragma once
// Private: plane sections of a mesh perpendicular to one of its frame axes.
#include <cstdint>
#include <memory>
#include <vector>

#include "mesh/circle_fit.hpp"
#include "mesh/mesh_topology.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Where a section plane crosses a mesh edge: the point in the plane's (u, v) coordinates
/// (the two other frame axes, in cyclic order) and the edge's end vertices (a < b).
struct SectionPoint {
  Point2 at;
  std::uint32_t a = 0, b = 0;
};

/// One chain of section points; closed when it returns to its start.
struct Loop {
  std::vector<SectionPoint> points;
  std::vector<std::uint32_t> triangles;  ///< the crossed triangles
  bool closed = false;
  Point2 lo{}, hi{};                     ///< bounding box of the points
};

struct LoopGrid;

/// The loops of the plane `axis` = `height` (choose heights between vertex levels).
struct Section {
  int axis = 2;
  double height = 0;
  std::vector<Loop> loops;
  /// A grid over the loops' boxes, built by the first containing_loops query.
  mutable std::shared_ptr<const LoopGrid> grid;
};

/// The sorted, distinct vertex coordinates along `axis` (values closer than `merge` are one).
std::vector<double> vertex_levels(const Mesh& mesh, int axis, double merge);

/// For each of the sorted `heights`, the triangles the plane crosses (one pass over the mesh).
std::vector<std::vector<std::uint32_t>> crossing_triangles(const Mesh& mesh, int axis,
                                                           const std::vector<double>& heights);

/// Builds sections by walking from crossed triangle to crossed triangle across the crossed
/// edges (the edge adjacency gives the neighbour in O(1)).
class Sectioner {
 public:
  Sectioner(const Mesh& mesh, const EdgeAdjacency& edges)
      : mesh_(mesh), edges_(edges), seen_(mesh.triangles.size(), 0) {}

  /// Chains the crossed triangles of the plane `axis` = `height` into loops.
  Section build(int axis, double height, const std::vector<std::uint32_t>& crossing);

  /// Builds the section at `height` from scratch (one pass to find the crossed triangles).
  Section at(int axis, double height);

 private:
  const Mesh& mesh_;
  const EdgeAdjacency& edges_;
  std::vector<std::uint32_t> seen_;  // == pass_ once a triangle joined a loop of this pass
  std::uint32_t pass_ = 0;
};

/// How many closed loops of `section` contain the point (even-odd rule), leaving out `skip`.
/// Only the loops whose box covers the point's grid cell are tested: no query scans every loop.
int containing_loops(const Section& section, const Point2& p, const Loop* skip = nullptr);

}  // namespace archipel::core::detail
