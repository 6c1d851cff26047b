#include "mesh/circle_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace archipel::core::detail {
namespace {

using Mat3 = std::array<std::array<double, 3>, 3>;

// Solves m x = b by Cramer's rule; nothing when m is singular.
std::optional<std::array<double, 3>> solve3(const Mat3& m, const std::array<double, 3>& b) {
  auto det = [](const Mat3& a) {
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
           a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
           a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  };
  const double d = det(m);
  const double scale = std::abs(m[0][0]) + std::abs(m[1][1]) + std::abs(m[2][2]);
  if (!(std::abs(d) > 1e-14 * scale * scale * scale)) return std::nullopt;
  std::array<double, 3> x{};
  for (int c = 0; c < 3; ++c) {
    Mat3 mc = m;
    for (int r = 0; r < 3; ++r) mc[r][c] = b[r];
    x[c] = det(mc) / d;
  }
  return x;
}

// Kåsa: least squares on u² + v² + D u + E v + F = 0, in coordinates centred on the mean.
std::optional<Circle> kasa(std::span<const Point2> points, const Point2& mean) {
  Mat3 m{};
  std::array<double, 3> b{};
  for (const Point2& p : points) {
    const double u = p[0] - mean[0], v = p[1] - mean[1], w = u * u + v * v;
    const std::array<double, 3> row{u, v, 1.0};
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) m[i][j] += row[i] * row[j];
      b[i] -= row[i] * w;
    }
  }
  const auto x = solve3(m, b);
  if (!x) return std::nullopt;
  const double cu = -(*x)[0] / 2, cv = -(*x)[1] / 2, r2 = cu * cu + cv * cv - (*x)[2];
  if (!(r2 > 0)) return std::nullopt;
  return Circle{cu + mean[0], cv + mean[1], std::sqrt(r2)};
}

// One Gauss-Newton step on the residuals |p - c| - r.
std::optional<Circle> refine_step(const Circle& c, std::span<const Point2> points) {
  Mat3 m{};
  std::array<double, 3> b{};
  for (const Point2& p : points) {
    const double du = p[0] - c.u, dv = p[1] - c.v, rho = std::sqrt(du * du + dv * dv);
    if (rho <= 0) continue;
    const std::array<double, 3> j{-du / rho, -dv / rho, -1.0};
    const double res = rho - c.r;
    for (int i = 0; i < 3; ++i) {
      for (int k = 0; k < 3; ++k) m[i][k] += j[i] * j[k];
      b[i] -= j[i] * res;
    }
  }
  const auto x = solve3(m, b);
  if (!x) return std::nullopt;
  return Circle{c.u + (*x)[0], c.v + (*x)[1], c.r + (*x)[2]};
}

}  // namespace

std::optional<Circle> fit_circle(std::span<const Point2> points) {
  if (points.size() < 3) return std::nullopt;
  Point2 mean{};
  for (const Point2& p : points) mean = {mean[0] + p[0], mean[1] + p[1]};
  mean = {mean[0] / points.size(), mean[1] / points.size()};
  auto circle = kasa(points, mean);
  if (!circle) return std::nullopt;
  for (int i = 0; i < 8; ++i) {
    const auto next = refine_step(*circle, points);
    if (!next || !(next->r > 0)) break;
    const double moved = std::abs(next->u - circle->u) + std::abs(next->v - circle->v) +
                         std::abs(next->r - circle->r);
    circle = next;
    if (moved < 1e-12 * (1 + circle->r)) break;
  }
  return circle;
}

double max_radial_error(const Circle& circle, std::span<const Point2> points) {
  double worst = 0;
  for (const Point2& p : points)
  {
    const double du = p[0] - circle.u, dv = p[1] - circle.v;
    worst = std::max(worst, std::abs(std::sqrt(du * du + dv * dv) - circle.r));
  }
  return worst;
}

std::optional<double> largest_angle_step(const Circle& c, std::span<const Point2> points,
                                         std::size_t min_directions) {
  std::vector<double> angles;
  angles.reserve(points.size());
  for (const Point2& p : points) angles.push_back(std::atan2(p[1] - c.v, p[0] - c.u));
  std::ranges::sort(angles);
  angles.erase(std::unique(angles.begin(), angles.end(), [](double a, double b) { return b - a < 1e-9; }),
               angles.end());
  if (angles.size() < min_directions || angles.empty()) return std::nullopt;
  double step = angles.front() + 2 * std::numbers::pi - angles.back();
  for (std::size_t i = 1; i < angles.size(); ++i) step = std::max(step, angles[i] - angles[i - 1]);
  return step;
}

}  // namespace archipel::core::detail
