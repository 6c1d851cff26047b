// The export writers and the contour fit, on profiles and meshes built in code: exact DXF and SVG
// content, STL layout, 3MF read back by Archipel's own 3MF reader, and the same bytes every time.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <unistd.h>

#include "export/contour_fit.hpp"
#include "export/dxf_writer.hpp"
#include "export/mesh_writers.hpp"
#include "export/profile.hpp"
#include "export/svg_writer.hpp"
#include "mesh/threemf.hpp"

using namespace archipel::core;
using namespace archipel::core::detail;
namespace fs = std::filesystem;

namespace {

// A 100 x 50 plate with a 10 mm round opening at (20, 25) and a rounded corner of radius 5.
SheetProfile sample_profile() {
  SheetProfile p;
  p.thickness_mm = 3;
  ProfileContour outline;
  const double b = std::tan(std::numbers::pi / 8);  // a quarter turn, counter-clockwise
  outline.segments = {{{0, 0}, {95, 0}, 0}, {{95, 0}, {100, 5}, b}, {{100, 5}, {100, 50}, 0},
                      {{100, 50}, {0, 50}, 0}, {{0, 50}, {0, 0}, 0}};
  ProfileContour hole;
  hole.is_circle = true;
  hole.centre = {20, 25};
  hole.radius = 5;
  p.contours = {hole, outline};  // deliberately out of order
  mark_openings(p);
  sort_contours(p);
  return p;
}

std::vector<P2> circle_points(double cx, double cy, double r, int n, double phase = 0.1) {
  std::vector<P2> out;
  for (int k = 0; k < n; ++k) {
    const double a = phase + 2 * std::numbers::pi * k / n;
    out.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
  }
  return out;
}

}  // namespace

TEST_CASE("arc centres, boxes and the order of contours") {
  const ProfileSegment quarter{{95, 0}, {100, 5}, std::tan(std::numbers::pi / 8)};
  P2 c{};
  double r = 0;
  arc_centre(quarter, c, r);
  CHECK(c[0] == doctest::Approx(95));
  CHECK(c[1] == doctest::Approx(5));
  CHECK(r == doctest::Approx(5));
  const SheetProfile p = sample_profile();
  REQUIRE(p.contours.size() == 2);
  CHECK_FALSE(p.contours[0].opening);  // the outline first
  CHECK(p.contours[1].opening);
  CHECK(p.contours[1].is_circle);
  const auto box = profile_box(p);
  CHECK(box[0] == doctest::Approx(0));
  CHECK(box[2] == doctest::Approx(100));
  CHECK(box[3] == doctest::Approx(50));
  // A bulging arc reaches past its end points: a half circle from (0,0) to (10,0) below the chord.
  SheetProfile half;
  ProfileContour d;
  d.segments = {{{0, 0}, {10, 0}, 1.0}, {{10, 0}, {0, 0}, 0}};
  half.contours = {d};
  CHECK(profile_box(half)[1] == doctest::Approx(-5));
}

TEST_CASE("two half arcs of one circle become a whole circle") {
  SheetProfile p;
  ProfileContour c;
  c.segments = {{{10, 0}, {-10, 0}, 1.0}, {{-10, 0}, {10, 0}, 1.0}};
  p.contours = {c};
  merge_circles(p, 1e-6);
  REQUIRE(p.contours[0].is_circle);
  CHECK(p.contours[0].radius == doctest::Approx(10));
  CHECK(std::abs(p.contours[0].centre[0]) < 1e-9);
}

TEST_CASE("the DXF is an R2000 drawing in millimetres with a CIRCLE and a bulged LWPOLYLINE") {
  const std::string dxf = write_dxf(sample_profile());
  CHECK(dxf == write_dxf(sample_profile()));
  CHECK(dxf.find("  9\n$ACADVER\n  1\nAC1015\n") != std::string::npos);
  CHECK(dxf.find("  9\n$INSUNITS\n 70\n4\n") != std::string::npos);
  CHECK(dxf.find("  2\nCUT\n 70\n0\n 62\n1\n") != std::string::npos);
  CHECK(dxf.find("ENGRAVE") == std::string::npos);
  CHECK(dxf.find("  0\nCIRCLE\n  5\n101\n330\n1F\n100\nAcDbEntity\n  8\nCUT\n100\nAcDbCircle\n 10\n20.000000\n"
                 " 20\n25.000000\n 30\n0.000000\n 40\n5.000000\n") != std::string::npos);
  CHECK(dxf.find("100\nAcDbPolyline\n 90\n5\n 70\n1\n 10\n0.000000\n 20\n0.000000\n") != std::string::npos);
  CHECK(dxf.find(" 42\n0.414213562\n") != std::string::npos);
  CHECK(dxf.ends_with("  0\nEOF\n"));
}

