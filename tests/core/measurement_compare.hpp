#pragma once
// Test helper: two measurements identical field by field, doubles compared bit for bit (an exact
// round trip keeps -0 and every last digit; `==` on doubles is not used).
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <optional>

#include "archipel/core/measurement.hpp"

namespace archipel::test {

inline std::uint64_t bits(double d) { return std::bit_cast<std::uint64_t>(d); }

inline void check_same_vec(const core::Vec3& got, const core::Vec3& want, const char* what) {
  INFO(what);
  for (int i = 0; i < 3; ++i) CHECK(bits(got[i]) == bits(want[i]));
}

inline void check_same_optional(const std::optional<double>& got, const std::optional<double>& want,
                                const char* what) {
  INFO(what);
  REQUIRE(got.has_value() == want.has_value());
  if (got) CHECK(bits(*got) == bits(*want));
}

/// Every field of `got` equals `want`'s exactly.
inline void check_identical(const core::PartMeasurement& got, const core::PartMeasurement& want) {
  CHECK(got.format == want.format);
  CHECK(got.kind == want.kind);
  CHECK(got.source_unit == want.source_unit);
  CHECK(got.frame.method == want.frame.method);
  check_same_vec(got.frame.origin, want.frame.origin, "frame.origin");
  check_same_vec(got.frame.x_axis, want.frame.x_axis, "frame.x_axis");
  check_same_vec(got.frame.y_axis, want.frame.y_axis, "frame.y_axis");
  check_same_vec(got.frame.z_axis, want.frame.z_axis, "frame.z_axis");
  check_same_vec(got.size_mm, want.size_mm, "size_mm");
  CHECK(bits(got.volume_mm3) == bits(want.volume_mm3));
  check_same_optional(got.thickness_mm, want.thickness_mm, "thickness_mm");
  check_same_optional(got.mass_g, want.mass_g, "mass_g");
  CHECK(got.triangle_count == want.triangle_count);
  CHECK(got.face_count == want.face_count);
  CHECK(got.warnings == want.warnings);
  REQUIRE(got.openings.size() == want.openings.size());
  for (std::size_t i = 0; i < got.openings.size(); ++i) {
    CAPTURE(i);
    const core::Opening& g = got.openings[i];
    const core::Opening& w = want.openings[i];
    CHECK(g.shape == w.shape);
    check_same_vec(g.center_mm, w.center_mm, "opening.center_mm");
    check_same_vec(g.axis, w.axis, "opening.axis");
    check_same_vec(g.direction, w.direction, "opening.direction");
    CHECK(bits(g.width_mm) == bits(w.width_mm));
    CHECK(bits(g.length_mm) == bits(w.length_mm));
    CHECK(bits(g.depth_mm) == bits(w.depth_mm));
    CHECK(g.through == w.through);
    CHECK(g.sides == w.sides);
  }
  REQUIRE(got.holes.size() == want.holes.size());
  for (std::size_t i = 0; i < got.holes.size(); ++i) {
    CAPTURE(i);
    const core::Hole& g = got.holes[i];
    const core::Hole& w = want.holes[i];
    CHECK(bits(g.diameter_mm) == bits(w.diameter_mm));
    check_same_vec(g.center_mm, w.center_mm, "hole.center_mm");
    check_same_vec(g.axis, w.axis, "hole.axis");
    CHECK(bits(g.depth_mm) == bits(w.depth_mm));
    CHECK(g.through == w.through);
    CHECK(g.boss == w.boss);
    REQUIRE(g.features.size() == w.features.size());
    for (std::size_t k = 0; k < g.features.size(); ++k) {
      CHECK(g.features[k].kind == w.features[k].kind);
      CHECK(bits(g.features[k].diameter_mm) == bits(w.features[k].diameter_mm));
      CHECK(bits(g.features[k].depth_mm) == bits(w.features[k].depth_mm));
      CHECK(bits(g.features[k].offset_mm) == bits(w.features[k].offset_mm));
    }
  }
}

}  // namespace archipel::test
