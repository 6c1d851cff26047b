#include "archipel/core/gridfinity_fit.hpp"

#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace archipel::core {
namespace {

constexpr double pitch = 42.0, bin_clearance = 0.5, height_unit = 7.0, footprint_tol = 0.3;

// Cells when `extent` is n·42 − clearance within tolerance; 0 otherwise.
int cells(double extent, double clearance) {
  const double n = std::round((extent + clearance) / pitch);
  return n >= 1 && std::abs(n * pitch - clearance - extent) <= footprint_tol ? static_cast<int>(n) : 0;
}

GridfinityShape shape_with_height_axis(const Vec3& s, int h, const char* role, double clearance) {
  const int i = (h + 1) % 3, j = (h + 2) % 3;
  GridfinityShape out;
  int cx = cells(s[i], clearance), cy = cells(s[j], clearance);
  if (cx == 0 || cy == 0) return out;
  if (cx < cy) std::swap(cx, cy);
  out.role = role;
  out.cells_x = cx;
  out.cells_y = cy;
  out.height_mm = s[h];
  return out;
}

std::string describe(const GridfinityShape& s) {
  return fmt::format("{} {}x{}", s.role, s.cells_x, s.cells_y);
}

}  // namespace

GridfinityShape classify_gridfinity(const PartMeasurement& part) {
  // The footprint may be any two extents: a tall bin's height is its largest extent.
  for (const auto& [role, clearance] : {std::pair{"bin", bin_clearance}, std::pair{"baseplate", 0.0}}) {
    for (int h : {2, 0, 1}) {
      auto s = shape_with_height_axis(part.size_mm, h, role, clearance);
      if (s.role.empty()) continue;
      if (s.role == "bin") {
        s.height_units = static_cast<int>(std::floor(s.height_mm / height_unit + 1e-6));
        s.lip_mm = s.height_mm - s.height_units * height_unit;
      }
      return s;
    }
  }
  return GridfinityShape{"unknown", 0, 0, part.size_mm[2], 0, 0};
}

GridfinityFit check_gridfinity_fit(const PartMeasurement& a, const PartMeasurement& b) {
  GridfinityFit fit{false, classify_gridfinity(a), classify_gridfinity(b), {}};
  const GridfinityShape* bin = fit.a.role == "bin" ? &fit.a : fit.b.role == "bin" ? &fit.b : nullptr;
  const GridfinityShape* plate = fit.a.role == "baseplate" ? &fit.a : fit.b.role == "baseplate" ? &fit.b : nullptr;
  if (!bin || !plate) {
    fit.explanation = fmt::format("a Gridfinity fit needs a bin and a baseplate; found {} and {}",
                                  fit.a.role == "unknown" ? "an unknown part" : describe(fit.a),
                                  fit.b.role == "unknown" ? "an unknown part" : describe(fit.b));
    return fit;
  }
  fit.fits = bin->cells_x <= plate->cells_x && bin->cells_y <= plate->cells_y;
  fit.explanation = fmt::format("{} ({} height unit{}) {} {}", describe(*bin), bin->height_units,
                                bin->height_units == 1 ? "" : "s",
                                fit.fits ? "fits in" : "is larger than", describe(*plate));
  return fit;
}

nlohmann::json to_json(const GridfinityFit& fit) {
  auto shape = [](const GridfinityShape& s) {
    return nlohmann::json{{"role", s.role}, {"cells", {s.cells_x, s.cells_y}}, {"height_mm", s.height_mm},
                          {"height_units", s.height_units}, {"lip_mm", s.lip_mm}};
  };
  return {{"fits", fit.fits}, {"a", shape(fit.a)}, {"b", shape(fit.b)}, {"explanation", fit.explanation}};
}

}  // namespace archipel::core
