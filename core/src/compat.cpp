#include "archipel/core/compat.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "archipel/core/fasteners.hpp"

namespace archipel::core {
namespace {

// Main-face points that can take a fastener: the ones a joint between stacked parts uses.
std::vector<std::size_t> joinable(const ConnectionInterface& part) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < part.points.size(); ++i)
    if (part.points[i].face == "z" && !part.points[i].fastener.empty()) out.push_back(i);
  return out;
}

std::set<std::string> fasteners_of(const ConnectionInterface& part, const std::vector<std::size_t>& idx) {
  std::set<std::string> out;
  for (auto i : idx) out.insert(part.points[i].fastener);
  return out;
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

// Key for a node of A carrying a given fastener.
using NodeKey = std::tuple<int, int, std::string>;

// The fasteners shared by placement p: pairs whose nodes coincide and fasteners match, with at
// least one of the two holes going through (a blind hole is tapped or takes an insert).
std::vector<SharedFastener> shared_in(const ConnectionInterface& a, const ConnectionInterface& b,
                                      const std::map<NodeKey, std::size_t>& a_nodes,
                                      const std::vector<std::size_t>& b_idx, const BoltedPlacement& p) {
  std::vector<SharedFastener> out;
  for (auto j : b_idx) {
    const auto& pb = b.points[j];
    const auto [x, y] = place_node(p, pb.gx, pb.gy);
    auto it = a_nodes.find({x, y, pb.fastener});
    if (it == a_nodes.end()) continue;
    if (!a.points[it->second].through && !pb.through) continue;
    out.push_back({it->second, j, pb.fastener, x, y});
  }
  std::ranges::sort(out, [](const auto& l, const auto& r) { return std::tie(l.gy, l.gx) < std::tie(r.gy, r.gx); });
  return out;
}

// Chooses the screw for a joint: shortest standard length covering clamp + nut; false if none.
bool choose_screw(BoltedPlacement& p) {
  static constexpr double lengths[] = {6, 8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100};
  const auto* f = find_fastener(p.shared.front().fastener);
  if (!f) return false;
  const double needed = p.clamp_mm + f->nut_height_mm;
  for (double len : lengths) {
    if (len > f->max_length_mm) break;
    if (len + 1e-9 >= needed) {
      p.screw = fmt::format("{} x {:g} + nut", f->name, len);
      return true;
    }
  }
  return false;
}

// Small integer ids for fastener names, so the inner voting loop compares ints.
struct FastenerIds {
  std::map<std::string, int> ids;
  int of(const std::string& name) { return ids.emplace(name, static_cast<int>(ids.size())).first->second; }
};

// A translation of B (in grid nodes) for one orientation, with how many fasteners it shares.
struct Candidate {
  int votes = 0;
  BoltedPlacement placement;
};

// Counts, for one orientation, how many pairs of same-fastener points each translation makes
// coincide (pairs where both holes are blind do not count). Votes go into a dense array when the
// translation range is small, else a hash map.
void vote(const ConnectionInterface& a, const std::vector<std::size_t>& a_idx,
          const ConnectionInterface& b, const std::vector<std::size_t>& b_idx, FastenerIds& ids,
          const BoltedPlacement& orient, int min_votes, std::vector<Candidate>& out) {
  struct Pt { int x, y, f; bool through; };
  std::vector<Pt> pa, pb;
  for (auto i : a_idx) pa.push_back({a.points[i].gx, a.points[i].gy, ids.of(a.points[i].fastener), a.points[i].through});
  for (auto j : b_idx) {
    const auto [x, y] = place_node(orient, b.points[j].gx, b.points[j].gy);
    pb.push_back({x, y, ids.of(b.points[j].fastener), b.points[j].through});
  }
  auto bounds = [](const std::vector<Pt>& v, int Pt::*m) {
    auto [lo, hi] = std::ranges::minmax_element(v, {}, m);
    return std::pair{(*lo).*m, (*hi).*m};
  };
  const auto [ax0, ax1] = bounds(pa, &Pt::x);
  const auto [ay0, ay1] = bounds(pa, &Pt::y);
  const auto [bx0, bx1] = bounds(pb, &Pt::x);
  const auto [by0, by1] = bounds(pb, &Pt::y);
  const int tx0 = ax0 - bx1, ty0 = ay0 - by1;
  const long w = ax1 - bx0 - tx0 + 1, h = ay1 - by0 - ty0 + 1;
  auto count_pairs = [&](auto&& add) {
    for (const auto& q : pb)
      for (const auto& p : pa)
        if (p.f == q.f && (p.through || q.through)) add(p.x - q.x, p.y - q.y);
  };
  auto emit = [&](int tx, int ty, int n) {
    BoltedPlacement p = orient;
    p.dx = tx;
    p.dy = ty;
    out.push_back({n, std::move(p)});
  };
  if (w * h <= 16'000'000) {
    std::vector<int> grid(static_cast<std::size_t>(w * h), 0);
    count_pairs([&](int tx, int ty) { ++grid[static_cast<std::size_t>((ty - ty0) * w + (tx - tx0))]; });
    for (long i = 0; i < w * h; ++i)
      if (grid[static_cast<std::size_t>(i)] >= min_votes)
        emit(static_cast<int>(i % w) + tx0, static_cast<int>(i / w) + ty0, grid[static_cast<std::size_t>(i)]);
  } else {
    std::unordered_map<long long, int> votes;
    count_pairs([&](int tx, int ty) { ++votes[(static_cast<long long>(tx) << 32) ^ static_cast<unsigned>(ty)]; });
    for (const auto& [key, n] : votes)
      if (n >= min_votes) emit(static_cast<int>(key >> 32), static_cast<int>(key & 0xffffffff), n);
  }
}

CompatReport refuse(CompatReason reason, std::string explanation) {
  CompatReport r;
  r.reason = reason;
  r.explanation = std::move(explanation);
  return r;
}

// Checks that do not depend on a placement: grids, points, fasteners. Empty when they pass.
std::optional<CompatReport> precheck(const ConnectionInterface& a, const ConnectionInterface& b,
                                     const std::vector<std::size_t>& ai, const std::vector<std::size_t>& bi,
                                     std::size_t min_shared) {
  if (a.grid != b.grid)
    return refuse(CompatReason::different_grids,
                  fmt::format("different grid standards: A is on {}, B is on {}", a.grid, b.grid));
  if (std::abs(a.node_step_mm - b.node_step_mm) > 1e-6)
    return refuse(CompatReason::different_grids,
                  fmt::format("different grid node steps: {:g} mm and {:g} mm", a.node_step_mm, b.node_step_mm));
  for (const auto& [name, idx] : {std::pair{"A", &ai}, std::pair{"B", &bi}})
    if (idx->size() < min_shared)
      return refuse(CompatReason::too_few_points,
                    fmt::format("{} has {} assembly point{} on its main face that take{} a metric fastener; a joint needs {}",
                                name, idx->size(), idx->size() == 1 ? "" : "s", idx->size() == 1 ? "s" : "", min_shared));
  const auto fa = fasteners_of(a, ai), fb = fasteners_of(b, bi);
  std::set<std::string> common;
  std::ranges::set_intersection(fa, fb, std::inserter(common, common.end()));
  if (common.empty())
    return refuse(CompatReason::incompatible_fasteners,
                  fmt::format("incompatible fastener sizes: A takes {}, B takes {}", join(fa), join(fb)));
  return std::nullopt;
}

auto order_key(const BoltedPlacement& p) {
  return std::make_tuple(p.flip, p.rotation, std::abs(p.dx) + std::abs(p.dy), p.dy, p.dx);
}

// The material one fastener clamps at a shared point: both holes' depths (else the parts' clamp).
double clamp_at(const ConnectionInterface& a, const ConnectionInterface& b, const SharedFastener& s) {
  const double da = a.points[s.a_point].depth_mm, db = b.points[s.b_point].depth_mm;
  return (da > 0 ? da : a.clamp_mm) + (db > 0 ? db : b.clamp_mm);
}

// The longest clamp among a placement's fasteners.
double placement_clamp(const ConnectionInterface& a, const ConnectionInterface& b, const BoltedPlacement& p) {
  double clamp = 0;
  for (const auto& s : p.shared) clamp = std::max(clamp, clamp_at(a, b, s));
  return clamp;
}

// Keeps the placements whose clamp a standard screw covers; says why when none does.
// `found` is ranked already; `total` counts the placements before truncation.
CompatReport finish(std::vector<BoltedPlacement> found, std::size_t total, const ConnectionInterface& a,
                    const ConnectionInterface& b, const CompatOptions& options) {
  if (found.empty())
    return refuse(CompatReason::no_alignment,
                  fmt::format("no placement on the grid makes {} assembly points with the same fastener coincide",
                              options.min_shared));
  std::vector<BoltedPlacement> ok;
  std::string failed;
  double clamp = 0;
  for (auto& p : found) {
    p.clamp_mm = placement_clamp(a, b, p);
    if (!choose_screw(p)) clamp = p.clamp_mm;
    if (!p.screw.empty()) ok.push_back(std::move(p));
    else { --total; if (failed.empty()) failed = p.shared.front().fastener; }
  }
  if (ok.empty()) {
    const auto* f = find_fastener(failed);
    return refuse(CompatReason::clamp_too_long,
                  fmt::format("clamp length {:g} mm plus a {:g} mm nut exceeds the longest standard {} screw ({:g} mm)",
                              clamp, f ? f->nut_height_mm : 0.0, failed, f ? f->max_length_mm : 0.0));
  }
  CompatReport r;
  r.placements_found = total;
  r.placements = std::move(ok);
  const auto& best = r.placements.front();
  r.explanation = fmt::format("{} placement{}; the best shares {} fastener{} ({})", r.placements_found,
                              r.placements_found == 1 ? "" : "s", best.shared.size(),
                              best.shared.size() == 1 ? "" : "s", best.screw);
  return r;
}

std::map<NodeKey, std::size_t> node_index(const ConnectionInterface& a, const std::vector<std::size_t>& ai) {
  std::map<NodeKey, std::size_t> out;
  for (auto i : ai) out.emplace(NodeKey{a.points[i].gx, a.points[i].gy, a.points[i].fastener}, i);
  return out;
}

}  // namespace

