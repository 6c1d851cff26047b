// measurement_from_json: the exact inverse of measurement_to_json (the geometry worker's answer),
// and a strict reader that names what is wrong.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "archipel/core/measurement_json.hpp"
#include "measurement_compare.hpp"

using namespace archipel::core;
using archipel::test::check_identical;
using nlohmann::json;

namespace {

// Numbers that a rounding or a short printer would change: thirds, tiny and huge values, -0.
PartMeasurement awkward_brep() {
  PartMeasurement m;
  m.format = GeometryFormat::iges;
  m.kind = GeometryKind::brep;
  m.source_unit = "inch";
  m.frame = {{0.1 + 0.2, -1.0 / 3.0, 1e-300}, {std::numbers::sqrt2 / 2, std::numbers::sqrt2 / 2, 0},
             {-std::numbers::sqrt2 / 2, std::numbers::sqrt2 / 2, -0.0}, {0, 0, 1}, "planar-faces"};
  m.size_mm = {123456789.123456789, 40.0000000001, 2.9999999999999996};
  m.volume_mm3 = 13544.70139865537;
  m.thickness_mm = 2.9999999999999996;
  m.mass_g = std::nullopt;
  m.holes = {{5.5000000000000009, {10, 10.000000000000002, 3}, {0, 0, -1}, 3, true, false, {}},
             {6, {60, 20, -1e-17}, {1, 0, 0}, 1.0 / 7.0, false, true, {}}};
  m.holes[0].features = {{"counterbore", 10.000000000000002, 1.0 / 3.0, 0},
                         {"groove", 5.75, 0.1 + 0.2, 2.0 / 3.0}};
  m.openings = {{"slot", {20, 20.000000000000004, 0}, {0, 0, 1}, {1, 0, -0.0}, 8.0000000000000018,
                 12, 3, true, 2},
                {"hexagon", {40, 1.0 / 3.0, 4}, {0, 0, -1}, {0.5, std::numbers::sqrt3 / 2, 0}, 8.1,
                 9.353074360871938, 4, false, 6}};
  m.face_count = 4294967297;  // more than 32 bits
  m.warnings = {{"brep.sewn", "the file holds surfaces, not solids; they were sewn into a solid"},
                {"units.ignored", "unités ≠ ✓"}};
  return m;
}

PartMeasurement awkward_mesh() {
  PartMeasurement m;
  m.format = GeometryFormat::threemf;
  m.kind = GeometryKind::mesh;
  m.source_unit = "mm";
  m.frame.method = "principal-axes";
  m.frame.origin = {std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(), -7.25};
  m.size_mm = {30, 20, 10};
  m.volume_mm3 = 0;
  m.mass_g = 0.1;
  m.triangle_count = 12;
  return m;
}

json exact(const PartMeasurement& m) { return json::parse(measurement_to_json(m, JsonNumbers::exact).dump()); }

// The error reading `doc` gives; fails the test when it reads.
Error error_of(const json& doc) {
  auto m = measurement_from_json(doc, "answer");
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().code == Errc::invalid);
  CHECK(m.error().origin == "answer");
  return m.error();
}

}  // namespace

TEST_CASE("the exact JSON form reads back bit for bit") {
  for (const PartMeasurement& m : {awkward_brep(), awkward_mesh()}) {
    const auto back = measurement_from_json(exact(m));
    REQUIRE(back);
    check_identical(*back, m);
  }
  // -0 stays -0: the sign bit survives the text.
  const auto back = measurement_from_json(exact(awkward_brep()));
  REQUIRE(back);
  CHECK(std::bit_cast<std::uint64_t>(back->frame.y_axis[2]) == std::bit_cast<std::uint64_t>(-0.0));
}

TEST_CASE("the rounded JSON form is a fixed point of reading and writing again") {
  PartMeasurement mesh = awkward_mesh();
  mesh.frame.origin[1] = 1e9;  // round_mm overflows near the largest double
  for (const PartMeasurement& m : {awkward_brep(), mesh}) {
    const auto rounded = measurement_to_json(m);
    const auto back = measurement_from_json(json::parse(rounded.dump()));
    REQUIRE(back);
    CHECK(measurement_to_json(*back).dump() == rounded.dump());
  }
  // Rounding loses what the exact form keeps.
  const auto back = measurement_from_json(json::parse(measurement_to_json(awkward_brep()).dump()));
  REQUIRE(back);
  CHECK(std::bit_cast<std::uint64_t>(back->holes[0].diameter_mm) == std::bit_cast<std::uint64_t>(5.5));
}

