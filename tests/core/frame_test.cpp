// The natural frame: the plane hull and calipers behind it, and the rule on parts with known
// answers (perforated plates at several pitches and facet counts, rotated and moved; a bin drawn
// standing), with a check over every STL at hand that the frame's box is never larger than the
// box in the file's own axes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numbers>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

#include "archipel/core/geometry.hpp"
#include "frame/hull2d.hpp"
#include "mesh_fixtures.hpp"
#include "plate_fixtures.hpp"

using namespace archipel::core;
using namespace archipel::test;
using archipel::core::detail::Vec2;
namespace fs = std::filesystem;

namespace {

double cross2(const Vec2& o, const Vec2& a, const Vec2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// Brute force: the smallest enclosing-rectangle area over every hull edge direction, the smallest
// width over every edge, the largest distance between two points.
struct Brute {
  double area = 1e300, min_width = 1e300, diameter = 0;
};

Brute brute_force(const std::vector<Vec2>& hull, const std::vector<Vec2>& points) {
  Brute b;
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const Vec2& p = hull[i];
    const Vec2& q = hull[(i + 1) % hull.size()];
    const double len = std::hypot(q[0] - p[0], q[1] - p[1]);
    const Vec2 u{(q[0] - p[0]) / len, (q[1] - p[1]) / len}, n{-u[1], u[0]};
    double ulo = 1e300, uhi = -1e300, nlo = 1e300, nhi = -1e300;
    for (const Vec2& x : points) {
      ulo = std::min(ulo, u[0] * x[0] + u[1] * x[1]);
      uhi = std::max(uhi, u[0] * x[0] + u[1] * x[1]);
      nlo = std::min(nlo, n[0] * x[0] + n[1] * x[1]);
      nhi = std::max(nhi, n[0] * x[0] + n[1] * x[1]);
    }
    b.area = std::min(b.area, (uhi - ulo) * (nhi - nlo));
    b.min_width = std::min(b.min_width, nhi - nlo);
  }
  for (const Vec2& a : points)
    for (const Vec2& c : points) b.diameter = std::max(b.diameter, std::hypot(a[0] - c[0], a[1] - c[1]));
  return b;
}

PartMeasurement measure_ok(const fs::path& path) {
  auto m = measure_file(path);
  if (!m) FAIL(m.error().to_string());
  return *m;
}

// The plate's measurement: exact size, one through hole in every cell, sorted by (x, y).
void check_perforated(const PartMeasurement& m, const PlateSpec& s, double tol) {
  const double w = std::max(s.nx, s.ny) * s.pitch, d = std::min(s.nx, s.ny) * s.pitch;
  CHECK(std::abs(m.size_mm[0] - w) <= tol);
  CHECK(std::abs(m.size_mm[1] - d) <= tol);
  CHECK(std::abs(m.size_mm[2] - s.thickness) <= tol);
  REQUIRE(m.thickness_mm.has_value());
  REQUIRE(m.holes.size() == static_cast<std::size_t>(s.nx * s.ny));
  const int cols = std::max(s.nx, s.ny), rows = std::min(s.nx, s.ny);
  for (int i = 0; i < cols; ++i)
    for (int j = 0; j < rows; ++j) {
      const Hole& h = m.holes[static_cast<std::size_t>(i * rows + j)];
      CAPTURE(i);
      CAPTURE(j);
      CHECK(std::abs(h.diameter_mm - s.hole_d) <= tol);
      CHECK(std::abs(h.center_mm[0] - s.pitch * (i + 0.5)) <= tol);
      CHECK(std::abs(h.center_mm[1] - s.pitch * (j + 0.5)) <= tol);
      CHECK(std::abs(h.center_mm[2]) <= tol);
      CHECK(std::abs(h.axis[2] - 1) <= 1e-9);
      CHECK(std::abs(h.depth_mm - s.thickness) <= tol);
      CHECK(h.through);
      CHECK_FALSE(h.boss);
    }
}

}  // namespace

TEST_CASE("a square's hull is its four corners, counter-clockwise, without the points inside") {
  const auto hull = detail::convex_hull_2d({{0, 0}, {2, 0}, {1, 0}, {2, 2}, {1, 1}, {0, 2}, {2, 1}, {0, 0}});
  CHECK(hull == std::vector<Vec2>{{0, 0}, {2, 0}, {2, 2}, {0, 2}});
  const auto r = detail::min_area_rectangle(hull);
  CHECK(r.area() == doctest::Approx(4).epsilon(1e-12));
  const auto w = detail::hull_widths(hull);
  CHECK(w.min == doctest::Approx(2).epsilon(1e-12));
  CHECK(w.max == doctest::Approx(std::sqrt(8.0)).epsilon(1e-12));
}