std::pair<int, int> place_node(const BoltedPlacement& p, int gx, int gy) {
  if (p.flip) gy = -gy;
  int x = gx, y = gy;
  switch (p.rotation) {
    case 90: x = -gy; y = gx; break;
    case 180: x = -gx; y = -gy; break;
    case 270: x = gy; y = -gx; break;
    default: break;
  }
  return {x + p.dx, y + p.dy};
}

CompatReport check_compat(const ConnectionInterface& a, const ConnectionInterface& b,
                          const CompatOptions& options) {
  const auto ai = joinable(a), bi = joinable(b);
  if (auto refused = precheck(a, b, ai, bi, options.min_shared)) return *refused;
  FastenerIds ids;
  std::vector<Candidate> candidates;
  for (bool flip : {false, true})
    for (int rotation : {0, 90, 180, 270})
      vote(a, ai, b, bi, ids, BoltedPlacement{0, 0, rotation, flip, {}, 0, {}},
           static_cast<int>(options.min_shared), candidates);
  std::ranges::sort(candidates, [](const Candidate& l, const Candidate& r) {
    if (l.votes != r.votes) return l.votes > r.votes;
    return order_key(l.placement) < order_key(r.placement);
  });
  const std::size_t total = candidates.size();
  if (candidates.size() > options.max_placements) candidates.resize(options.max_placements);
  const auto a_nodes = node_index(a, ai);
  std::vector<BoltedPlacement> found;
  for (auto& c : candidates) {
    c.placement.shared = shared_in(a, b, a_nodes, bi, c.placement);
    found.push_back(std::move(c.placement));
  }
  return finish(std::move(found), total, a, b, options);
}

