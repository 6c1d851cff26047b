// Chaining coaxial hole pieces into holes (see hole_chains.hpp).
#include "in_process/hole_chains.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "frame/vec3.hpp"

namespace archipel::core::detail {
namespace {

constexpr double same_axis_sin = 1e-4;  // directions this close are one axis (fitted mesh axes)

Vec3 canonical(const Vec3& d) {
  int k = 0;
  for (int i = 1; i < 3; ++i)
    if (std::abs(d[i]) > std::abs(d[k])) k = i;
  return d[k] < 0 ? scale(d, -1) : d;
}

bool same_line(const HoleSegment& a, const HoleSegment& b, const Tolerances& tol) {
  return norm(cross(a.dir, b.dir)) <= same_axis_sin && norm(sub(a.base, b.base)) <= tol.hole_group_mm;
}

double diameter(const HoleSegment& s) { return std::max(s.d0, s.d1); }

// A run of pieces along one axis, sorted by t0, each touching the next.
using Chain = std::vector<const HoleSegment*>;

// Drops drill points: end cones narrowing outwards. Returns whether one ending in its apex
// closed the low and the high end (on meshes the section beyond a wall ending in a drill point
// finds no material at the axis, so the wall's own end reads as open).
std::array<bool, 2> drop_drill_points(Chain& c, double tol) {
  std::array<bool, 2> apex{false, false};
  while (!c.empty() && c.front()->cone && c.front()->d0 < c.front()->d1) {
    apex[0] = apex[0] || c.front()->d0 <= tol;
    c.erase(c.begin());
  }
  while (!c.empty() && c.back()->cone && c.back()->d1 < c.back()->d0) {
    apex[1] = apex[1] || c.back()->d1 <= tol;
    c.pop_back();
  }
  return apex;
}

bool open_start(const HoleSegment& s) { return s.cone ? s.d0 > s.d1 : s.open0; }
bool open_end(const HoleSegment& s) { return s.cone ? s.d1 > s.d0 : s.open1; }

// Marks the pieces in the wide run next to an open end (counterbores and countersinks).
std::vector<bool> at_open_end(const Chain& c, double narrowest, bool open_lo, bool open_hi,
                              double tol) {
  std::vector<bool> out(c.size(), false);
  const auto wide = [&](const HoleSegment* s) { return s->cone || diameter(*s) > narrowest + tol; };
  if (open_lo)
    for (std::size_t i = 0; i < c.size() && wide(c[i]); ++i) out[i] = true;
  if (open_hi)
    for (std::size_t i = c.size(); i-- > 0 && wide(c[i]);) out[i] = true;
  return out;
}

Hole chained_hole(Chain c, const Tolerances& tol) {
  const auto apex = drop_drill_points(c, tol.hole_group_mm);
  double narrowest = 1e300;
  for (const HoleSegment* s : c)
    if (!s->cone) narrowest = std::min(narrowest, s->d0);
  const double lo = c.front()->t0, hi = c.back()->t1;
  const bool open_lo = !apex[0] && open_start(*c.front()), open_hi = !apex[1] && open_end(*c.back());
  const bool from_hi = open_hi && !open_lo;  // entered at its upper end, pointing into the part
  const HoleSegment& first = *c.front();
  Hole hole;
  hole.diameter_mm = narrowest;
  hole.depth_mm = hi - lo;
  hole.through = open_lo && open_hi;
  hole.axis = from_hi ? scale(first.dir, -1) : first.dir;
  hole.center_mm = add(first.base, scale(first.dir, from_hi ? hi : lo));
  const auto marked = at_open_end(c, narrowest, open_lo, open_hi, tol.hole_group_mm);
  struct Span {
    const char* kind;
    double diameter, t0, t1;
  };
  std::vector<Span> spans;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const HoleSegment& s = *c[i];
    if (!s.cone && diameter(s) <= narrowest + tol.hole_group_mm) continue;
    if (s.cone && !marked[i]) continue;  // a taper between two steps: part of neither feature
    const char* kind = s.cone ? "countersink" : marked[i] ? "counterbore" : "groove";
    // Pieces of one feature split by the reader (two faces of one counterbore) are one feature.
    // A cone comes in slabs on meshes (one per ring of the tessellation): touching cone pieces
    // are one countersink, as wide as its widest slab.
    if (!spans.empty() && std::string_view(spans.back().kind) == kind &&
        (s.cone || near(spans.back().diameter, diameter(s), tol.hole_group_mm)) &&
        s.t0 <= spans.back().t1 + tol.hole_group_mm) {
      spans.back().t1 = std::max(spans.back().t1, s.t1);
      spans.back().diameter = std::max(spans.back().diameter, diameter(s));
      continue;
    }
    spans.push_back({kind, diameter(s), s.t0, s.t1});
  }
  for (const Span& sp : spans)
    hole.features.push_back({sp.kind, sp.diameter, sp.t1 - sp.t0, from_hi ? hi - sp.t1 : sp.t0 - lo});
  std::ranges::sort(hole.features, {}, &HoleFeature::offset_mm);
  return hole;
}

// Splits one axis line's pieces, sorted by t0, into runs whose ranges touch.
std::vector<Chain> chains_of(std::vector<const HoleSegment*> line, double gap) {
  std::ranges::sort(line, [](const HoleSegment* a, const HoleSegment* b) {
    return a->t0 < b->t0 || (a->t0 <= b->t0 && a->t1 < b->t1);
  });
  std::vector<Chain> out;
  double reach = -1e300;
  for (const HoleSegment* s : line) {
    if (out.empty() || s->t0 > reach + gap) out.emplace_back();
    out.back().push_back(s);
    reach = std::max(reach, s->t1);
  }
  return out;
}

}  // namespace

HoleSegment segment_of(const Hole& hole) {
  HoleSegment s;
  s.dir = canonical(hole.axis);
  s.base = in_plane(hole.center_mm, s.dir);
  const double entry = dot(hole.center_mm, s.dir);
  const bool forward = dot(hole.axis, s.dir) > 0;
  s.t0 = forward ? entry : entry - hole.depth_mm;
  s.t1 = forward ? entry + hole.depth_mm : entry;
  s.d0 = s.d1 = hole.diameter_mm;
  s.open0 = hole.through || (!hole.boss && forward);
  s.open1 = hole.through || (!hole.boss && !forward);
  s.boss = hole.boss;
  s.hole = hole;
  return s;
}

std::vector<Hole> chain_holes(std::vector<HoleSegment> segments, const Tolerances& tolerances) {
  std::vector<Hole> out;
  std::vector<std::vector<const HoleSegment*>> lines;
  for (const HoleSegment& s : segments) {
    if (s.boss) {
      if (!s.cone) out.push_back(s.hole);
      continue;
    }
    auto line = std::ranges::find_if(lines, [&](const auto& l) { return same_line(*l.front(), s, tolerances); });
    if (line == lines.end())
      lines.push_back({&s});
    else
      line->push_back(&s);
  }
  for (const auto& line : lines)
    for (Chain& c : chains_of(line, tolerances.hole_group_mm)) {
      const auto cylinders = std::ranges::count_if(c, [](const HoleSegment* s) { return !s->cone; });
      if (cylinders == 0) continue;
      if (c.size() == 1) {
        out.push_back(c.front()->hole);
        continue;
      }
      out.push_back(chained_hole(std::move(c), tolerances));
    }
  return out;
}

}  // namespace archipel::core::detail