TEST_CASE("a count of the other kind is not written and reads back as 0") {
  PartMeasurement m = awkward_mesh();
  const json doc = exact(m);
  CHECK(doc.contains("triangle_count"));
  CHECK_FALSE(doc.contains("face_count"));
  const auto brep = exact(awkward_brep());
  CHECK(brep.contains("face_count"));
  CHECK_FALSE(brep.contains("triangle_count"));
  // A face count on a mesh is a key the reader does not expect.
  json wrong = doc;
  wrong["face_count"] = 3;
  CHECK(error_of(wrong).pointer == "/face_count");
}

TEST_CASE("the reader refuses anything measurement_to_json would not write, naming where") {
  const json good = exact(awkward_brep());
  const auto refused = [&](auto change, const std::string& pointer, const std::string& message) {
    json doc = good;
    change(doc);
    const Error e = error_of(doc);
    CHECK(e.pointer == pointer);
    CHECK(e.message == message);
  };
  refused([](json& d) { d.erase("holes"); }, "", "missing key \"holes\"");
  refused([](json& d) { d["extra"] = 1; }, "/extra", "unexpected key");
  refused([](json& d) { d["unit"] = "inch"; }, "/unit", "expected \"mm\"");
  refused([](json& d) { d["kind"] = "cloud"; }, "/kind", "expected \"brep\" or \"mesh\"");
  refused([](json& d) { d["format"] = "dwg"; }, "/format", "unknown geometry format");
  refused([](json& d) { d["volume_mm3"] = nullptr; }, "/volume_mm3", "expected a number");
  refused([](json& d) { d["volume_mm3"] = "12"; }, "/volume_mm3", "expected a number");
  refused([](json& d) { d["size_mm"] = json::array({1, 2}); }, "/size_mm", "expected an array of 3 numbers");
  refused([](json& d) { d["size_mm"][2] = nullptr; }, "/size_mm/2", "expected a number");
  refused([](json& d) { d["frame"]["origin"][0] = true; }, "/frame/origin/0", "expected a number");
  refused([](json& d) { d["frame"].erase("method"); }, "/frame", "missing key \"method\"");
  refused([](json& d) { d["face_count"] = -1; }, "/face_count", "expected a count");
  refused([](json& d) { d["face_count"] = 1.5; }, "/face_count", "expected a count");
  refused([](json& d) { d["holes"][1]["boss"] = 1; }, "/holes/1/boss", "expected true or false");
  refused([](json& d) { d["holes"][0]["axis"] = json::object(); }, "/holes/0/axis",
          "expected an array of 3 numbers");
  refused([](json& d) { d["holes"] = json::object(); }, "/holes", "expected an array");
  refused([](json& d) { d["holes"][0]["features"][1]["kind"] = "thread"; }, "/holes/0/features/1/kind",
          "expected \"counterbore\", \"countersink\" or \"groove\"");
  refused([](json& d) { d["holes"][0]["features"][0].erase("offset_mm"); }, "/holes/0/features/0",
          "missing key \"offset_mm\"");
  refused([](json& d) { d["openings"][0]["shape"] = "star"; }, "/openings/0/shape",
          "expected \"hexagon\", \"square\", \"rectangle\", \"slot\" or \"other\"");
  refused([](json& d) { d["openings"][1]["sides"] = -6; }, "/openings/1/sides", "expected a count");
  refused([](json& d) { d.erase("openings"); }, "", "missing key \"openings\"");
  refused([](json& d) { d["holes"][1].erase("features"); }, "/holes/1", "missing key \"features\"");
  refused([](json& d) { d["warnings"][1] = 7; }, "/warnings/1", "expected an object");
  refused([](json& d) { d["warnings"][1]["rule"] = 7; }, "/warnings/1/rule", "expected a string");
  refused([](json& d) { d["warnings"][0].erase("message"); }, "/warnings/0", "missing key \"message\"");
  refused([](json& d) { d["thickness_mm"] = "thin"; }, "/thickness_mm", "expected a number");
  refused([](json& d) { d = json::array(); }, "", "expected an object");
}

TEST_CASE("a number that is not finite is written as null and refused when read") {
  PartMeasurement m = awkward_mesh();
  m.size_mm[1] = std::numeric_limits<double>::infinity();
  const json doc = exact(m);
  CHECK(doc["size_mm"][1].is_null());
  CHECK(error_of(doc).pointer == "/size_mm/1");
}
