// The natural-frame rule (see frame_choice.hpp): candidates, the smallest box, the order of axes.
#include "frame/frame_choice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "frame/hull2d.hpp"
#include "frame/vec3.hpp"

namespace archipel::core::detail {
namespace {

constexpr double family_cos = 0.9999985;      // 0.1°: planar regions this parallel form one family
constexpr double orthogonal_dot = 0.00175;    // 0.1° from perpendicular
constexpr double region_share = 1e-3;         // smaller regions (facets of holes) do not vote
constexpr std::size_t max_families = 8;
constexpr double file_z_dot = 1 - 1e-8;       // within 0.008° of the file's z: "up" as drawn

// Planar regions merged by direction (n and -n together), largest total area first.
struct Family {
  Vec3 sum{};    // area-weighted normal, senses aligned
  double area = 0;
  [[nodiscard]] Vec3 dir() const { return normalized(sum); }
};

std::vector<Family> planar_families(std::vector<PlanarRegion> regions) {
  std::ranges::stable_sort(regions, [](const auto& a, const auto& b) { return a.area > b.area; });
  std::vector<Family> out;
  if (regions.empty() || !(regions.front().area > 0)) return out;
  const double threshold = region_share * regions.front().area;
  for (const PlanarRegion& r : regions) {
    if (r.area < threshold) break;
    auto f = std::ranges::find_if(out, [&](const Family& g) { return std::abs(dot(g.dir(), r.normal)) >= family_cos; });
    if (f == out.end()) f = out.insert(out.end(), Family{});
    const double sense = f->area > 0 && dot(f->sum, r.normal) < 0 ? -1.0 : 1.0;
    f->sum = add(f->sum, scale(r.normal, sense * r.area));
    f->area += r.area;
  }
  std::ranges::stable_sort(out, [](const auto& a, const auto& b) { return a.area > b.area; });
  if (out.size() > max_families) out.resize(max_families);
  return out;
}

struct Candidate {
  std::array<Vec3, 3> axes;
  std::string method;
};

// A right-handed orthonormal basis whose first axis is `a`, second `b` made perpendicular to it.
std::array<Vec3, 3> basis_from(const Vec3& a, const Vec3& b) {
  const Vec3 u = normalized(a);
  const Vec3 v = normalized(in_plane(b, u));
  return {u, v, cross(u, v)};
}

// The footprint seen along the unit vector `d`: the points projected on a plane basis of it.
std::vector<Vec2> footprint_hull(const std::vector<Vec3>& points, const Vec3& d, Vec3& u0, Vec3& w0) {
  u0 = file_axis_in_plane(d);
  w0 = cross(d, u0);
  std::vector<Vec2> flat;
  flat.reserve(points.size());
  for (const Vec3& p : points) flat.push_back({dot(p, u0), dot(p, w0)});
  return convex_hull_2d(std::move(flat));
}

Candidate min_rectangle(const std::vector<Vec3>& points, const Vec3& d, std::string method) {
  Vec3 u0, w0;
  const auto hull = footprint_hull(points, d, u0, w0);
  const EnclosingRectangle r = min_area_rectangle(hull);
  const Vec3 u = add(scale(u0, r.u[0]), scale(w0, r.u[1]));
  return {basis_from(u, cross(d, u)), std::move(method)};
}

std::vector<Candidate> candidates(const FrameInput& in, const std::vector<Family>& families) {
  std::vector<Candidate> out{{{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, "file-axes"}};
  for (std::size_t i = 0; i < families.size(); ++i)
    for (std::size_t j = i + 1; j < families.size(); ++j)
      if (std::abs(dot(families[i].dir(), families[j].dir())) <= orthogonal_dot)
        out.push_back({basis_from(families[i].dir(), families[j].dir()), "planar-faces"});
  if (in.points.size() >= 3) {
    for (const Family& f : families) out.push_back(min_rectangle(in.points, f.dir(), "planar-faces+min-rectangle"));
    for (const Vec3& a : {Vec3{0, 0, 1}, Vec3{1, 0, 0}, Vec3{0, 1, 0}})
      out.push_back(min_rectangle(in.points, a, "file-axes+min-rectangle"));
  }
  out.push_back({basis_from(in.principal[0], in.principal[1]), "principal-axes"});
  if (in.points.size() >= 3)
    for (const Vec3& a : in.principal) out.push_back(min_rectangle(in.points, normalized(a), "principal-axes+min-rectangle"));
  return out;
}

struct Scored {
  std::size_t index;
  std::array<double, 3> sorted;  // extents, largest first
  double volume, surface;
};

Scored score(const std::vector<Vec3>& points, const Candidate& c, std::size_t index) {
  std::array<double, 3> lo, hi;
  lo.fill(std::numeric_limits<double>::max());
  hi.fill(std::numeric_limits<double>::lowest());
  for (const Vec3& p : points)
    for (int i = 0; i < 3; ++i) {
      const double s = dot(p, c.axes[i]);
      lo[i] = std::min(lo[i], s);
      hi[i] = std::max(hi[i], s);
    }
  Scored s{index, {}, 0, 0};
  for (int i = 0; i < 3; ++i) s.sorted[i] = points.empty() ? 0 : hi[i] - lo[i];
  std::ranges::sort(s.sorted, std::greater<>{});
  const auto& e = s.sorted;
  s.volume = e[0] * e[1] * e[2];
  s.surface = e[0] * e[1] + e[1] * e[2] + e[2] * e[0];
  return s;
}

bool lexicographically_smaller(const Scored& a, const Scored& b) {
  return a.volume < b.volume || (a.volume == b.volume && a.surface < b.surface);
}

// `a` beats `b` when their extents do not all agree within `tie` and a's box is smaller.
bool clearly_better(const Scored& a, const Scored& b, double tie) {
  bool same = true;
  for (int i = 0; i < 3; ++i) same = same && std::abs(a.sorted[i] - b.sorted[i]) <= tie;
  return !same && lexicographically_smaller(a, b);
}

double facing_area(const Vec3& axis, const std::vector<Family>& families) {
  double area = 0;
  for (const Family& f : families)
    if (std::abs(dot(f.dir(), axis)) >= family_cos) area += f.area;
  return area;
}

// The axis (of a planar family's direction) about which the footprint is round, if any.
std::optional<int> round_axis(const FrameInput& in, const FrameBasis& basis,
                              const std::vector<Family>& families, double round_mm) {
  std::optional<int> found;
  double found_area = 0;
  for (int i = 0; i < 3; ++i) {
    const double area = facing_area(basis.axes[i], families);
    if (area <= found_area) continue;
    Vec3 u0, w0;
    const auto hull = footprint_hull(in.points, basis.axes[i], u0, w0);
    const HullWidths w = hull_widths(hull);
    if (hull.size() >= 3 && w.max - w.min <= round_mm) {
      found = i;
      found_area = area;
    }
  }
  return found;
}

}  // namespace

Vec3 file_axis_in_plane(const Vec3& n) {
  for (const Vec3& candidate : {Vec3{1, 0, 0}, Vec3{0, 1, 0}}) {
    const Vec3 v = in_plane(candidate, n);
    if (dot(v, v) > 1e-6) return normalized(v);
  }
  return normalized(in_plane({0, 0, 1}, n));
}

FrameBasis choose_basis(const FrameInput& input, const FrameRules& rules) {
  const auto families = planar_families(input.planes);
  const auto all = candidates(input, families);
  std::vector<Scored> scores;
  scores.reserve(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) scores.push_back(score(input.points, all[i], i));
  const Scored best = *std::ranges::min_element(scores, lexicographically_smaller);
  auto chosen = std::ranges::find_if(scores, [&](const Scored& s) { return !clearly_better(best, s, rules.tie_mm); });
  // Never a box larger than the file's own (index 0): a tie within tolerance is no excuse.
  if (lexicographically_smaller(scores.front(), *chosen)) chosen = scores.begin();
  FrameBasis basis;
  basis.axes = all[chosen->index].axes;
  basis.method = all[chosen->index].method;
  for (int i = 0; i < 3; ++i) basis.area[i] = facing_area(basis.axes[i], families);
  if (input.points.size() >= 3) basis.round_axis = round_axis(input, basis, families, rules.round_mm);
  return basis;
}

std::array<double, 3> facing_areas(const std::array<Vec3, 3>& axes, const std::vector<PlanarRegion>& planes) {
  const auto families = planar_families(planes);
  return {facing_area(axes[0], families), facing_area(axes[1], families), facing_area(axes[2], families)};
}

FrameBasis turn_round_basis(const FrameBasis& basis, const Vec3& direction, std::string method) {
  FrameBasis out = basis;
  const int r = basis.round_axis.value_or(2);
  const Vec3 n = basis.axes[r];
  const Vec3 u = normalized(in_plane(direction, n));
  out.axes[r] = n;
  out.axes[(r + 1) % 3] = u;
  out.axes[(r + 2) % 3] = cross(n, u);
  out.area[(r + 1) % 3] = out.area[(r + 2) % 3] = 0;
  out.method = std::move(method);
  return out;
}

namespace {

void flip(FrameAxis& a) { a = {scale(a.dir, -1), -a.max, -a.min, a.area, -a.offset}; }

bool undecided(const FrameAxis& a, double tol) { return std::abs(a.offset) <= tol; }

// Largest component positive (the first of equal ones): the file's own sense, for axes the
// part's mass leaves open.
bool file_positive(const Vec3& d) {
  const double largest = std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])});
  for (int i = 0; i < 3; ++i)
    if (std::abs(d[i]) >= largest - 1e-9) return d[i] > 0;
  return true;
}

