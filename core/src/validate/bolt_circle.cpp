// Bolt circles: holes on a circle of an allowed round-part diameter (OpenStructures 4 x Ø80) are
// placed by the circle, not by the square grid; the circle's centre must sit on a node.
#include <algorithm>
#include <cmath>

#include "validate_detail.hpp"

namespace archipel::core::detail {
namespace {

constexpr std::size_t min_bolt_holes = 3;

bool along_z(const Hole& h) { return std::abs(h.axis[2]) >= 0.999; }

std::vector<Point2> candidate_centres(const PartMeasurement& part, double tol) {
  std::vector<Point2> out{footprint_centre(part)};
  for (const auto& h : part.holes) {
    if (!h.boss || !along_z(h)) continue;
    const Point2 c{h.center_mm[0], h.center_mm[1]};
    const bool seen = std::ranges::any_of(out, [&](const Point2& o) {
      return std::hypot(o.x - c.x, o.y - c.y) <= tol;
    });
    if (!seen) out.push_back(c);
  }
  return out;
}

// Clusters of holes at one distance from `centre`, each sorted by hole index.
std::vector<std::vector<int>> rings(const PartMeasurement& part, Point2 centre,
                                    const std::vector<bool>& taken, double tol) {
  std::vector<std::pair<double, int>> by_radius;
  for (std::size_t i = 0; i < part.holes.size(); ++i) {
    const Hole& h = part.holes[i];
    if (h.boss || !along_z(h) || taken[i]) continue;
    const double r = std::hypot(h.center_mm[0] - centre.x, h.center_mm[1] - centre.y);
    if (r > tol) by_radius.emplace_back(r, static_cast<int>(i));
  }
  std::ranges::sort(by_radius);
  std::vector<std::vector<int>> out;
  for (std::size_t i = 0; i < by_radius.size();) {
    std::size_t j = i;
    while (j + 1 < by_radius.size() && by_radius[j + 1].first - by_radius[i].first <= tol) ++j;
    std::vector<int> ring;
    for (std::size_t k = i; k <= j; ++k) ring.push_back(by_radius[k].second);
    std::ranges::sort(ring);
    out.push_back(std::move(ring));
    i = j + 1;
  }
  return out;
}

double mean_diameter(const PartMeasurement& part, Point2 centre, const std::vector<int>& ring) {
  double sum = 0;
  for (int i : ring) {
    const auto& c = part.holes[static_cast<std::size_t>(i)].center_mm;
    sum += 2 * std::hypot(c[0] - centre.x, c[1] - centre.y);
  }
  return sum / static_cast<double>(ring.size());
}

}  // namespace

std::vector<BoltCircle> bolt_circles(const PartMeasurement& part, const GridStandard& grid) {
  std::vector<BoltCircle> out;
  if (grid.round_diameters_mm.empty()) return out;
  const double tol = grid.tolerances.position_mm;
  std::vector<bool> taken(part.holes.size(), false);
  for (const Point2 centre : candidate_centres(part, tol)) {
    for (auto& ring : rings(part, centre, taken, tol)) {
      if (ring.size() < min_bolt_holes) continue;
      const double d = mean_diameter(part, centre, ring);
      const auto nearest = std::ranges::min_element(grid.round_diameters_mm, {}, [&](double a) {
        return std::abs(a - d);
      });
      if (std::abs(*nearest - d) > 2 * tol) continue;
      for (int i : ring) taken[static_cast<std::size_t>(i)] = true;
      out.push_back({centre, d, *nearest, std::move(ring)});
    }
  }
  return out;
}

}  // namespace archipel::core::detail
