#pragma once
// Private: welds mesh vertices closer than a tolerance, ignoring normals (STL repeats every
// vertex once per triangle, with the facet normal, so Assimp's own joining leaves it unwelded).
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// A hash grid of welded vertices: `add` returns the index of a vertex within the tolerance,
/// or appends the point. Cells are much larger than the tolerance, so a point usually needs
/// only its own cell; the neighbour cells are searched when it lies near a cell border.
class Welder {
 public:
  /// `tolerance_mm` > 0; `expected` sizes the table (it grows as needed).
  Welder(double tolerance_mm, std::size_t expected);

  /// The index of the welded vertex for `p` (coordinates within +-3 km of the origin).
  std::uint32_t add(const Vec3& p);

  /// Largest coordinate magnitude `add` accepts (the cells are indexed by 32-bit integers).
  double max_coordinate() const { return cell_ * 1.0e9; }

  /// The welded vertices, in order of first appearance.
  std::vector<Vec3> take() { return std::move(vertices_); }

 private:
  struct Slot {
    std::int32_t x, y, z;
    std::uint32_t head;  // first vertex in the cell, or empty_
  };
  static constexpr std::uint32_t empty_ = 0xFFFFFFFFu;

  std::uint32_t add_uncached(const Vec3& p, std::array<std::int32_t, 3> c);
  std::uint32_t find_in_cell(std::int32_t x, std::int32_t y, std::int32_t z, const Vec3& p) const;
  std::uint64_t hash(std::int32_t x, std::int32_t y, std::int32_t z) const;
  std::size_t slot_of(std::int32_t x, std::int32_t y, std::int32_t z) const {
    return static_cast<std::size_t>(hash(x, y, z)) & (slots_.size() - 1);
  }
  void insert(std::int32_t x, std::int32_t y, std::int32_t z, std::uint32_t index);
  void grow();

  double tolerance_;
  double cell_;
  double inverse_cell_;
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  struct Recent {
    Vec3 p{};  // the vertex's position, kept here to spare a cache miss
    std::uint32_t vertex = empty_;
  };
  std::vector<Recent> recent_ = std::vector<Recent>(4096);  // last vertex seen per hash
  std::vector<std::uint32_t> next_;  // next vertex in the same cell
  std::vector<Vec3> vertices_;
};

}  // namespace archipel::core::detail
