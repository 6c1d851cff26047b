// Natural frame of a mesh: cluster facet normals by direction (n and -n together), weighted by
// area; the dominant orthogonal clusters are the part's principal faces.
#include "mesh/mesh_frame.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace archipel::core::detail {
namespace {

constexpr double bin_size = 0.02;         // about 1.1 degree
constexpr double merge_cos = 0.9986;      // 3 degrees: one planar direction
constexpr double orthogonal_dot = 0.0175; // 1 degree from perpendicular
constexpr double dominant_share = 0.05;   // of the total area, for the first face direction
constexpr double second_share = 0.01;     // for the second
constexpr std::size_t max_clusters = 64;

struct Cluster {
  Vec3 sum{};       // area-weighted normal, signs aligned
  double area = 0;
  Vec3 dir() const { return normalized(sum); }
  static Vec3 normalized(const Vec3& v) { return scale(v, 1.0 / std::sqrt(dot(v, v))); }
};

// n and -n describe one face direction: flip so the largest component is positive.
Vec3 fold(const Vec3& n) {
  int k = 0;
  for (int i = 1; i < 3; ++i)
    if (std::abs(n[i]) > std::abs(n[k])) k = i;
  return n[k] < 0 ? scale(n, -1) : n;
}

std::vector<Cluster> normal_bins(const Mesh& mesh, double& total_area) {
  struct KeyHash {
    std::size_t operator()(const std::array<int, 3>& k) const {
      return (static_cast<std::size_t>(k[0]) * 73856093u) ^ (static_cast<std::size_t>(k[1]) * 19349663u) ^
             (static_cast<std::size_t>(k[2]) * 83492791u);
    }
  };
  std::unordered_map<std::array<int, 3>, Cluster, KeyHash> bins;
  total_area = 0;
  for (const Triangle& t : mesh.triangles) {
    const Vec3 an = area_normal(mesh, t);
    const double len = std::sqrt(dot(an, an));
    if (len <= 0) continue;
    const Vec3 n = fold(scale(an, 1.0 / len));
    const std::array<int, 3> key{static_cast<int>(std::lround(n[0] / bin_size)),
                                 static_cast<int>(std::lround(n[1] / bin_size)),
                                 static_cast<int>(std::lround(n[2] / bin_size))};
    Cluster& c = bins[key];
    const double s = (c.area > 0 && dot(c.sum, n) < 0) ? -0.5 * len : 0.5 * len;
    c.sum = {c.sum[0] + n[0] * s, c.sum[1] + n[1] * s, c.sum[2] + n[2] * s};
    c.area += 0.5 * len;
    total_area += 0.5 * len;
  }
  std::vector<Cluster> out;
  out.reserve(bins.size());
  for (auto& [key, c] : bins) out.push_back(c);
  std::ranges::sort(out, [](const Cluster& a, const Cluster& b) { return a.area > b.area; });
  return out;
}

// Greedy merge of the bins, largest first, into direction clusters.
std::vector<Cluster> cluster_normals(const Mesh& mesh, double& total_area) {
  std::vector<Cluster> clusters;
  for (const Cluster& bin : normal_bins(mesh, total_area)) {
    const Vec3 d = bin.dir();
    auto it = std::ranges::find_if(clusters, [&](const Cluster& c) { return std::abs(dot(c.dir(), d)) >= merge_cos; });
    if (it == clusters.end()) {
      if (clusters.size() < max_clusters) clusters.push_back(bin);
      continue;
    }
    const double s = dot(it->sum, bin.sum) < 0 ? -1 : 1;
    it->sum = {it->sum[0] + s * bin.sum[0], it->sum[1] + s * bin.sum[1], it->sum[2] + s * bin.sum[2]};
    it->area += bin.area;
  }
  std::ranges::sort(clusters, [](const Cluster& a, const Cluster& b) { return a.area > b.area; });
  return clusters;
}

// Area-weighted second moments of the surface about its centroid (triangle centroids).
std::array<std::array<double, 3>, 3> surface_covariance(const Mesh& mesh) {
  Vec3 mean{};
  double total = 0;
  for (const Triangle& t : mesh.triangles) {
    const Vec3 an = area_normal(mesh, t);
    const double a = std::sqrt(dot(an, an));
    for (int i = 0; i < 3; ++i)
      mean[i] += a * (mesh.vertices[t[0]][i] + mesh.vertices[t[1]][i] + mesh.vertices[t[2]][i]) / 3;
    total += a;
  }
  if (total > 0) mean = scale(mean, 1.0 / total);
  std::array<std::array<double, 3>, 3> c{};
  for (const Triangle& t : mesh.triangles) {
    const Vec3 an = area_normal(mesh, t);
    const double a = std::sqrt(dot(an, an));
    for (int k = 0; k < 3; ++k) {
      const Vec3 d = sub(mesh.vertices[t[k]], mean);
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) c[i][j] += a * d[i] * d[j];
    }
  }
  return c;
}

