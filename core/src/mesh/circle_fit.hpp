#pragma once
// Private: least-squares circle fitting in a plane.
#include <array>
#include <optional>
#include <span>

namespace archipel::core::detail {

/// A point in a section plane.
using Point2 = std::array<double, 2>;

/// A circle in a section plane.
struct Circle {
  double u = 0, v = 0, r = 0;
};

/// Fits a circle to `points` (at least 3, not collinear): the algebraic Kåsa fit, refined by
/// Gauss-Newton on the geometric distances. Nothing when the points are degenerate.
std::optional<Circle> fit_circle(std::span<const Point2> points);

/// The largest |distance to the centre - radius| over `points`.
double max_radial_error(const Circle& circle, std::span<const Point2> points);

/// The largest angle between consecutive distinct directions of `points` seen from the centre;
/// nothing when there are fewer than `min_directions` of them.
std::optional<double> largest_angle_step(const Circle& circle, std::span<const Point2> points,
                                         std::size_t min_directions);

/// How far a vertex may sit from a fitted circle of radius r: float coordinates and exporters'
/// rounding.
inline double circle_tolerance(double r) { return 0.01 + 1e-3 * r; }

}  // namespace archipel::core::detail
