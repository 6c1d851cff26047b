// measurement_from_json: the inverse of measurement_to_json, strict, so that a measurement handed
// back by the geometry worker is either exactly what was measured or refused. Hand-written: the
// JSON Schemas describe the files people write, and this is an internal wire format whose only
// writer is measurement_to_json.
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"
#include "archipel/core/measurement_json.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

// Reads typed values out of one document; remembers the first error and its pointer.
class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[nodiscard]] bool ok() const { return !error_; }
  [[nodiscard]] Error error() const { return *error_; }

  // The object at `pointer`, whose keys must be exactly `keys`.
  const json* object(const json& v, const std::string& pointer, std::initializer_list<std::string_view> keys) {
    if (!v.is_object()) return bad(pointer, "expected an object"), nullptr;
    for (const auto& [key, value] : v.items()) {
      bool known = false;
      for (std::string_view k : keys) known = known || k == key;
      if (!known) return bad(pointer + "/" + key, "unexpected key"), nullptr;
    }
    for (std::string_view k : keys)
      if (!v.contains(k)) return bad(pointer, fmt::format("missing key \"{}\"", k)), nullptr;
    return &v;
  }

  double number(const json& v, const std::string& pointer) {
    if (!v.is_number()) return bad(pointer, "expected a number"), 0.0;
    const double d = v.get<double>();
    if (!std::isfinite(d)) return bad(pointer, "expected a finite number"), 0.0;
    return d;
  }

  std::optional<double> optional_number(const json& v, const std::string& pointer) {
    if (v.is_null()) return std::nullopt;
    return number(v, pointer);
  }

  std::size_t count(const json& v, const std::string& pointer) {
    if (!v.is_number_unsigned()) return bad(pointer, "expected a count"), 0;
    return v.get<std::size_t>();
  }

  bool boolean(const json& v, const std::string& pointer) {
    if (!v.is_boolean()) return bad(pointer, "expected true or false"), false;
    return v.get<bool>();
  }

  std::string string(const json& v, const std::string& pointer) {
    if (!v.is_string()) return bad(pointer, "expected a string"), std::string();
    return v.get<std::string>();
  }

  Vec3 vec(const json& v, const std::string& pointer) {
    if (!v.is_array() || v.size() != 3) return bad(pointer, "expected an array of 3 numbers"), Vec3{};
    return {number(v[0], pointer + "/0"), number(v[1], pointer + "/1"), number(v[2], pointer + "/2")};
  }

  void bad(const std::string& pointer, const std::string& message) {
    if (!error_) error_ = Error{Errc::invalid, message, origin_, pointer};
  }

 private:
  std::string origin_;
  std::optional<Error> error_;
};

std::optional<GeometryFormat> format_from_name(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(GeometryFormat::glb); ++i)
    if (format_name(static_cast<GeometryFormat>(i)) == name) return static_cast<GeometryFormat>(i);
  return std::nullopt;
}

Frame read_frame(Reader& r, const json& v) {
  Frame f;
  if (!r.object(v, "/frame", {"method", "origin", "x_axis", "y_axis", "z_axis"})) return f;
  f.method = r.string(v["method"], "/frame/method");
  f.origin = r.vec(v["origin"], "/frame/origin");
  f.x_axis = r.vec(v["x_axis"], "/frame/x_axis");
  f.y_axis = r.vec(v["y_axis"], "/frame/y_axis");
  f.z_axis = r.vec(v["z_axis"], "/frame/z_axis");
  return f;
}

HoleFeature read_feature(Reader& r, const json& v, const std::string& at) {
  HoleFeature f;
  if (!r.object(v, at, {"kind", "diameter_mm", "depth_mm", "offset_mm"})) return f;
  f.kind = r.string(v["kind"], at + "/kind");
  if (f.kind != "counterbore" && f.kind != "countersink" && f.kind != "groove")
    r.bad(at + "/kind", "expected \"counterbore\", \"countersink\" or \"groove\"");
  f.diameter_mm = r.number(v["diameter_mm"], at + "/diameter_mm");
  f.depth_mm = r.number(v["depth_mm"], at + "/depth_mm");
  f.offset_mm = r.number(v["offset_mm"], at + "/offset_mm");
  return f;
}

Hole read_hole(Reader& r, const json& v, const std::string& at) {
  Hole h;
  if (!r.object(v, at, {"diameter_mm", "center_mm", "axis", "depth_mm", "through", "boss", "features"}))
    return h;
  h.diameter_mm = r.number(v["diameter_mm"], at + "/diameter_mm");
  h.center_mm = r.vec(v["center_mm"], at + "/center_mm");
  h.axis = r.vec(v["axis"], at + "/axis");
  h.depth_mm = r.number(v["depth_mm"], at + "/depth_mm");
  h.through = r.boolean(v["through"], at + "/through");
  h.boss = r.boolean(v["boss"], at + "/boss");
  if (!v["features"].is_array()) r.bad(at + "/features", "expected an array");
  for (std::size_t i = 0; r.ok() && i < v["features"].size(); ++i)
    h.features.push_back(read_feature(r, v["features"][i], fmt::format("{}/features/{}", at, i)));
  return h;
}