TEST_CASE("rotating calipers agree with brute force on random point sets") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> coord(-50, 50);
  for (int trial = 0; trial < 60; ++trial) {
    CAPTURE(trial);
    std::vector<Vec2> points(3 + static_cast<std::size_t>(trial) * 4);
    for (auto& p : points) p = {coord(rng), coord(rng) * (trial % 3 == 0 ? 0.1 : 1.0)};
    const auto hull = detail::convex_hull_2d(points);
    REQUIRE(hull.size() >= 3);
    for (std::size_t i = 0; i < hull.size(); ++i)  // convex, counter-clockwise, everything inside
      for (const Vec2& p : points) CHECK(cross2(hull[i], hull[(i + 1) % hull.size()], p) >= -1e-9);
    const Brute b = brute_force(hull, points);
    CHECK(detail::min_area_rectangle(hull).area() == doctest::Approx(b.area).epsilon(1e-9));
    const auto w = detail::hull_widths(hull);
    CHECK(w.min == doctest::Approx(b.min_width).epsilon(1e-9));
    CHECK(w.max == doctest::Approx(b.diameter).epsilon(1e-9));
  }
}

TEST_CASE("perforated plates measure exactly at several pitches and facet counts") {
  const auto dir = fresh_dir("frame-plates");
  const std::vector<PlateSpec> specs{
      {8, 8, 20, 5.5, 3, 64, 0},    // the OpenSCAD 160 mm plate of issue 8 (was 160.756 x 160.756)
      {30, 30, 20, 5.5, 3, 32, 45},  // the 900-hole plate of bench/ (was 848.5 x 848.5 as STL)
      {5, 3, 10, 3.2, 2, 16, 0},
      {4, 12, 15, 6.5, 4, 96, 45},
      {6, 6, 25, 5.5, 3, 8, 0},
  };
  for (std::size_t k = 0; k < specs.size(); ++k) {
    CAPTURE(k);
    const auto m = measure_ok(write_binary_stl(perforated_plate(specs[k]), dir / ("p" + std::to_string(k) + ".stl")));
    CHECK(m.frame.method == "file-axes");
    CHECK(m.volume_mm3 > 0);
    check_perforated(m, specs[k], 1e-4);
  }
}

TEST_CASE("rotated and moved perforated plates measure as drawn on the axes") {
  const auto dir = fresh_dir("frame-moved");
  const PlateSpec square{8, 8, 20, 5.5, 3, 64, 0}, strip{12, 4, 15, 6.5, 4, 32, 45};
  const std::vector<std::tuple<PlateSpec, P3, double, P3>> cases{
      {square, {0, 0, 1}, 30, {500, -300, 200}},
      {square, {0, 0, 1}, 45, {0, 0, 0}},
      {square, {1, 2, 3}, 25, {-250, 120, 75}},
      {strip, {0, 1, 1}, 40, {10, 20, 30}},
      {strip, {0, 0, 1}, 90, {0, 0, 0}},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    CAPTURE(k);
    const auto& [spec, axis, degrees, offset] = cases[k];
    const Soup soup = moved(perforated_plate(spec), axis, degrees, offset);
    const auto m = measure_ok(write_binary_stl(soup, dir / ("m" + std::to_string(k) + ".stl")));
    check_perforated(m, spec, 0.003);  // float STL coordinates far from the origin
  }
}

TEST_CASE("a tall bin drawn standing stays standing; drawn lying it stays lying") {
  const auto dir = fresh_dir("frame-bin");
  for (const auto& [name, placement, size] :
       std::vector<std::tuple<std::string, Placement, Vec3>>{{"standing", {}, {41.5, 41.5, 100}},
                                                             {"turned", {{0, 0, 1}, 30, {7, 8, 9}}, {41.5, 41.5, 100}},
                                                             {"lying", {{1, 0, 0}, 90, {}}, {100, 41.5, 41.5}}}) {
    CAPTURE(name);
    for (const auto& m : {measure_ok(write_brep(Part::bin, placement, dir / (name + ".brep"))),
                          measure_ok(write_binary_stl(tessellated(Part::bin, placement), dir / (name + ".stl")))}) {
      for (int i = 0; i < 3; ++i) CHECK(std::abs(m.size_mm[i] - size[i]) <= 1e-3);
      // Not a sheet (a thin-walled bin may have a wall thickness, never its height as one).
      CHECK((!m.thickness_mm || *m.thickness_mm < 5));
      CHECK(std::abs(m.frame.z_axis[2]) == doctest::Approx(1).epsilon(1e-9));  // the file's up
    }
  }
}

