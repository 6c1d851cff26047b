#pragma once
// Private: convex hulls in a plane and the rectangles around them (for the natural frame).
#include <array>
#include <span>
#include <vector>

namespace archipel::core::detail {

/// A point or a direction in a plane.
using Vec2 = std::array<double, 2>;

/// The convex hull of `points`, counter-clockwise, without collinear or repeated points
/// (Andrew's monotone chain, O(n log n)). Fewer than 3 points come back as they are (deduplicated).
std::vector<Vec2> convex_hull_2d(std::vector<Vec2> points);

/// A rectangle enclosing a hull: `u` is the unit direction of one side; `along_u` and `across`
/// the extents along `u` and along its left normal.
struct EnclosingRectangle {
  Vec2 u{1, 0};
  double along_u = 0, across = 0;
  [[nodiscard]] double area() const { return along_u * across; }
};

/// The enclosing rectangle of least area (one of its sides lies on a hull edge; rotating
/// calipers, O(h)). `hull` as convex_hull_2d returns it.
EnclosingRectangle min_area_rectangle(std::span<const Vec2> hull);

/// The smallest width of the hull (over its edge normals) and its largest (its diameter), by
/// rotating calipers, O(h). A footprint is round when the two agree.
struct HullWidths {
  double min = 0, max = 0;
};
HullWidths hull_widths(std::span<const Vec2> hull);

}  // namespace archipel::core::detail
