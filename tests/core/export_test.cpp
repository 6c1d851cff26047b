// Fabrication export on the example parts and the 900-hole plate: the sheet section's circles are
// the holes `measure` reports, meshes measure again as their source within 0.01 mm, non-sheets
// and meshes-to-STEP are refused with the reason, the worker answers exactly what runs in-process,
// and the protocol carries the export intact.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "archipel/core/export.hpp"
#include "archipel/core/export_in_process.hpp"
#include "archipel/core/geometry_in_process.hpp"
#include "example_parts.hpp"
#include "export/brep_export.hpp"
#include "worker/protocol.hpp"

using namespace archipel::core;
namespace fs = std::filesystem;

namespace {

const fs::path examples_dir = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "parts";

fs::path example(const std::string& name, const std::string& ext) { return examples_dir / name / (name + ext); }

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("archipel-export-test-" + std::to_string(::getpid()) + "-" + name);
}

// Every through hole of the measurement along z appears as a circle of the profile, same centre
// and diameter within `tol`; and there are no other circles than holes and round outlines.
void check_circles_are_holes(const detail::SheetProfile& profile, const PartMeasurement& m, double tol) {
  std::size_t matched = 0;
  for (const Hole& h : m.holes) {
    if (std::abs(std::abs(h.axis[2]) - 1) > 1e-9) continue;
    CAPTURE(h.center_mm[0]);
    CAPTURE(h.center_mm[1]);
    const auto found = std::ranges::find_if(profile.contours, [&](const detail::ProfileContour& c) {
      return c.is_circle && near(c.centre[0], h.center_mm[0], tol) && near(c.centre[1], h.center_mm[1], tol) &&
             near(2 * c.radius, h.diameter_mm, tol) && c.opening == !h.boss;
    });
    CHECK(found != profile.contours.end());
    ++matched;
  }
  const auto circles = std::ranges::count_if(profile.contours, [](const auto& c) { return c.is_circle; });
  CHECK(static_cast<std::size_t>(circles) == matched);
}

void check_same_shape(const PartMeasurement& got, const PartMeasurement& want, double tol) {
  for (int i = 0; i < 3; ++i) CHECK(near(got.size_mm[i], want.size_mm[i], tol));
  REQUIRE(got.holes.size() == want.holes.size());
  for (std::size_t i = 0; i < got.holes.size(); ++i) {
    CAPTURE(i);
    CHECK(near(got.holes[i].diameter_mm, want.holes[i].diameter_mm, tol));
    for (int k = 0; k < 3; ++k) CHECK(near(got.holes[i].center_mm[k], want.holes[i].center_mm[k], tol));
    CHECK(got.holes[i].through == want.holes[i].through);
  }
}

}  // namespace

TEST_CASE("the section of the example sheets: their measured holes as true circles") {
  for (const auto& part : archipel::examples::example_parts()) {
    if (part.name != "os-plate-120x40" && part.name != "os-disc-d120" && part.name != "off-grid-plate") continue;
    CAPTURE(part.name);
    const auto profile = detail::brep_sheet_profile(part.shape, default_tolerances);
    REQUIRE(profile.has_value());
    const auto m = measure_file_in_process(example(part.name, ".step"));
    REQUIRE(m.has_value());
    CHECK(profile->thickness_mm == doctest::Approx(*m->thickness_mm));
    const auto box = detail::profile_box(*profile);
    CHECK(near(box[2] - box[0], m->size_mm[0], 1e-6));
    CHECK(near(box[3] - box[1], m->size_mm[1], 1e-6));
    check_circles_are_holes(*profile, *m, 1e-6);
  }
}

TEST_CASE("the 900-hole plate: 900 circles on the 20 mm grid and one outline") {
  std::vector<std::pair<double, double>> centres;
  for (int i = 0; i < 30; ++i)
    for (int j = 0; j < 30; ++j) centres.emplace_back(10 + 20 * i, 10 + 20 * j);
  const auto shape = archipel::examples::drilled_plate(600, 600, 3, 5.5, centres);
  const auto profile = detail::brep_sheet_profile(shape, default_tolerances);
  REQUIRE(profile.has_value());
  REQUIRE(profile->contours.size() == 901);
  CHECK_FALSE(profile->contours[0].opening);
  CHECK(profile->contours[0].segments.size() == 4);
  for (std::size_t i = 1; i < profile->contours.size(); ++i) {
    const auto& c = profile->contours[i];
    REQUIRE(c.is_circle);
    CHECK(c.opening);
    CHECK(near(2 * c.radius, 5.5, 1e-9));
    CHECK(near(std::fmod(c.centre[0] - 10, 20), 0, 1e-6));
  }
}

TEST_CASE("a part that is not a sheet is refused with the reason") {
  const auto bracket = export_in_process(example("os-bracket-l", ".step"), "bracket.step", ExportFormat::dxf, {});
  REQUIRE_FALSE(bracket.has_value());
  CHECK(bracket.error().code == Errc::invalid);
  CHECK(bracket.error().origin == "bracket.step");
  CHECK(bracket.error().message.starts_with("not a sheet part: a planar face lies at z = 3.000 mm"));
  const auto foot = export_in_process(example("gridfinity-1x1-foot", ".stl"), "foot.stl", ExportFormat::svg, {});
  REQUIRE_FALSE(foot.has_value());
  CHECK(foot.error().code == Errc::invalid);
  CHECK(foot.error().message.starts_with("not a sheet part: "));
}