namespace {

// The box of an STL file in its own axes, read here without the library: {min, max} per axis.
std::optional<std::array<double, 6>> stl_file_box(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::array<double, 6> box{1e300, 1e300, 1e300, -1e300, -1e300, -1e300};
  const auto add = [&](double x, double y, double z) {
    const double p[3] = {x, y, z};
    for (int i = 0; i < 3; ++i) box[i] = std::min(box[i], p[i]), box[i + 3] = std::max(box[i + 3], p[i]);
  };
  std::uint32_t n = 0;
  if (bytes.size() >= 84) std::memcpy(&n, bytes.data() + 80, 4);
  if (bytes.size() >= 84 && bytes.size() == 84 + std::size_t(n) * 50) {
    for (std::uint32_t t = 0; t < n; ++t)
      for (int k = 0; k < 3; ++k) {
        float v[3];
        std::memcpy(v, bytes.data() + 84 + t * 50 + 12 + 12 * k, 12);
        add(v[0], v[1], v[2]);
      }
  } else {
    std::istringstream text(bytes);
    std::string word;
    while (text >> word)
      if (word == "vertex") {
        double x = 0, y = 0, z = 0;
        text >> x >> y >> z;
        add(x, y, z);
      }
  }
  if (box[0] > box[3]) return std::nullopt;
  return box;
}

std::vector<fs::path> stl_files_under(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(root, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root, ec))
    if (e.is_regular_file() && (e.path().extension() == ".stl" || e.path().extension() == ".STL")) out.push_back(e.path());
  std::ranges::sort(out);
  return out;
}

}  // namespace

TEST_CASE("the natural frame's box is never larger than the box in the file's axes") {
  const auto dir = fresh_dir("frame-never-larger");
  // This suite's fixtures, at several placements...
  const std::vector<Placement> placements{{}, {{0, 0, 1}, 30, {40, -20, 5}}, {{1, 2, 3}, 25, {-250, 120, 75}},
                                          {{0, 0, 1}, 45, {}}, {{1, 0, 0}, 90, {}}};
  int written = 0;
  for (Part part : {Part::plate, Part::washer, Part::pin, Part::tilted, Part::bin, Part::perforated})
    for (const Placement& p : placements)
      write_binary_stl(tessellated(part, p), dir / ("part" + std::to_string(written++) + ".stl"));
  for (const PlateSpec& s : {PlateSpec{8, 8, 20, 5.5, 3, 64, 0}, PlateSpec{5, 3, 10, 3.2, 2, 16, 0}})
    for (const Placement& p : placements)
      write_binary_stl(moved(perforated_plate(s), p.axis, p.degrees, p.offset), dir / ("plate" + std::to_string(written++) + ".stl"));
  // ...the examples' and the shared corpus's.
  std::vector<fs::path> files = stl_files_under(dir);
  for (const fs::path& root : {fs::path(ARCHIPEL_SOURCE_DIR) / "examples", fs::path(ARCHIPEL_SOURCE_DIR) / "tests",
                               fs::path(ARCHIPEL_SOURCE_DIR) / ".." / ".." / "shared" / "corpus",
                               fs::path("/work/shared/corpus")})
    for (const fs::path& f : stl_files_under(root)) files.push_back(f);
  int checked = 0;
  for (const fs::path& f : files) {
    CAPTURE(f.string());
    const auto box = stl_file_box(f);
    auto m = measure_file(f);
    if (!box || !m) continue;  // deliberately broken files have no box to compare
    const double file_volume = (box->at(3) - box->at(0)) * (box->at(4) - box->at(1)) * (box->at(5) - box->at(2));
    const double frame_volume = m->size_mm[0] * m->size_mm[1] * m->size_mm[2];
    CHECK(frame_volume <= file_volume * (1 + 1e-9) + 1e-9);
    ++checked;
  }
  CHECK(checked >= written + 5);
}
