#include "archipel/core/interface.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "archipel/core/fasteners.hpp"
#include "archipel/core/validate.hpp"

namespace archipel::core {
namespace {

// Distance from v to the nearest multiple of step, after shifting by offset.
double node_deviation(double v, double offset, double step) {
  const double k = std::round((v - offset) / step);
  return std::abs(v - offset - k * step);
}

// The axis a hole runs along, as a face name: the frame axis it is parallel to.
std::string face_of(const Vec3& axis) {
  const double ax = std::abs(axis[0]), ay = std::abs(axis[1]), az = std::abs(axis[2]);
  if (az >= ax && az >= ay) return "z";
  return ax >= ay ? "x" : "y";
}

// Chooses the offset in [0, step) along one coordinate that puts the most values on nodes, each
// candidate being one of the values themselves; ties go to the smaller total deviation.
double best_offset(const std::vector<double>& values, double step, double tol) {
  double best = 0;
  std::size_t best_hits = 0;
  double best_dev = 1e300;
  for (double candidate : values) {
    const double offset = candidate - std::floor(candidate / step) * step;
    std::size_t hits = 0;
    double dev = 0;
    for (double v : values) {
      const double d = node_deviation(v, offset, step);
      if (d <= tol) { ++hits; dev += d; }
    }
    if (hits > best_hits || (hits == best_hits && dev < best_dev - 1e-9)) {
      best = offset; best_hits = hits; best_dev = dev;
    }
  }
  return best;
}

std::string describe(const AssemblyPoint& p) {
  return fmt::format("\u00d8{:.2f} at ({:.2f}, {:.2f})", p.diameter_mm, p.x_mm, p.y_mm);
}

}  // namespace

InterfaceOptions interface_options(const GridStandard& grid) {
  InterfaceOptions out;
  out.grid = grid.id;
  out.node_step_mm = grid.pitch_mm;
  if (!grid.subgrid_mm.empty()) out.node_step_mm = *std::ranges::min_element(grid.subgrid_mm);
  if (grid.assembly_points && grid.assembly_points->step_mm > 0) out.node_step_mm = grid.assembly_points->step_mm;
  if (grid.tolerances.position_mm > 0) out.position_tolerance_mm = grid.tolerances.position_mm;
  if (grid.tolerances.diameter_mm > 0) out.diameter_tolerance_mm = grid.tolerances.diameter_mm;
  return out;
}

InterfaceOptions interface_options(const GridStandard& grid, const PartMeasurement& part) {
  InterfaceOptions out = interface_options(grid);
  out.node_origin_mm = grid_node_origin(part, grid);
  return out;
}

ConnectionInterface derive_interface(const PartMeasurement& part, const InterfaceOptions& options) {
  ConnectionInterface out;
  out.grid = options.grid;
  out.node_step_mm = options.node_step_mm;
  out.size_mm = part.size_mm;
  out.clamp_mm = part.thickness_mm.value_or(part.size_mm[2]);
  std::vector<double> xs, ys;
  for (const auto& h : part.holes)
    if (!h.boss && face_of(h.axis) == "z") { xs.push_back(h.center_mm[0]); ys.push_back(h.center_mm[1]); }
  const double step = options.node_step_mm, tol = options.position_tolerance_mm;
  out.role = options.role;
  if (options.node_origin_mm) {
    const auto wrap = [step](double v) { return v - std::floor(v / step) * step; };
    out.offset_x_mm = wrap((*options.node_origin_mm)[0]);
    out.offset_y_mm = wrap((*options.node_origin_mm)[1]);
  } else {
    out.offset_x_mm = best_offset(xs, step, tol);
    out.offset_y_mm = best_offset(ys, step, tol);
  }
  for (const auto& h : part.holes) {
    if (h.boss) continue;
    AssemblyPoint p;
    p.face = face_of(h.axis);
    p.x_mm = h.center_mm[0];
    p.y_mm = h.center_mm[1];
    p.diameter_mm = h.diameter_mm;
    p.depth_mm = h.depth_mm;
    p.through = h.through;
    if (const auto* f = fastener_for_hole(h.diameter_mm, options.diameter_tolerance_mm)) p.fastener = f->name;
    if (p.face == "z") {
      if (node_deviation(p.x_mm, out.offset_x_mm, step) > tol ||
          node_deviation(p.y_mm, out.offset_y_mm, step) > tol) {
        out.off_grid.push_back(describe(p));
        continue;
      }
      p.gx = static_cast<int>(std::lround((p.x_mm - out.offset_x_mm) / step));
      p.gy = static_cast<int>(std::lround((p.y_mm - out.offset_y_mm) / step));
    }
    out.points.push_back(p);
  }
  std::ranges::stable_sort(out.points, [](const AssemblyPoint& a, const AssemblyPoint& b) {
    if ((a.face == "z") != (b.face == "z")) return a.face == "z";
    return std::tie(a.gy, a.gx) < std::tie(b.gy, b.gx);
  });
  return out;
}

nlohmann::json to_json(const ConnectionInterface& interface) {
  nlohmann::json points = nlohmann::json::array();
  for (const auto& p : interface.points)
    points.push_back({{"grid", {p.gx, p.gy}}, {"position_mm", {p.x_mm, p.y_mm}},
                      {"diameter_mm", p.diameter_mm}, {"depth_mm", p.depth_mm}, {"fastener", p.fastener},
                      {"face", p.face}, {"through", p.through}});
  nlohmann::json out{{"grid", interface.grid},
          {"node_step_mm", interface.node_step_mm},
          {"offset_mm", {interface.offset_x_mm, interface.offset_y_mm}},
          {"clamp_mm", interface.clamp_mm},
          {"size_mm", interface.size_mm},
          {"points", points},
          {"off_grid", interface.off_grid}};
  if (!interface.role.empty()) out["role"] = interface.role;
  return out;
}

Result<ConnectionInterface> interface_from_json(const nlohmann::json& doc, const std::string& origin) {
  try {
    ConnectionInterface out;
    out.grid = doc.at("grid").get<std::string>();
    out.role = doc.value("role", std::string{});
    out.node_step_mm = doc.at("node_step_mm").get<double>();
    out.offset_x_mm = doc.at("offset_mm").at(0).get<double>();
    out.offset_y_mm = doc.at("offset_mm").at(1).get<double>();
    out.clamp_mm = doc.at("clamp_mm").get<double>();
    out.size_mm = doc.at("size_mm").get<Vec3>();
    for (const auto& p : doc.at("points")) {
      AssemblyPoint a;
      a.gx = p.at("grid").at(0).get<int>();
      a.gy = p.at("grid").at(1).get<int>();
      a.x_mm = p.at("position_mm").at(0).get<double>();
      a.y_mm = p.at("position_mm").at(1).get<double>();
      a.diameter_mm = p.at("diameter_mm").get<double>();
      a.depth_mm = p.value("depth_mm", 0.0);
      a.fastener = p.at("fastener").get<std::string>();
      a.face = p.at("face").get<std::string>();
      a.through = p.at("through").get<bool>();
      out.points.push_back(std::move(a));
    }
    out.off_grid = doc.value("off_grid", std::vector<std::string>{});
    if (out.node_step_mm <= 0) return fail(Errc::invalid, "node_step_mm must be positive", origin, "/node_step_mm");
    return out;
  } catch (const nlohmann::json::exception& e) {
    return fail(Errc::invalid, std::string("not a connection interface: ") + e.what(), origin);
  }
}

}  // namespace archipel::core