// Eigenvectors of a symmetric 3x3 matrix (cyclic Jacobi), as the rows of the result.
std::array<Vec3, 3> eigenvectors(std::array<std::array<double, 3>, 3> a) {
  std::array<Vec3, 3> v{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};  // columns stored as rows of v^T
  for (int sweep = 0; sweep < 50; ++sweep) {
    const double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
    if (off < 1e-30 * (a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2] + 1e-300)) break;
    for (int p = 0; p < 2; ++p)
      for (int q = p + 1; q < 3; ++q) {
        if (std::abs(a[p][q]) < 1e-300) continue;
        const double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const double t = (theta >= 0 ? 1 : -1) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < 3; ++k) {  // A <- J^T A J
          const double akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < 3; ++k) {
          const double apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < 3; ++k) {
          const double vp = v[p][k], vq = v[q][k];
          v[p][k] = c * vp - s * vq;
          v[q][k] = s * vp + c * vq;
        }
      }
  }
  return v;
}

// Any unit vector perpendicular to `n`.
Vec3 perpendicular(const Vec3& n) {
  const Vec3 helper = std::abs(n[0]) < 0.9 ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
  return Cluster::normalized(cross(n, helper));
}

// The in-plane principal axis of the surface (largest spread), in the plane perpendicular to
// `n`; nothing when the spread is round (a disc), where the axis would be noise.
std::optional<Vec3> principal_in_plane(const Mesh& mesh, const Vec3& n) {
  constexpr double round_ratio = 1e-3;  // tessellated circles are round to about this
  const auto c = surface_covariance(mesh);
  const Vec3 u = perpendicular(n), w = cross(n, u);
  auto quad = [&](const Vec3& a, const Vec3& b) {
    double s = 0;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) s += a[i] * c[i][j] * b[j];
    return s;
  };
  const double uu = quad(u, u), ww = quad(w, w), uw = quad(u, w);
  if (std::hypot(uu - ww, 2 * uw) <= round_ratio * (uu + ww)) return std::nullopt;
  const double angle = 0.5 * std::atan2(2 * uw, uu - ww);
  return Cluster::normalized({std::cos(angle) * u[0] + std::sin(angle) * w[0],
                              std::cos(angle) * u[1] + std::sin(angle) * w[1],
                              std::cos(angle) * u[2] + std::sin(angle) * w[2]});
}

Vec3 in_plane(const Vec3& v, const Vec3& n) { return sub(v, scale(n, dot(v, n))); }

// The file's x (else y, else z) laid in the plane perpendicular to `n`.
Vec3 file_axis_direction(const Vec3& n) {
  for (const Vec3& candidate : {Vec3{1, 0, 0}, Vec3{0, 1, 0}}) {
    const Vec3 v = in_plane(candidate, n);
    if (dot(v, v) > 1e-6) return Cluster::normalized(v);
  }
  return Cluster::normalized(in_plane({0, 0, 1}, n));
}

