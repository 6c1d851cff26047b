// Times the pairwise compatibility search on two parts with N assembly points each
// (issue target: 1000 points each in under 100 ms). Usage: bench_compat [N] [repeats]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "archipel/core/compat.hpp"

using namespace archipel::core;

namespace {

// A plate with about n Ø5.5 holes on the 20 mm OpenStructures pattern, as square as possible.
ConnectionInterface plate(int n) {
  const int nx = static_cast<int>(std::ceil(std::sqrt(n * 1.6))), ny = (n + nx - 1) / nx;
  PartMeasurement m;
  m.size_mm = {20.0 * nx, 20.0 * ny, 3};
  m.thickness_mm = 3;
  for (int k = 0; k < n; ++k)
    m.holes.push_back(Hole{5.5, {10.0 + 20.0 * (k % nx), 10.0 + 20.0 * (k / nx), 3}, {0, 0, 1}, 3, true, false});
  return derive_interface(m, InterfaceOptions{});
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 11;
  const auto a = plate(n), b = plate(n);
  std::vector<double> ms;
  std::size_t found = 0, best = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto report = check_compat(a, b);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    found = report.placements_found;
    best = report.placements.empty() ? 0 : report.placements.front().shared.size();
  }
  std::ranges::sort(ms);
  std::printf("compat %zu x %zu points: median %.2f ms (min %.2f, max %.2f) over %d runs; %zu placements, best shares %zu\n",
              a.points.size(), b.points.size(), ms[ms.size() / 2], ms.front(), ms.back(), repeats, found, best);
  return 0;
}
