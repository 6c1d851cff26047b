// Mass properties by the divergence theorem: every triangle and the reference point span a
// tetrahedron whose signed volume, first and second moments add up to the solid's.
#include "mesh/mesh_inertia.hpp"

#include <cmath>

namespace archipel::core::detail {
namespace {

using Mat3 = std::array<std::array<double, 3>, 3>;

struct Moments {
  double six_v = 0, area = 0;   // 6 × signed volume, 2 × area
  Vec3 first_v{}, first_a{};    // first moments (volume ×24, surface ×6), about the reference
  Mat3 second_v{}, second_a{};  // second moments (volume ×120, surface ×12)
};

void add_outer(Mat3& m, const Vec3& a, double w) {
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m[i][j] += w * a[i] * a[j];
}

// About the first vertex: no cancellation for a part modelled far from the origin.
Moments moments(const Mesh& mesh) {
  Moments m;
  const Vec3 ref = mesh.vertices.front();
  for (const Triangle& t : mesh.triangles) {
    const Vec3 a = sub(mesh.vertices[t[0]], ref), b = sub(mesh.vertices[t[1]], ref),
               c = sub(mesh.vertices[t[2]], ref);
    const double d = dot(a, cross(b, c));
    const double s = norm(cross(sub(b, a), sub(c, a)));
    const Vec3 sum = add(add(a, b), c);
    m.six_v += d;
    m.area += s;
    m.first_v = add(m.first_v, scale(sum, d));
    m.first_a = add(m.first_a, scale(sum, s));
    // ∫ x xᵀ over the tetrahedron (0, a, b, c) is d/120 (a aᵀ + b bᵀ + c cᵀ + s sᵀ); over the
    // triangle, 2A/24 (a aᵀ + b bᵀ + c cᵀ + s sᵀ).
    for (const Vec3& v : {a, b, c, sum}) {
      add_outer(m.second_v, v, d);
      add_outer(m.second_a, v, s);
    }
  }
  return m;
}

bool is_solid(const Moments& m) { return std::abs(m.six_v) > 1e-9 * m.area * std::sqrt(m.area); }

// Eigenvectors of a symmetric 3x3 matrix (cyclic Jacobi), as the rows of the result.
std::array<Vec3, 3> eigenvectors(Mat3 a) {
  std::array<Vec3, 3> v{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
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

}  // namespace

Vec3 centre_of_mass(const Mesh& mesh) {
  const Moments m = moments(mesh);
  const Vec3 local = is_solid(m) ? scale(m.first_v, 1 / (4 * m.six_v))
                                 : scale(m.first_a, m.area > 0 ? 1 / (3 * m.area) : 0);
  return add(local, mesh.vertices.front());
}

std::array<Vec3, 3> principal_axes(const Mesh& mesh) {
  const Moments m = moments(mesh);
  const bool solid = is_solid(m);
  // Second moments about the reference, then about the centre: C - w · c cᵀ.
  const double w = solid ? m.six_v / 6 : m.area / 2;
  const Vec3 c = solid ? scale(m.first_v, 1 / (4 * m.six_v)) : scale(m.first_a, m.area > 0 ? 1 / (3 * m.area) : 0);
  Mat3 cov = solid ? m.second_v : m.second_a;
  const double k = solid ? 1.0 / 120 : 1.0 / 24;
  for (auto& row : cov)
    for (double& x : row) x *= k;
  add_outer(cov, c, -w);
  auto v = eigenvectors(cov);
  for (Vec3& axis : v) axis = normalized(axis);
  v[2] = normalized(cross(v[0], v[1]));
  return v;
}

}  // namespace archipel::core::detail