// n and -n as one direction: its largest component positive.
Vec3 canonical(const Vec3& d) { return file_positive(d) ? d : scale(d, -1); }

// Longest first. Extents within the tie: less planar area first (a plate's faces face z), then
// (a square's sides) the direction nearer the file's x, then y, then z, whatever the order in
// which the shape listed its faces.
bool longer(const FrameAxis& a, const FrameAxis& b, double tie) {
  if (std::abs(a.extent() - b.extent()) > tie) return a.extent() > b.extent();
  constexpr double area_tie = 0.01;  // tessellation changes face areas a little
  if (std::abs(a.area - b.area) > area_tie * std::max(a.area, b.area)) return a.area < b.area;
  const Vec3 ca = canonical(a.dir), cb = canonical(b.dir);
  for (int i = 0; i < 3; ++i)
    if (std::abs(ca[i] - cb[i]) > 1e-6) return ca[i] > cb[i];
  return false;
}

}  // namespace

std::array<FrameAxis, 3> order_axes(std::array<FrameAxis, 3> axes, const OrderRules& rules) {
  const auto by_length = [&](const FrameAxis& a, const FrameAxis& b) { return longer(a, b, rules.tie_mm); };
  // Three elements: insertion sort keeps the order stable under the tolerant comparison.
  for (int i = 1; i < 3; ++i)
    for (int j = i; j > 0 && by_length(axes[j], axes[j - 1]); --j) std::swap(axes[j], axes[j - 1]);
  const bool sheet = axes[2].extent() < rules.sheet_ratio * axes[1].extent();
  if (!sheet)
    for (int k = 0; k < 2; ++k)
      if (std::abs(axes[k].dir[2]) >= file_z_dot) {  // drawn standing: its height stays z
        std::rotate(axes.begin() + k, axes.begin() + k + 1, axes.end());
        break;
      }
  // Signs: the centre of mass at or below the middle; where the part is symmetric, the file's
  // positive sense. Right-handed: flip an undecided axis (y, x, then z), else the least decided.
  for (auto& a : axes)
    if (a.offset > rules.offset_mm || (undecided(a, rules.offset_mm) && !file_positive(a.dir))) flip(a);
  if (dot(cross(axes[0].dir, axes[1].dir), axes[2].dir) > 0) return axes;
  for (int i : {1, 0, 2})
    if (undecided(axes[i], rules.offset_mm)) {
      flip(axes[i]);
      return axes;
    }
  flip(*std::ranges::min_element(axes, {}, [](const FrameAxis& a) { return std::abs(a.offset); }));
  return axes;
}

std::optional<double> sheet_thickness(const Vec3& size, const Tolerances& tolerances) {
  Vec3 sorted = size;
  std::ranges::sort(sorted, std::greater<>{});
  if (sorted[2] < tolerances.sheet_ratio * sorted[1]) return sorted[2];
  return std::nullopt;
}

}  // namespace archipel::core::detail
