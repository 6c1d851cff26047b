// bench_registry_ops REGISTRY WORKDIR N: in-process figures, without the process start-up that
// the CLI pays for loading OpenCASCADE and Assimp: N publishes through Registry::publish (each a
// full publish and commit), then warm search latencies (median of 50 runs per query), then
// warm where-used and bom latencies on the synthetic components and objects (make_registry).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archipel/core/bom.hpp"
#include "archipel/registry/registry.hpp"
#include "member_lookup.hpp"

using namespace archipel::registry;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void write_part(const fs::path& dir, int i) {
  fs::create_directories(dir);
  std::ofstream(dir / "part.stl") << fmt::format("solid p{}\n  facet normal 0 0 1\n    outer loop\n"
                                                 "      vertex 0 0 0\n      vertex {} 0 0\n      vertex 0 40 0\n"
                                                 "    endloop\n  endfacet\nendsolid p{}\n", i, 40 + i, i);
  std::ofstream(dir / "part.json") << fmt::format(
      R"({{"schema": 1, "kind": "part", "name": "inproc part {}", "version": "1.0.0", )"
      R"("designer": {{"name": "Bench", "email": "bench@example.org"}}, "licence": "CC-BY-4.0", )"
      R"("dimensions": {{"width_mm": {}, "depth_mm": 40, "height_mm": 3}}, )"
      R"("files": [{{"path": "part.stl", "role": "fabrication", "format": "stl", "unit": "mm"}}]}})",
      i, 40 + i);
}

// Median of `runs` timed calls of `f` (which returns a count to print).
template <typename F>
double median_ms(int runs, F&& f, std::size_t& count) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    count = f();
    times.push_back(ms_since(t));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void composition_figures(Registry& reg) {
  const std::string ns = reg.config().ns;
  for (const char* n : {"P0011", "P0001"}) {
    auto serial = *parse_serial(ns + "-" + n);
    std::size_t rows = 0;
    double ms = median_ms(50, [&] {
      auto r = reg.where_used(serial);
      return r ? r->size() : std::size_t{0};
    }, rows);
    std::printf("where_used %-33s %9.2f ms  (median of 50, warm, %zu users)\n", serial.to_string().c_str(), ms, rows);
  }
  auto lookup = archipel::cli::bom_lookup(reg);
  std::size_t lines = 0;
  double ms = median_ms(20, [&] {
    auto r = archipel::core::resolve_bom(ns + "-O0001", "*", lookup);
    return r && r->problems.empty() ? r->lines.size() : std::size_t{0};
  }, lines);
  std::printf("bom %-40s %9.2f ms  (median of 20, warm, %zu lines, no problems)\n", (ns + "-O0001").c_str(), ms, lines);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_registry_ops REGISTRY WORKDIR N\n");
    return 2;
  }
  auto reg = Registry::open(argv[1]);
  if (!reg) {
    std::fprintf(stderr, "%s\n", reg.error().to_string().c_str());
    return 3;
  }
  fs::path work = argv[2];
  int n = std::stoi(argv[3]);
  for (int i = 1; i <= n; ++i) write_part(work / std::to_string(i), i);
  auto start = Clock::now();
  for (int i = 1; i <= n; ++i) {
    auto p = reg->publish(work / std::to_string(i) / "part.json");
    if (!p) {
      std::fprintf(stderr, "%s\n", p.error().to_string().c_str());
      return 1;
    }
  }
  double total = ms_since(start);
  std::printf("%-44s %9.1f ms  %6.1f parts/s  (in-process, one commit each)\n", "Registry::publish",
              total, n * 1000.0 / total);
  start = Clock::now();
  auto refreshed = reg->refresh_index();
  if (!refreshed) return 3;
  std::printf("%-44s %9.1f ms  (%zu versions re-indexed%s)\n", "index refresh", ms_since(start),
              refreshed->changed, refreshed->rebuilt ? ", full build" : "");
  struct Q {
    const char* label;
    SearchQuery q;
  };
  std::vector<Q> queries(4);
  queries[0] = {"text \"bracket\"", {}};
  queries[0].q.text = "bracket";
  queries[1] = {"text \"bracket\" + material aluminium", {}};
  queries[1].q.text = "bracket";
  queries[1].q.material = "aluminium";
  queries[2] = {"max-size 100x50x5 + licence commercial", {}};
  queries[2].q.max_size = std::array<double, 3>{100, 50, 5};
  queries[2].q.licence_allows = "commercial";
  queries[3] = {"designer \"Hopper\" + process laser", {}};
  queries[3].q.designer = "Hopper";
  queries[3].q.process = "laser";
  for (auto& [label, q] : queries) {
    q.limit = 20;
    std::vector<double> times;
    std::size_t hits = 0;
    for (int i = 0; i < 50; ++i) {
      auto t = Clock::now();
      auto r = reg->search(q);
      times.push_back(ms_since(t));
      if (r) hits = r->size();
    }
    std::sort(times.begin(), times.end());
    std::printf("search %-37s %9.2f ms  (median of 50, warm, %zu hits shown)\n", label, times[25], hits);
  }
  composition_figures(*reg);
  return 0;
}
