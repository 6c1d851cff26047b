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

}  // namespace archipel::core::detail