// The area-weighted mean normals of the facets within a quarter degree of each of `dirs`: the
// bins and the clusters are coarse, and near-planar facets (fillets, chamfers) would tilt them.
std::array<Vec3, 2> refine(const Mesh& mesh, const std::array<Vec3, 2>& dirs) {
  constexpr double tight_cos = 0.99999;  // 0.26 degree
  std::array<Vec3, 2> sums{};
  for (const Triangle& t : mesh.triangles) {
    const Vec3 an = area_normal(mesh, t);
    const double len = std::sqrt(dot(an, an));
    for (int i = 0; i < 2; ++i) {
      const double c = dot(an, dirs[i]);
      if (len <= 0 || std::abs(c) < tight_cos * len) continue;
      const double s = c < 0 ? -1 : 1;
      sums[i] = {sums[i][0] + s * an[0], sums[i][1] + s * an[1], sums[i][2] + s * an[2]};
    }
  }
  for (int i = 0; i < 2; ++i) sums[i] = dot(sums[i], sums[i]) > 0 ? Cluster::normalized(sums[i]) : dirs[i];
  return sums;
}

struct Axes {
  std::array<Vec3, 3> dirs;
  std::array<double, 3> area{};  // planar area facing each direction
  std::string method;
};

Axes planar_axes(const Mesh& mesh, const std::vector<Cluster>& clusters, double total) {
  const Vec3 first = clusters[0].dir();
  for (std::size_t i = 1; i < clusters.size(); ++i) {
    if (clusters[i].area < second_share * total) break;
    if (std::abs(dot(clusters[i].dir(), first)) > orthogonal_dot) continue;
    const auto [a1, a2] = refine(mesh, {first, clusters[i].dir()});
    const Vec3 a3 = Cluster::normalized(cross(a1, a2));
    return {{a1, cross(a3, a1), a3}, {}, "planar-faces"};
  }
  const Vec3 a1 = refine(mesh, {first, first})[0];
  if (const auto a2 = principal_in_plane(mesh, a1))
    return {{a1, *a2, cross(a1, *a2)}, {}, "planar-faces+principal-axes"};
  const Vec3 a2 = file_axis_direction(a1);
  return {{a1, a2, cross(a1, a2)}, {}, "planar-faces+file-axes"};
}

Axes find_axes(const Mesh& mesh) {
  double total = 0;
  const auto clusters = cluster_normals(mesh, total);
  Axes axes;
  if (!clusters.empty() && clusters[0].area >= dominant_share * total) {
    axes = planar_axes(mesh, clusters, total);
    for (int i = 0; i < 3; ++i)
      for (const Cluster& c : clusters)
        if (std::abs(dot(c.dir(), axes.dirs[i])) >= merge_cos) axes.area[i] += c.area;
    return axes;
  }
  const auto v = eigenvectors(surface_covariance(mesh));
  return {{Cluster::normalized(v[0]), Cluster::normalized(v[1]),
           Cluster::normalized(cross(v[0], v[1]))},
          {},
          "principal-axes"};
}

// The centre of the enclosed volume (of the surface when the mesh encloses none).
Vec3 centre_of_mass(const Mesh& mesh) {
  Vec3 volume_sum{}, area_sum{};
  double six_v = 0, area = 0;
  const Vec3 ref = mesh.vertices.front();  // near the part: no cancellation far from the origin
  for (const Triangle& t : mesh.triangles) {
    const Vec3 a = sub(mesh.vertices[t[0]], ref), b = sub(mesh.vertices[t[1]], ref),
               c = sub(mesh.vertices[t[2]], ref);
    const double v = dot(a, cross(b, c));
    const Vec3 n = cross(sub(b, a), sub(c, a));
    const double s = std::sqrt(dot(n, n));
    for (int i = 0; i < 3; ++i) {
      volume_sum[i] += v * (a[i] + b[i] + c[i]) / 4;
      area_sum[i] += s * (a[i] + b[i] + c[i]) / 3;
    }
    six_v += v;
    area += s;
  }
  const bool solid = std::abs(six_v) > 1e-9 * area * std::sqrt(area);
  const Vec3 local = solid ? scale(volume_sum, 1 / six_v) : scale(area_sum, area > 0 ? 1 / area : 0);
  return {local[0] + ref[0], local[1] + ref[1], local[2] + ref[2]};
}

