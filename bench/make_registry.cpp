// make_registry OUT N [NS]: a synthetic registry of N parts written directly with libgit2 (the
// store layer), in commits of 5000 parts: each part has a part.json and a small real ASCII STL
// (a box of its declared size); every tenth part is a fork of an earlier one.
#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "archipel/registry/registry.hpp"
#include "git/store.hpp"
#include "impl.hpp"

using namespace archipel;
using namespace archipel::registry;
using nlohmann::json;

namespace {

const char* materials[] = {"birch plywood", "aluminium", "steel", "oak", "PLA", "PETG", "HDPE", "MDF"};
const char* designers[] = {"Ada Lovelace", "Grace Hopper", "Thomas Lommée", "Hedy Lamarr", "Alan Kay",
                           "Margaret Hamilton", "Dieter Rams", "Enzo Mari"};
const char* licences[] = {"CERN-OHL-S-2.0", "CERN-OHL-P-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0",
                          "CC-BY-NC-4.0", "MIT", "CC-BY-ND-4.0"};
const char* nouns[] = {"plate", "bracket", "beam", "shelf", "hinge", "clamp", "joint", "panel", "leg", "bin"};
const char* processes[] = {"laser-cutting", "3d-printing", "cnc-milling", "sawing"};

std::string box_stl(double w, double d, double h) {
  double v[8][3] = {{0, 0, 0}, {w, 0, 0}, {w, d, 0}, {0, d, 0}, {0, 0, h}, {w, 0, h}, {w, d, h}, {0, d, h}};
  int f[12][3] = {{0, 2, 1}, {0, 3, 2}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4},
                  {1, 2, 6}, {1, 6, 5}, {2, 3, 7}, {2, 7, 6}, {3, 0, 4}, {3, 4, 7}};
  std::string out = "solid box\n";
  for (auto& t : f) {
    out += "  facet normal 0 0 0\n    outer loop\n";
    for (int i : t) out += fmt::format("      vertex {} {} {}\n", v[i][0], v[i][1], v[i][2]);
    out += "    endloop\n  endfacet\n";
  }
  return out + "endsolid box\n";
}

json manifest(std::uint64_t n, const std::string& ns, const std::string& sha) {
  double w = 40.0 * static_cast<double>(1 + n % 8), d = 20.0 * static_cast<double>(1 + (n / 8) % 4);
  double h = 3.0 + static_cast<double>(n % 5);
  json m = {{"schema", 1},
            {"kind", "part"},
            {"name", fmt::format("{} {} {}x{}", nouns[n % 10], materials[(n / 10) % 8], w, d)},
            {"version", "1.0.0"},
            {"serial", Serial{ns, 'P', n}.to_string()},
            {"designer", {{"name", designers[n % 8]}, {"email", fmt::format("d{}@example.org", n % 8)}}},
            {"licence", licences[(n / 3) % 8]},
            {"materials", {{{"name", materials[(n / 10) % 8]}, {"form", "sheet"}}}},
            {"dimensions", {{"width_mm", w}, {"depth_mm", d}, {"height_mm", h}}},
            {"grid", {{"standard", "openstructures"}, {"size", {1 + n % 8, 1 + (n / 8) % 4}}}},
            {"files", {{{"path", "part.stl"}, {"role", "fabrication"}, {"format", "stl"}, {"unit", "mm"},
                        {"sha256", sha}}}},
            {"fabrication", {{{"process", processes[n % 4]}, {"file", "part.stl"}}}},
            {"description", fmt::format("Synthetic {} number {} for benchmarks", nouns[n % 10], n)},
            {"tags", {nouns[n % 10], "synthetic"}}};
  // Forks only of parents whose licence allows derivatives (and share-alike keeps its licence).
  std::uint64_t parent = n / 2;
  if (n % 10 == 0 && parent >= 1 && std::string(licences[(parent / 3) % 8]) != "CC-BY-ND-4.0") {
    m["lineage"] = {{"derived_from", {{{"serial", Serial{ns, 'P', parent}.to_string()}, {"version", "1.0.0"},
                                       {"relation", "fork"}}}}};
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: make_registry OUT N [NS]\n");
    return 2;
  }
  std::string out = argv[1], ns = argc > 3 ? argv[3] : "SYN";
  std::uint64_t count = std::stoull(argv[2]);
  RegistryConfig config;
  config.ns = ns;
  config.name = "Synthetic registry";
  auto reg = Registry::init(out, config);
  if (!reg) {
    std::fprintf(stderr, "%s\n", reg.error().to_string().c_str());
    return 3;
  }
  auto store = git::Store::open(out);
  auto start = std::chrono::steady_clock::now();
  const std::uint64_t batch = 5000;
  for (std::uint64_t first = 1; first <= count; first += batch) {
    git::CommitRequest request;
    request.author_name = "Bench";
    request.author_email = "bench@example.org";
    request.message = fmt::format("bench: parts {} to {}", first, std::min(count, first + batch - 1));
    for (std::uint64_t n = first; n < first + batch && n <= count; ++n) {
      std::string stl = box_stl(40.0 * static_cast<double>(1 + n % 8), 20.0 * static_cast<double>(1 + (n / 8) % 4),
                                3.0 + static_cast<double>(n % 5));
      std::string folder = Serial{ns, 'P', n}.folder() + "/1.0.0/";
      auto stl_blob = store->write_blob(stl);
      auto json_blob = store->write_blob(detail::canonical(manifest(n, ns, detail::sha256_hex(stl))));
      if (!stl_blob || !json_blob) return 3;
      request.changes.push_back({folder + "part.stl", *stl_blob});
      request.changes.push_back({folder + "part.json", *json_blob});
    }
    auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
      return request;
    });
    if (!done) {
      std::fprintf(stderr, "%s\n", done.error().to_string().c_str());
      return 3;
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu parts in %.2f s (%.0f parts/s)\n", static_cast<unsigned long long>(count), s,
              static_cast<double>(count) / s);
  return 0;
}
