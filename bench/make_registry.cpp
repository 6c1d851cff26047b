// make_registry OUT N [NS]: a synthetic registry of N parts written directly with libgit2 (the
// store layer), in commits of 5000 parts: each part has a part.json and a small real ASCII STL
// (a box of its declared size); every tenth part is a fork of an earlier one. Then one component
// per 100 parts (SYN-Ck uses four parts of its block of 100, and fastener SYN-P000(1 + k % 10),
// so each fastener is used by N/1000 components) and one object per 10 components (SYN-Om uses
// components 10(m-1)+1..10m, two of each), in one more commit.
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

json member(const std::string& ns, char kind, std::uint64_t n, long quantity) {
  return {{"serial", Serial{ns, kind, n}.to_string()}, {"version", "^1.0.0"}, {"quantity", quantity}};
}

json assembly(const std::string& ns, char kind, std::uint64_t n, const json& composition) {
  return {{"schema", 1},
          {"kind", kind == 'C' ? "component" : "object"},
          {"name", fmt::format("{} {}", kind == 'C' ? "module" : "cabinet", n)},
          {"version", "1.0.0"},
          {"serial", Serial{ns, kind, n}.to_string()},
          {"designer", {{"name", designers[n % 8]}, {"email", fmt::format("d{}@example.org", n % 8)}}},
          {"licence", "CC-BY-4.0"},
          {"grid", {{"standard", "openstructures"}, {"size", {2, 2}}}},
          {"description", fmt::format("Synthetic assembly number {} for benchmarks", n)},
          {"composition", composition}};
}

// Components and objects over `count` parts, as one commit request.
core::Result<git::CommitRequest> assemblies(git::Store& store, const std::string& ns, std::uint64_t count) {
  git::CommitRequest request;
  request.author_name = "Bench";
  request.author_email = "bench@example.org";
  request.message = "bench: components and objects";
  auto put = [&](char kind, std::uint64_t n, const json& composition) -> core::Result<void> {
    auto blob = store.write_blob(detail::canonical(assembly(ns, kind, n, composition)));
    if (!blob) return std::unexpected(blob.error());
    request.changes.push_back({Serial{ns, kind, n}.folder() + "/1.0.0/part.json", *blob});
    return {};
  };
  const std::uint64_t components = count / 100;
  for (std::uint64_t k = 1; k <= components; ++k) {
    json c = json::array();
    for (std::uint64_t j = 0; j < 4; ++j) c.push_back(member(ns, 'P', 100 * (k - 1) + 11 + j, static_cast<long>(j + 1)));
    c.push_back(member(ns, 'P', 1 + k % 10, 8));
    if (auto ok = put('C', k, c); !ok) return std::unexpected(ok.error());
  }
  for (std::uint64_t m = 1; m <= components / 10; ++m) {
    json o = json::array();
    for (std::uint64_t k = 10 * (m - 1) + 1; k <= 10 * m; ++k) o.push_back(member(ns, 'C', k, 2));
    if (auto ok = put('O', m, o); !ok) return std::unexpected(ok.error());
  }
  return request;
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
  auto request = assemblies(*store, ns, count);
  if (!request) return 3;
  if (auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
        return *request;
      });
      !done) {
    std::fprintf(stderr, "%s\n", done.error().to_string().c_str());
    return 3;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu parts (+ %llu components, %llu objects) in %.2f s (%.0f parts/s)\n",
              static_cast<unsigned long long>(count), static_cast<unsigned long long>(count / 100),
              static_cast<unsigned long long>(count / 1000), s,
              static_cast<double>(count) / s);
  return 0;
}