// One candidate axis of the frame: direction, box along it, planar area facing it, and how far
// the centre of mass sits from the middle of the box along it.
struct Axis {
  Vec3 dir;
  double min, max, area, offset;
  void flip() { *this = {scale(dir, -1), -max, -min, area, -offset}; }
  bool undecided(double tol) const { return std::abs(offset) <= tol; }
};

bool file_positive(const Vec3& d) {
  int k = 0;
  for (int i = 1; i < 3; ++i)
    if (std::abs(d[i]) > std::abs(d[k])) k = i;
  return d[k] > 0;
}

// The same conventions as the B-rep path (occt/natural_frame.cpp), so both paths agree: the
// centre of mass at or below the middle of the box; where the part is symmetric, the file's
// positive sense; right-handed by flipping an undecided axis (y, x, then z) or else the axis
// the mass decides least.
void orient_axes(std::array<Axis, 3>& axes, double tol) {
  for (auto& a : axes)
    if (a.offset > tol || (a.undecided(tol) && !file_positive(a.dir))) a.flip();
  if (dot(cross(axes[0].dir, axes[1].dir), axes[2].dir) > 0) return;
  for (int i : {1, 0, 2})
    if (axes[i].undecided(tol)) return axes[i].flip();
  std::ranges::min_element(axes, {}, [](const Axis& a) { return std::abs(a.offset); })->flip();
}

std::pair<double, double> range_along(const Mesh& mesh, const Vec3& d) {
  double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
  for (const Vec3& p : mesh.vertices) {
    const double s = dot(p, d);
    lo = std::min(lo, s);
    hi = std::max(hi, s);
  }
  return {lo, hi};
}

}  // namespace

Frame find_natural_frame(const Mesh& mesh, const Tolerances& tolerances) {
  // A tessellated symmetric part is symmetric only to within its chords: its centre of mass is
  // "in the middle" within this (the B-rep path uses linear_mm).
  constexpr double mesh_offset_tol = 0.01;
  const Axes found = find_axes(mesh);
  const Vec3 centre = centre_of_mass(mesh);
  std::array<Axis, 3> axes;
  for (int i = 0; i < 3; ++i) {
    const auto [lo, hi] = range_along(mesh, found.dirs[i]);
    axes[i] = {found.dirs[i], lo, hi, found.area[i], dot(centre, found.dirs[i]) - (lo + hi) / 2};
  }
  const double tie = 10 * tolerances.linear_mm;  // float coordinates
  std::ranges::stable_sort(axes, [&](const Axis& a, const Axis& b) {
    const double ea = a.max - a.min, eb = b.max - b.min;
    if (!near(ea, eb, tie)) return ea > eb;
    return a.area < b.area - tie;
  });
  orient_axes(axes, mesh_offset_tol);
  Frame frame;
  frame.x_axis = axes[0].dir;
  frame.y_axis = axes[1].dir;
  frame.z_axis = axes[2].dir;
  frame.method = found.method;
  for (int i = 0; i < 3; ++i)
    frame.origin[i] = axes[0].min * frame.x_axis[i] + axes[1].min * frame.y_axis[i] +
                      axes[2].min * frame.z_axis[i];
  return frame;
}

void move_to_frame(Mesh& mesh, const Frame& frame) {
  for (Vec3& p : mesh.vertices) {
    const Vec3 d = sub(p, frame.origin);
    p = {dot(d, frame.x_axis), dot(d, frame.y_axis), dot(d, frame.z_axis)};
  }
}

Vec3 extents(const Mesh& mesh) {
  Vec3 lo{}, hi{};
  lo.fill(std::numeric_limits<double>::max());
  hi.fill(std::numeric_limits<double>::lowest());
  for (const Vec3& p : mesh.vertices)
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::min(lo[i], p[i]);
      hi[i] = std::max(hi[i], p[i]);
    }
  return {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
}

}  // namespace archipel::core::detail
