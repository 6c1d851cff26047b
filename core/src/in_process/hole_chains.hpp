#pragma once
// Private: a hole is one hole along its whole axis. The readers find its pieces (each full
// cylinder, and on B-reps each full cone); coaxial pieces that follow each other are chained into
// one Hole whose diameter is the narrowest cylinder's, the wider pieces becoming its features.
// Shared by the B-rep and mesh paths so that both report the same holes.
#include <vector>

#include "archipel/core/measurement.hpp"
#include "archipel/core/tolerances.hpp"

namespace archipel::core::detail {

/// One coaxial piece of a hole or boss as a reader found it. Positions along the axis are
/// t = dot(p, dir) for a point p of the axis.
struct HoleSegment {
  Vec3 base{};              ///< the point of the axis line nearest the frame origin
  Vec3 dir{0, 0, 1};        ///< unit axis direction, largest component positive
  double t0 = 0, t1 = 0;    ///< axial range, t0 <= t1
  double d0 = 0, d1 = 0;    ///< diameters at t0 and t1 (equal for a cylinder)
  bool open0 = false;       ///< the end at t0 opens out of the material (cylinders only)
  bool open1 = false;       ///< the end at t1 does
  bool boss = false;        ///< convex: material inside
  bool cone = false;        ///< a full cone (a countersink, a drill point) rather than a cylinder
  Hole hole;                ///< a cylinder as a hole of its own (kept when nothing joins it)
};

/// The segment of a hole found on its own: a through hole is open at both ends, a blind one at
/// its entry.
HoleSegment segment_of(const Hole& hole);

/// The holes the segments make: coaxial concave pieces whose axial ranges touch (within
/// `tolerances.hole_group_mm`) are one hole, its diameter the narrowest cylinder's, through when
/// both outer ends are open; wider cylinders are counterbores when only wider pieces lie between
/// them and an open end, grooves otherwise; a cone widening towards an open end is a countersink,
/// one narrowing towards a closed end (a drill point) is dropped. A lone cylinder, and every
/// boss, stays as found; cones alone are no hole. Not sorted.
std::vector<Hole> chain_holes(std::vector<HoleSegment> segments, const Tolerances& tolerances);

}  // namespace archipel::core::detail