CompatReport check_placement(const ConnectionInterface& a, const ConnectionInterface& b,
                             const BoltedPlacement& placement, const CompatOptions& options) {
  const auto ai = joinable(a), bi = joinable(b);
  if (auto refused = precheck(a, b, ai, bi, options.min_shared)) return *refused;
  BoltedPlacement p = placement;
  p.shared = shared_in(a, b, node_index(a, ai), bi, p);
  if (p.shared.size() < options.min_shared)
    return refuse(CompatReason::no_alignment,
                  fmt::format("this placement makes {} assembly point{} coincide with the same fastener; a joint needs {}",
                              p.shared.size(), p.shared.size() == 1 ? "" : "s", options.min_shared));
  return finish({std::move(p)}, 1, a, b, options);
}

std::string reason_name(CompatReason reason) {
  switch (reason) {
    case CompatReason::compatible: return "compatible";
    case CompatReason::different_grids: return "different-grids";
    case CompatReason::too_few_points: return "too-few-points";
    case CompatReason::incompatible_fasteners: return "incompatible-fasteners";
    case CompatReason::no_alignment: return "no-alignment";
    case CompatReason::clamp_too_long: return "clamp-too-long";
  }
  return "unknown";
}

nlohmann::json to_json(const CompatReport& report) {
  nlohmann::json placements = nlohmann::json::array();
  for (const auto& p : report.placements) {
    nlohmann::json shared = nlohmann::json::array();
    for (const auto& s : p.shared)
      shared.push_back({{"a_point", s.a_point}, {"b_point", s.b_point}, {"fastener", s.fastener}, {"node", {s.gx, s.gy}}});
    placements.push_back({{"dx", p.dx}, {"dy", p.dy}, {"rotation", p.rotation}, {"flip", p.flip},
                          {"shared_fasteners", p.shared.size()}, {"shared", shared},
                          {"clamp_mm", p.clamp_mm}, {"screw", p.screw}});
  }
  return {{"compatible", report.reason == CompatReason::compatible},
          {"reason", reason_name(report.reason)},
          {"explanation", report.explanation},
          {"placements_found", report.placements_found},
          {"placements", placements}};
}

}  // namespace archipel::core
