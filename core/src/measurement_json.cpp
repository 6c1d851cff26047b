// JSON form of the measurements; numbers rounded so the text is stable across platforms.
#include "archipel/core/measurement_json.hpp"

#include <cmath>

#include "archipel/core/geometry.hpp"

namespace archipel::core {
namespace {

nlohmann::ordered_json vec_json(const Vec3& v) {
  return nlohmann::ordered_json::array({round_mm(v[0]), round_mm(v[1]), round_mm(v[2])});
}

nlohmann::ordered_json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(round_mm(*v)) : nlohmann::ordered_json(nullptr);
}

}  // namespace

double round_mm(double value) {
  const double r = std::round(value * 1e6) / 1e6;
  return r == 0.0 ? 0.0 : r;  // turns -0 into 0
}

nlohmann::ordered_json frame_to_json(const Frame& frame) {
  return {{"method", frame.method},
          {"origin", vec_json(frame.origin)},
          {"x_axis", vec_json(frame.x_axis)},
          {"y_axis", vec_json(frame.y_axis)},
          {"z_axis", vec_json(frame.z_axis)}};
}

nlohmann::ordered_json hole_to_json(const Hole& hole) {
  return {{"diameter_mm", round_mm(hole.diameter_mm)},
          {"center_mm", vec_json(hole.center_mm)},
          {"axis", vec_json(hole.axis)},
          {"depth_mm", round_mm(hole.depth_mm)},
          {"through", hole.through},
          {"boss", hole.boss}};
}

nlohmann::ordered_json measurement_to_json(const PartMeasurement& m) {
  nlohmann::ordered_json holes = nlohmann::ordered_json::array();
  for (const Hole& h : m.holes) holes.push_back(hole_to_json(h));
  nlohmann::ordered_json out{{"format", format_name(m.format)},
                             {"kind", m.kind == GeometryKind::brep ? "brep" : "mesh"},
                             {"unit", "mm"},
                             {"source_unit", m.source_unit},
                             {"frame", frame_to_json(m.frame)},
                             {"size_mm", vec_json(m.size_mm)},
                             {"volume_mm3", round_mm(m.volume_mm3)},
                             {"thickness_mm", optional_json(m.thickness_mm)},
                             {"mass_g", optional_json(m.mass_g)}};
  if (m.kind == GeometryKind::brep)
    out["face_count"] = m.face_count;
  else
    out["triangle_count"] = m.triangle_count;
  out["holes"] = holes;
  out["warnings"] = m.warnings;
  return out;
}

}  // namespace archipel::core
