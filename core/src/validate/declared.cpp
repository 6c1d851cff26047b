// Cross-checking what a manifest declares (dimensions, grid size) against the measured part.
#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "validate_detail.hpp"

namespace archipel::core {
namespace {

constexpr const char* axis_names[] = {"width", "depth", "height"};

Finding declared_finding(const std::string& rule, const std::string& clause, std::string message,
                         double measured, double expected, double tolerance, std::string location) {
  Finding f;
  f.rule = rule;
  f.severity = "error";
  f.clause = clause;
  f.message = std::move(message);
  f.measured = measured;
  f.expected = expected;
  f.deviation = measured - expected;
  f.tolerance = tolerance;
  f.location = std::move(location);
  return f;
}

void check_dimensions(ValidationReport& report, const PartMeasurement& part,
                      const GridStandard& grid, const Declared& declared) {
  Vec3 d = *declared.dimensions_mm;
  std::ranges::sort(d, std::greater<>());
  // The natural frame may keep the height last although it is the largest extent (a tall bin, a
  // long spacer): the measured extents are compared largest first too.
  Vec3 m = part.size_mm;
  std::ranges::sort(m, std::greater<>());
  const double tol = grid.tolerances.dimension_mm;
  RuleOutcome outcome{"manifest-dimensions", "error", 0, 0};
  for (std::size_t i = 0; i < 3; ++i) {
    ++outcome.checked;
    if (std::abs(m[i] - d[i]) <= tol) continue;
    ++outcome.failed;
    report.findings.push_back(declared_finding(
        outcome.rule, declared.origin + ": dimensions",
        fmt::format("{} measured {} mm but {} declares {} mm (off by {} mm)", axis_names[i],
                    detail::num(m[i]), declared.origin, detail::num(d[i]), detail::signed_num(m[i] - d[i])),
        m[i], d[i], tol, axis_names[i]));
  }
  report.rules.push_back(outcome);
}

void check_grid_units(ValidationReport& report, const PartMeasurement& part,
                      const GridStandard& grid, const Declared& declared) {
  const double tol = grid.tolerances.dimension_mm;
  const Clearance& c = grid.dimensions.clearance;
  RuleOutcome outcome{"manifest-grid-size", "error", 0, 0};
  for (std::size_t i = 0; i < declared.grid_units.size() && i < 3; ++i) {
    ++outcome.checked;
    const double nominal = declared.grid_units[i] * grid.pitch_mm;
    const double expected = std::clamp(part.size_mm[i], nominal - c.max_mm, nominal - c.min_mm);
    if (std::abs(part.size_mm[i] - expected) <= tol) continue;
    ++outcome.failed;
    report.findings.push_back(declared_finding(
        outcome.rule, declared.origin + ": grid",
        fmt::format("{} measured {} mm but {} declares {} {} grid unit{} ({} mm)", axis_names[i],
                    detail::num(part.size_mm[i]), declared.origin, declared.grid_units[i],
                    grid.id, declared.grid_units[i] == 1 ? "" : "s", detail::num(nominal)),
        part.size_mm[i], expected, tol, axis_names[i]));
  }
  report.rules.push_back(outcome);
}

}  // namespace

void check_declared(ValidationReport& report, const PartMeasurement& part, const GridStandard& standard,
                    const Declared& declared) {
  // The grid size is n * pitch less the clearance of the part's role (a baseplate has none).
  GridStandard view = standard;
  if (!report.role.name.empty())
    if (auto v = apply_role(standard, report.role.name)) view = std::move(*v);
  const GridStandard& grid = view;
  if (declared.dimensions_mm) check_dimensions(report, part, grid, declared);
  if (!declared.grid_units.empty() && declared.grid == grid.id)
    check_grid_units(report, part, grid, declared);
  report.verdict = verdict_of(report.findings);
}

}  // namespace archipel::core
