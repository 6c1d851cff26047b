// bench_rights REGISTRY [RUNS]: on a registry written by make_registry, adds (one commit, with
// the store layer) an ancestry chain of 50 forks (SYN-P9000001 ← ... ← SYN-P9000050, licences
// cycling through CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-SA-4.0 compatible steps) and an object of 60
// composition lines (SYN-O9000001, parts SYN-P9001001..SYN-P9001060 with real STL boxes). Then
// times, in-process: `rights` of the chain's last part (the whole chain walked), `rights` of the
// object, and a kit of the object (every file written). Prints medians in milliseconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archipel/registry/kit.hpp"
#include "archipel/registry/registry.hpp"
#include "git/store.hpp"
#include "impl.hpp"

using namespace archipel;
using namespace archipel::registry;
using nlohmann::json;

namespace {

constexpr std::uint64_t chain_first = 9000001, chain_length = 50, kit_first = 9001001, kit_lines = 60;

json part(const std::string& ns, std::uint64_t n, const std::string& licence, const std::string& sha) {
  json m = {{"schema", 1}, {"kind", "part"}, {"name", fmt::format("bench part {}", n)}, {"version", "1.0.0"},
            {"serial", Serial{ns, 'P', n}.to_string()},
            {"designer", {{"name", fmt::format("Designer {}", n % 97)}, {"email", "d@example.org"}}},
            {"licence", licence},
            {"materials", {{{"name", n % 2 ? "birch plywood" : "aluminium"}, {"form", "sheet"}, {"thickness_mm", 3 + n % 3}}}},
            {"files", {{{"path", "part.stl"}, {"role", "fabrication"}, {"format", "stl"}, {"unit", "mm"}, {"sha256", sha}}}},
            {"fabrication", {{{"process", "laser-cutting"}, {"file", "part.stl"}}}}};
  if (n > chain_first && n < chain_first + chain_length)
    m["lineage"] = {{"derived_from", {{{"serial", Serial{ns, 'P', n - 1}.to_string()}, {"version", "1.0.0"},
                                       {"relation", "fork"}}}}};
  return m;
}

core::Result<void> add_fixtures(const std::filesystem::path& path, const std::string& ns) {
  auto store = git::Store::open(path);
  if (!store) return std::unexpected(store.error());
  git::CommitRequest request{{}, "bench: rights chain and a 60-line object", "Bench", "bench@example.org"};
  auto add = [&](const std::string& file, const std::string& bytes) -> core::Result<void> {
    auto blob = store->write_blob(bytes);
    if (!blob) return std::unexpected(blob.error());
    request.changes.push_back({file, *blob});
    return {};
  };
  const char* chain_licences[] = {"CC-BY-4.0", "CC-BY-SA-4.0"};
  json composition = json::array();
  for (std::uint64_t n = chain_first; n < kit_first + kit_lines; ++n) {
    if (n == chain_first + chain_length) n = kit_first;
    std::string stl = fmt::format("solid p{0}\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex {1} 0 0\n"
                                  "   vertex 0 40 0\n  endloop\n endfacet\nendsolid p{0}\n", n, 40 + n % 200);
    // The chain turns share-alike after its first half: every later fork keeps CC-BY-SA-4.0.
    std::string licence = n < kit_first ? chain_licences[n - chain_first >= chain_length / 2 ? 1 : 0] : "CC-BY-4.0";
    std::string folder = Serial{ns, 'P', n}.folder() + "/1.0.0/";
    if (auto ok = add(folder + "part.stl", stl); !ok) return ok;
    if (auto ok = add(folder + "part.json", detail::canonical(part(ns, n, licence, detail::sha256_hex(stl)))); !ok) return ok;
    if (n >= kit_first) composition.push_back({{"serial", Serial{ns, 'P', n}.to_string()}, {"version", "^1.0"}, {"quantity", 1 + n % 4}});
  }
  json object = {{"schema", 1}, {"kind", "object"}, {"name", "bench cabinet"}, {"version", "1.0.0"},
                 {"serial", Serial{ns, 'O', 9000001}.to_string()},
                 {"designer", {{"name", "Bench"}, {"email", "bench@example.org"}}}, {"licence", "CERN-OHL-P-2.0"},
                 {"composition", composition}};
  if (auto ok = add(Serial{ns, 'O', 9000001}.folder() + "/1.0.0/part.json", detail::canonical(object)); !ok) return ok;
  auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> { return request; });
  if (!done) return std::unexpected(done.error());
  return {};
}

template <class F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (!f()) return -1;
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::ranges::sort(times);
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_rights REGISTRY [RUNS]\n");
    return 2;
  }
  const std::filesystem::path path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 11;
  auto reg = Registry::open(path);
  if (!reg) return 3;
  const std::string ns = reg->config().ns;
  if (auto ok = add_fixtures(path, ns); !ok) {
    std::fprintf(stderr, "%s\n", ok.error().to_string().c_str());
    return 3;
  }
  auto last = parse_serial_ref(Serial{ns, 'P', chain_first + chain_length - 1}.to_string());
  auto object = parse_serial_ref(Serial{ns, 'O', 9000001}.to_string());
  std::size_t subjects = 0;
  double chain = median_ms(runs, [&] {
    auto r = reg->rights(*last);
    if (r) subjects = r->subjects.size();
    return r.has_value();
  });
  double members = median_ms(runs, [&] { return reg->rights(*object).has_value(); });
  int k = 0;
  double kit = median_ms(std::max(1, runs / 4), [&] {
    KitRequest req;
    req.roots = {*object};
    req.out = path.parent_path() / fmt::format("bench-kit-{}", k++);
    auto done = build_kit(*reg, req);
    if (!done) std::fprintf(stderr, "%s\n", done.error().to_string().c_str());
    return done.has_value();
  });
  std::printf("rights, ancestry chain of %zu versions: %.1f ms (target < 50 ms)\n", subjects, chain);
  std::printf("rights, object of %llu lines: %.1f ms\n", static_cast<unsigned long long>(kit_lines), members);
  std::printf("kit, object of %llu lines (lock, BOM, notice, licences, 60 fabrication files): %.1f ms (target < 10 s)\n",
              static_cast<unsigned long long>(kit_lines), kit);
  return chain < 0 || members < 0 || kit < 0 ? 1 : 0;
}
