// Wall thickness from opposite planar faces (see wall_thickness.hpp). Hand-written: a pairing of
// at most 64 planes; no library measures "the" wall thickness of a part.
#include "in_process/wall_thickness.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "frame/vec3.hpp"

namespace archipel::core::detail {
namespace {

constexpr std::size_t max_planes = 64;
constexpr double opposite_cos = -0.99999;  // normals this close to opposite are parallel walls
constexpr double dominant_share = 0.75;    // of the planar area, at one thickness
constexpr double normal_step = 1e-4;       // normals and offsets are merged on these steps
constexpr double offset_step_mm = 1e-3;

std::vector<PlaneRegion> merged(const std::vector<PlaneRegion>& faces) {
  std::map<std::tuple<long, long, long, long>, PlaneRegion> planes;
  for (const PlaneRegion& f : faces) {
    if (!(f.area > 0)) continue;
    const auto q = [](double v, double step) { return std::lround(v / step); };
    const auto key = std::make_tuple(q(f.normal[0], normal_step), q(f.normal[1], normal_step),
                                     q(f.normal[2], normal_step), q(f.offset, offset_step_mm));
    auto [it, fresh] = planes.try_emplace(key, f);
    if (!fresh) it->second.area += f.area;
  }
  std::vector<PlaneRegion> out;
  out.reserve(planes.size());
  for (auto& [key, plane] : planes) out.push_back(plane);
  std::ranges::sort(out, std::greater<>{}, &PlaneRegion::area);
  if (out.size() > max_planes) out.resize(max_planes);
  return out;
}

}  // namespace

std::optional<double> wall_thickness(const std::vector<PlaneRegion>& faces, const Vec3& size,
                                     const Tolerances& tolerances) {
  const std::vector<PlaneRegion> planes = merged(faces);
  double total = 0;
  for (const PlaneRegion& p : planes) total += p.area;
  if (planes.size() < 2 || !(total > 0)) return std::nullopt;
  std::vector<std::pair<double, double>> widths;  // (distance to the wall's other side, area)
  for (const PlaneRegion& a : planes) {
    double best = -1;
    for (const PlaneRegion& b : planes) {
      if (dot(a.normal, b.normal) > opposite_cos) continue;
      const double t = a.offset + b.offset;  // b lies at n · p = a.offset - t
      if (t > tolerances.linear_mm && (best < 0 || t < best)) best = t;
    }
    if (best > 0) widths.emplace_back(best, a.area);
  }
  std::ranges::sort(widths);
  double best_t = 0, best_area = 0;
  for (std::size_t i = 0; i < widths.size();) {
    double area = 0;
    std::size_t j = i;
    for (; j < widths.size() && widths[j].first - widths[i].first <= tolerances.hole_group_mm; ++j)
      area += widths[j].second;
    if (area > best_area) best_t = widths[i].first, best_area = area;
    i = j;
  }
  const double smallest = std::min({size[0], size[1], size[2]});
  if (best_area < dominant_share * total || best_t >= tolerances.sheet_ratio * smallest) return std::nullopt;
  return best_t;
}

}  // namespace archipel::core::detail