TEST_CASE("a mesh cannot become STEP; a STEP file is copied as published") {
  const auto mesh = export_in_process(example("os-plate-120x40", ".stl"), "plate.stl", ExportFormat::step, {});
  REQUIRE_FALSE(mesh.has_value());
  CHECK(mesh.error().code == Errc::invalid);
  CHECK(mesh.error().message.starts_with("a mesh (stl) cannot be exported as STEP"));
  const fs::path step = example("os-plate-120x40", ".step");
  const auto copy = export_bytes(step, ExportFormat::step, {});
  REQUIRE(copy.has_value());
  std::ifstream in(step, std::ios::binary);
  CHECK(copy->bytes == std::string(std::istreambuf_iterator<char>(in), {}));
  CHECK(copy->report.method == "copy");
}

TEST_CASE("the mesh section of the example STL plates and disc gives the mesh's measured holes") {
  for (const std::string name : {"os-plate-120x40", "os-disc-d120", "off-grid-plate"}) {
    CAPTURE(name);
    const fs::path stl = example(name, ".stl");
    const auto file = export_in_process(stl, stl, ExportFormat::dxf, {});
    REQUIRE(file.has_value());
    CHECK(file->report.method == "mesh-section");
    const auto m = measure_file_in_process(stl);
    REQUIRE(m.has_value());
    CHECK(near(file->report.outline_mm[0], m->size_mm[0], 0.01));
    CHECK(near(file->report.outline_mm[1], m->size_mm[1], 0.01));
    std::size_t through = 0;
    for (const Hole& h : m->holes) through += std::abs(h.axis[2]) > 0.5 ? 1 : 0;
    CHECK(file->report.circles == through);
  }
}

TEST_CASE("STL and 3MF exports measure again as their source within 0.01 mm, through the worker") {
  for (const std::string name : {"os-plate-120x40", "os-disc-d120", "gridfinity-1x1-foot"})
    for (const auto format : {ExportFormat::stl, ExportFormat::threemf}) {
      CAPTURE(name);
      CAPTURE(export_format_name(format));
      const fs::path step = example(name, ".step");
      const fs::path out = temp_file(name + "." + std::string(export_format_name(format)));
      const auto report = export_part(step, format, {}, out);
      REQUIRE(report.has_value());
      CHECK(report->method == "brep-mesh");
      CHECK(*report->linear_deflection_mm == default_export_linear_deflection_mm);
      const auto again = measure_file_in_process(out);
      const auto source = measure_file_in_process(step);
      REQUIRE(again.has_value());
      REQUIRE(source.has_value());
      check_same_shape(*again, *source, 0.01);
      // The same bytes twice, and the same as in-process.
      const auto twice = export_bytes(step, format, {});
      const auto here = export_in_process(step, step, format, {});
      REQUIRE(twice.has_value());
      REQUIRE(here.has_value());
      CHECK(twice->bytes == here->bytes);
      CHECK(twice->report.sha256 == report->sha256);
      fs::remove(out);
    }
}

TEST_CASE("a mesh passes through welded: STL to 3MF keeps every vertex") {
  const fs::path stl = example("os-plate-120x40", ".stl");
  const auto file = export_in_process(stl, stl, ExportFormat::threemf, {});
  REQUIRE(file.has_value());
  CHECK(file->report.method == "mesh");
  const auto m = measure_file_in_process(stl);
  REQUIRE(m.has_value());
  CHECK(file->report.triangles == m->triangle_count);
  CHECK(file->report.warnings == std::vector<std::string>{
                                     "STL has no unit; millimetres assumed (declare it with --unit or the "
                                     "manifest's files[].unit)"});
}

TEST_CASE("the worker's export request and answer round-trip") {
  detail::WorkerRequest r;
  r.op = detail::WorkerRequest::Op::export_file;
  r.name = "plate.step";
  r.export_format = ExportFormat::svg;
  r.linear_deflection_mm = 0.05;
  const auto back = detail::request_from_json(detail::request_to_json(r));
  REQUIRE(back.has_value());
  CHECK(back->op == detail::WorkerRequest::Op::export_file);
  CHECK(back->export_format == ExportFormat::svg);
  CHECK(back->linear_deflection_mm == 0.05);
  auto bad = detail::request_to_json(r);
  bad["format"] = "dwg";
  CHECK_FALSE(detail::request_from_json(bad).has_value());

  ExportedFile file{std::string("\0\x01\xff binary", 10), {}};
  file.report.format = ExportFormat::dxf;
  file.report.method = "brep-section";
  file.report.thickness_mm = 3;
  file.report.outline_mm = {120, 40};
  file.report.circles = 12;
  const auto line = detail::export_line(file);
  const auto doc = nlohmann::json::parse(line);
  const auto read = detail::exported_from_json(doc["export"]);
  REQUIRE(read.has_value());
  CHECK(read->bytes == file.bytes);
  CHECK(read->report.circles == 12);
  CHECK(read->report.outline_mm[1] == 40);
  auto extra = doc["export"];
  extra["report"]["colour"] = "red";
  CHECK_FALSE(detail::exported_from_json(extra).has_value());
}