TEST_CASE("the SVG is 1:1 in millimetres, flipped so y points up") {
  const std::string svg = write_svg(sample_profile());
  CHECK(svg == write_svg(sample_profile()));
  CHECK(svg.find("width=\"102mm\" height=\"52mm\" viewBox=\"0 0 102 52\"") != std::string::npos);
  // The hole at (20, 25) of a 50 mm high part: x + 1, 50 + 1 - 25.
  CHECK(svg.find("<circle cx=\"21\" cy=\"26\" r=\"5\"/>") != std::string::npos);
  // The outline starts at its lowest-left vertex (0, 0) = (1, 51) on screen; the arc turns
  // counter-clockwise in the part, sweep-flag 0 on screen.
  CHECK(svg.find("<path d=\"M1,51 L96,51 A5,5 0 0 0 101,46 L101,1 L1,1 L1,51 Z\"/>") != std::string::npos);
}

TEST_CASE("fitting mesh contours: circles, arcs and lines") {
  SUBCASE("a tessellated circle is one circle") {
    const auto c = fit_contour(circle_points(30, 40, 2.75, 36));
    REQUIRE(c.is_circle);
    CHECK(c.centre[0] == doctest::Approx(30).epsilon(1e-9));
    CHECK(c.centre[1] == doctest::Approx(40).epsilon(1e-9));
    CHECK(c.radius == doctest::Approx(2.75).epsilon(1e-9));
  }
  SUBCASE("a square keeps its four corners as lines, collinear points merged") {
    const auto c = fit_contour({{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}});
    REQUIRE_FALSE(c.is_circle);
    CHECK(c.segments.size() == 4);
    for (const auto& s : c.segments) CHECK(s.bulge == 0);
  }
  SUBCASE("a rounded rectangle: four lines and four quarter arcs") {
    std::vector<P2> poly;
    const std::array<P2, 4> centres{{{45, 5}, {45, 15}, {5, 15}, {5, 5}}};
    for (int q = 0; q < 4; ++q)
      for (int k = 0; k <= 8; ++k) {
        const double a = (q - 1) * std::numbers::pi / 2 + k * std::numbers::pi / 16;
        poly.push_back({centres[q][0] + 5 * std::cos(a), centres[q][1] + 5 * std::sin(a)});
      }
    const auto c = fit_contour(poly);
    REQUIRE_FALSE(c.is_circle);
    int arcs = 0, lines = 0;
    for (const auto& s : c.segments) {
      if (s.bulge == 0) {
        ++lines;
        continue;
      }
      ++arcs;
      CHECK(s.bulge == doctest::Approx(std::tan(std::numbers::pi / 8)).epsilon(1e-6));
    }
    CHECK(arcs == 4);
    CHECK(lines == 4);
  }
}

TEST_CASE("binary STL: header without 'solid', 50 bytes a triangle, unit normals") {
  Mesh m;
  m.vertices = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}};
  m.triangles = {{0, 1, 2}};
  const std::string stl = write_stl(m);
  REQUIRE(stl.size() == 84 + 50);
  CHECK_FALSE(stl.starts_with("solid"));
  std::uint32_t n = 0;
  std::memcpy(&n, stl.data() + 80, 4);
  CHECK(n == 1);
  float normal[3], v1[3];
  std::memcpy(normal, stl.data() + 84, 12);
  std::memcpy(v1, stl.data() + 84 + 24, 12);
  CHECK(normal[2] == 1.0f);
  CHECK(v1[0] == 10.0f);
}

TEST_CASE("3MF: millimetres, read back by Archipel's reader, the same bytes twice") {
  Mesh m;
  m.vertices = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10.125}};
  m.triangles = {{0, 2, 1}, {0, 1, 3}, {1, 2, 3}, {0, 3, 2}};
  const auto a = write_3mf(m);
  REQUIRE(a.has_value());
  const auto b = write_3mf(m);
  REQUIRE(b.has_value());
  CHECK(*a == *b);
  const fs::path path = fs::temp_directory_path() / ("archipel-3mf-" + std::to_string(::getpid()) + ".3mf");
  std::ofstream(path, std::ios::binary) << *a;
  const auto unit = read_3mf_unit(path);
  REQUIRE(unit.has_value());
  CHECK(*unit == LengthUnit::mm);
  const auto back = read_3mf_mesh(path);
  fs::remove(path);
  REQUIRE(back.has_value());
  REQUIRE(back->vertices.size() == 4);
  CHECK(back->vertices[3][2] == 10.125);
  CHECK(back->triangles.size() == 4);
}