Opening read_opening(Reader& r, const json& v, const std::string& at) {
  Opening o;
  if (!r.object(v, at, {"shape", "center_mm", "axis", "direction", "width_mm", "length_mm",
                        "depth_mm", "through", "sides"}))
    return o;
  o.shape = r.string(v["shape"], at + "/shape");
  if (o.shape != "hexagon" && o.shape != "square" && o.shape != "rectangle" && o.shape != "slot" &&
      o.shape != "other")
    r.bad(at + "/shape", "expected \"hexagon\", \"square\", \"rectangle\", \"slot\" or \"other\"");
  o.center_mm = r.vec(v["center_mm"], at + "/center_mm");
  o.axis = r.vec(v["axis"], at + "/axis");
  o.direction = r.vec(v["direction"], at + "/direction");
  o.width_mm = r.number(v["width_mm"], at + "/width_mm");
  o.length_mm = r.number(v["length_mm"], at + "/length_mm");
  o.depth_mm = r.number(v["depth_mm"], at + "/depth_mm");
  o.through = r.boolean(v["through"], at + "/through");
  o.sides = static_cast<int>(r.count(v["sides"], at + "/sides"));
  return o;
}

Warning read_warning(Reader& r, const json& v, const std::string& at) {
  Warning w;
  if (!r.object(v, at, {"rule", "message"})) return w;
  w.rule = r.string(v["rule"], at + "/rule");
  w.message = r.string(v["message"], at + "/message");
  return w;
}

void read_kind(Reader& r, const json& doc, PartMeasurement& m) {
  const std::string kind = r.string(doc["kind"], "/kind");
  if (kind == "brep")
    m.kind = GeometryKind::brep;
  else if (kind == "mesh")
    m.kind = GeometryKind::mesh;
  else
    r.bad("/kind", "expected \"brep\" or \"mesh\"");
  const auto format = format_from_name(r.string(doc["format"], "/format"));
  if (!format) r.bad("/format", "unknown geometry format");
  m.format = format.value_or(GeometryFormat::step);
  if (r.string(doc["unit"], "/unit") != "mm") r.bad("/unit", "expected \"mm\"");
}

void read_lists(Reader& r, const json& doc, PartMeasurement& m) {
  if (!doc["holes"].is_array()) r.bad("/holes", "expected an array");
  for (std::size_t i = 0; r.ok() && i < doc["holes"].size(); ++i)
    m.holes.push_back(read_hole(r, doc["holes"][i], fmt::format("/holes/{}", i)));
  if (!doc["openings"].is_array()) r.bad("/openings", "expected an array");
  for (std::size_t i = 0; r.ok() && i < doc["openings"].size(); ++i)
    m.openings.push_back(read_opening(r, doc["openings"][i], fmt::format("/openings/{}", i)));
  if (!doc["warnings"].is_array()) r.bad("/warnings", "expected an array");
  for (std::size_t i = 0; r.ok() && i < doc["warnings"].size(); ++i)
    m.warnings.push_back(read_warning(r, doc["warnings"][i], fmt::format("/warnings/{}", i)));
}

}  // namespace

Result<PartMeasurement> measurement_from_json(const json& doc, const std::string& origin) {
  Reader r(origin);
  PartMeasurement m;
  // The kind chooses the count key: settle it before the keys are checked.
  if (doc.is_object() && doc.contains("kind") && doc["kind"] != "brep" && doc["kind"] != "mesh")
    return fail(Errc::invalid, "expected \"brep\" or \"mesh\"", origin, "/kind");
  const bool brep = doc.is_object() && doc.contains("kind") && doc["kind"] == "brep";
  const std::string_view count_key = brep ? "face_count" : "triangle_count";
  if (!r.object(doc, "", {"format", "kind", "unit", "source_unit", "frame", "size_mm", "volume_mm3",
                          "thickness_mm", "mass_g", count_key, "holes", "openings", "warnings"}))
    return std::unexpected(r.error());
  read_kind(r, doc, m);
  m.source_unit = r.string(doc["source_unit"], "/source_unit");
  m.frame = read_frame(r, doc["frame"]);
  m.size_mm = r.vec(doc["size_mm"], "/size_mm");
  m.volume_mm3 = r.number(doc["volume_mm3"], "/volume_mm3");
  m.thickness_mm = r.optional_number(doc["thickness_mm"], "/thickness_mm");
  m.mass_g = r.optional_number(doc["mass_g"], "/mass_g");
  (brep ? m.face_count : m.triangle_count) = r.count(doc[count_key], fmt::format("/{}", count_key));
  if (r.ok()) read_lists(r, doc, m);
  if (!r.ok()) return std::unexpected(r.error());
  return m;
}

}  // namespace archipel::core
