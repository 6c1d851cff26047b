#pragma once
// Private: small vector helpers on Vec3 (millimetres or unit directions), shared by the mesh and
// B-rep paths.
#include <cmath>

#include "archipel/core/measurement.hpp"

namespace archipel::core::detail {

inline Vec3 sub(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
inline Vec3 add(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
inline double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
inline Vec3 scale(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
/// `a` scaled to unit length (`a` must not be zero).
inline Vec3 normalized(const Vec3& a) { return scale(a, 1.0 / norm(a)); }
/// `v` without its component along the unit vector `n`.
inline Vec3 in_plane(const Vec3& v, const Vec3& n) { return sub(v, scale(n, dot(v, n))); }

}  // namespace archipel::core::detail
