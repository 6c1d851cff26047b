// Hash-grid vertex welding (open addressing, linear probing, cells chained through next_).
#include "mesh/weld.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

namespace archipel::core::detail {
namespace {

constexpr double cells_per_tolerance = 16.0;
// Round coordinates (5.0, 12.5) are common; shifting the grid keeps them off cell borders.
constexpr double grid_shift = 0.3819660112501051;

std::int32_t cell_index(double v, double inverse_cell) {
  return static_cast<std::int32_t>(std::floor(v * inverse_cell + grid_shift));
}

}  // namespace

Welder::Welder(double tolerance_mm, std::size_t expected)
    : tolerance_(tolerance_mm),
      cell_(tolerance_mm * cells_per_tolerance),
      inverse_cell_(1.0 / cell_) {
  slots_.assign(std::bit_ceil(std::max<std::size_t>(64, expected * 3 / 2)), Slot{0, 0, 0, empty_});
  vertices_.reserve(expected);
  next_.reserve(expected);
}

std::uint64_t Welder::hash(std::int32_t x, std::int32_t y, std::int32_t z) const {
  const std::uint64_t xy =
      std::uint64_t{static_cast<std::uint32_t>(x)} << 32 | static_cast<std::uint32_t>(y);
  return mix64(xy ^ mix64(static_cast<std::uint32_t>(z) + 0x9E3779B97F4A7C15ull));
}

std::uint32_t Welder::find_in_cell(std::int32_t x, std::int32_t y, std::int32_t z,
                                   const Vec3& p) const {
  for (std::size_t s = slot_of(x, y, z);; s = (s + 1) & (slots_.size() - 1)) {
    const Slot& slot = slots_[s];
    if (slot.head == empty_) return empty_;
    if (slot.x != x || slot.y != y || slot.z != z) continue;
    for (std::uint32_t v = slot.head; v != empty_; v = next_[v]) {
      const Vec3 d = sub(vertices_[v], p);
      if (dot(d, d) <= tolerance_ * tolerance_) return v;
    }
    return empty_;
  }
}

void Welder::insert(std::int32_t x, std::int32_t y, std::int32_t z, std::uint32_t index) {
  for (std::size_t s = slot_of(x, y, z);; s = (s + 1) & (slots_.size() - 1)) {
    Slot& slot = slots_[s];
    if (slot.head == empty_) {
      slot = Slot{x, y, z, index};
      next_[index] = empty_;
      ++used_;
      return;
    }
    if (slot.x == x && slot.y == y && slot.z == z) {
      next_[index] = slot.head;
      slot.head = index;
      return;
    }
  }
}

void Welder::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{0, 0, 0, empty_});
  for (const Slot& slot : old) {
    if (slot.head == empty_) continue;
    for (std::size_t s = slot_of(slot.x, slot.y, slot.z);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s].head == empty_) {
        slots_[s] = slot;
        break;
      }
    }
  }
}

std::uint32_t Welder::add(const Vec3& p) {
  std::array<std::int32_t, 3> c{};
  for (int i = 0; i < 3; ++i) c[i] = cell_index(p[i], inverse_cell_);
  // Neighbouring triangles repeat their vertices: a small cache answers most of them.
  const std::uint32_t quick = static_cast<std::uint32_t>(c[0]) * 0x9E3779B1u ^
                              static_cast<std::uint32_t>(c[1]) * 0x85EBCA77u ^
                              static_cast<std::uint32_t>(c[2]) * 0xC2B2AE3Du;
  Recent& recent = recent_[(quick ^ (quick >> 15)) & (recent_.size() - 1)];
  if (recent.vertex != empty_) {
    const Vec3 d = sub(recent.p, p);
    if (dot(d, d) <= tolerance_ * tolerance_) return recent.vertex;
  }
  const std::uint32_t v = add_uncached(p, c);
  recent = Recent{vertices_[v], v};
  return v;
}

std::uint32_t Welder::add_uncached(const Vec3& p, std::array<std::int32_t, 3> c) {
  std::array<int, 3> side{};  // -1 or +1 when p lies within the tolerance of a cell border
  for (int i = 0; i < 3; ++i) {
    const double f = p[i] * inverse_cell_ + grid_shift - c[i];
    side[i] = f * cell_ < tolerance_ ? -1 : ((1.0 - f) * cell_ < tolerance_ ? 1 : 0);
  }
  for (int dx = 0; dx <= (side[0] != 0); ++dx)
    for (int dy = 0; dy <= (side[1] != 0); ++dy)
      for (int dz = 0; dz <= (side[2] != 0); ++dz) {
        const auto v = find_in_cell(c[0] + dx * side[0], c[1] + dy * side[1],
                                    c[2] + dz * side[2], p);
        if (v != empty_) return v;
      }
  const auto index = static_cast<std::uint32_t>(vertices_.size());
  vertices_.push_back(p);
  next_.push_back(empty_);
  if ((used_ + 1) * 10 > slots_.size() * 7) grow();
  insert(c[0], c[1], c[2], index);
  return index;
}

}  // namespace archipel::core::detail
