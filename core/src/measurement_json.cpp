// JSON form of the measurements: numbers rounded so the text is stable across platforms, or
// exact for the geometry worker's answer. The reader is in measurement_json_read.cpp.
#include "archipel/core/measurement_json.hpp"

#include <cmath>

#include "archipel/core/geometry.hpp"

namespace archipel::core {
namespace {

double number(double v, JsonNumbers numbers) {
  return numbers == JsonNumbers::exact ? v : round_mm(v);
}

nlohmann::ordered_json vec_json(const Vec3& v, JsonNumbers numbers) {
  return nlohmann::ordered_json::array({number(v[0], numbers), number(v[1], numbers),
                                        number(v[2], numbers)});
}

nlohmann::ordered_json optional_json(const std::optional<double>& v, JsonNumbers numbers) {
  return v ? nlohmann::ordered_json(number(*v, numbers)) : nlohmann::ordered_json(nullptr);
}

}  // namespace

double round_mm(double value) {
  const double r = std::round(value * 1e6) / 1e6;
  return r == 0.0 ? 0.0 : r;  // turns -0 into 0
}

nlohmann::ordered_json frame_to_json(const Frame& frame, JsonNumbers numbers) {
  return {{"method", frame.method},
          {"origin", vec_json(frame.origin, numbers)},
          {"x_axis", vec_json(frame.x_axis, numbers)},
          {"y_axis", vec_json(frame.y_axis, numbers)},
          {"z_axis", vec_json(frame.z_axis, numbers)}};
}

nlohmann::ordered_json features_to_json(const std::vector<HoleFeature>& features,
                                        JsonNumbers numbers) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const HoleFeature& f : features)
    out.push_back({{"kind", f.kind},
                   {"diameter_mm", number(f.diameter_mm, numbers)},
                   {"depth_mm", number(f.depth_mm, numbers)},
                   {"offset_mm", number(f.offset_mm, numbers)}});
  return out;
}

nlohmann::ordered_json hole_to_json(const Hole& hole, JsonNumbers numbers) {
  return {{"diameter_mm", number(hole.diameter_mm, numbers)},
          {"center_mm", vec_json(hole.center_mm, numbers)},
          {"axis", vec_json(hole.axis, numbers)},
          {"depth_mm", number(hole.depth_mm, numbers)},
          {"through", hole.through},
          {"boss", hole.boss},
          {"features", features_to_json(hole.features, numbers)}};
}

nlohmann::ordered_json opening_to_json(const Opening& o, JsonNumbers numbers) {
  return {{"shape", o.shape},
          {"center_mm", vec_json(o.center_mm, numbers)},
          {"axis", vec_json(o.axis, numbers)},
          {"direction", vec_json(o.direction, numbers)},
          {"width_mm", number(o.width_mm, numbers)},
          {"length_mm", number(o.length_mm, numbers)},
          {"depth_mm", number(o.depth_mm, numbers)},
          {"through", o.through},
          {"sides", o.sides}};
}

nlohmann::ordered_json warning_to_json(const Warning& warning) {
  return {{"rule", warning.rule}, {"message", warning.message}};
}

nlohmann::ordered_json measurement_to_json(const PartMeasurement& m, JsonNumbers numbers) {
  nlohmann::ordered_json holes = nlohmann::ordered_json::array();
  for (const Hole& h : m.holes) holes.push_back(hole_to_json(h, numbers));
  nlohmann::ordered_json out{{"format", format_name(m.format)},
                             {"kind", m.kind == GeometryKind::brep ? "brep" : "mesh"},
                             {"unit", "mm"},
                             {"source_unit", m.source_unit},
                             {"frame", frame_to_json(m.frame, numbers)},
                             {"size_mm", vec_json(m.size_mm, numbers)},
                             {"volume_mm3", number(m.volume_mm3, numbers)},
                             {"thickness_mm", optional_json(m.thickness_mm, numbers)},
                             {"mass_g", optional_json(m.mass_g, numbers)}};
  if (m.kind == GeometryKind::brep)
    out["face_count"] = m.face_count;
  else
    out["triangle_count"] = m.triangle_count;
  out["holes"] = holes;
  nlohmann::ordered_json openings = nlohmann::ordered_json::array();
  for (const Opening& o : m.openings) openings.push_back(opening_to_json(o, numbers));
  out["openings"] = openings;
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const Warning& w : m.warnings) warnings.push_back(warning_to_json(w));
  out["warnings"] = warnings;
  return out;
}

}  // namespace archipel::core
