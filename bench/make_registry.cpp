// make_registry OUT N [NS] [PARTS_PER_COMMIT=5000] [FIRST=1]: a synthetic registry of N parts written
// directly with libgit2 (the store layer), in commits of PARTS_PER_COMMIT parts (1: one commit per
// part, as publish writes them). With FIRST > 1, parts FIRST to FIRST+N-1 are appended to the
// existing registry OUT (as a pull of N new versions would bring them; no assemblies then). Every commit is signed as Archipel signs (SSHSIG in `gpgsig`), in-process
// with a fixed Ed25519 bench key (ssh-keygen per commit would dominate), and every serial has
// its owners.json: each part has a part.json and a small real ASCII STL
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
#include "owners.hpp"
#include "sign/sshsig.hpp"

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

// The bench's signing key: a fixed Ed25519 seed, signing in-process.
sign::Ed25519Seed bench_seed() {
  sign::Ed25519Seed seed;
  for (std::size_t i = 0; i < seed.seed.size(); ++i) seed.seed[i] = static_cast<unsigned char>(0x5a ^ i);
  return seed;
}

Identity bench_identity() { return {"bench@example.org", *sign::ed25519_public(bench_seed())}; }

std::function<core::Result<std::string>(const std::string&)> bench_signer() {
  return [](const std::string& bytes) { return sign::ed25519_sign(bench_seed(), bytes); };
}

// owners.json of a serial the bench key owns, written once.
core::Result<git_oid> owners_blob(git::Store& store) {
  static std::optional<git_oid> id;
  if (!id) {
    auto blob = store.write_blob(detail::canonical(json{{"schema", 1}, {"owners", detail::identities_json({bench_identity()})}}));
    if (!blob) return std::unexpected(blob.error());
    id = *blob;
  }
  return *id;
}

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
  request.sign = bench_signer();
  auto owners = owners_blob(store);
  if (!owners) return std::unexpected(owners.error());
  auto put = [&](char kind, std::uint64_t n, const json& composition) -> core::Result<void> {
    auto blob = store.write_blob(detail::canonical(assembly(ns, kind, n, composition)));
    if (!blob) return std::unexpected(blob.error());
    request.changes.push_back({Serial{ns, kind, n}.folder() + "/1.0.0/part.json", *blob});
    request.changes.push_back({detail::owners_path(Serial{ns, kind, n}), *owners});
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

// registry.json with the bench key as maintainer, in a signed root commit.
core::Result<git::Store> init(const std::string& out, const std::string& ns) {
  RegistryConfig config;
  config.ns = ns;
  config.name = "Synthetic registry";
  config.maintainers = {bench_identity()};
  auto store = git::Store::init(out);
  if (!store) return std::unexpected(store.error());
  auto blob = store->write_blob(detail::canonical(to_json(config)));
  if (!blob) return std::unexpected(blob.error());
  auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
    return git::CommitRequest{{{"registry.json", *blob}}, "registry init " + ns, "Archipel",
                              "registry@archipel.invalid", bench_signer()};
  });
  if (!done) return std::unexpected(done.error());
  return store;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: make_registry OUT N [NS] [PARTS_PER_COMMIT] [FIRST]\n");
    return 2;
  }
  std::string out = argv[1], ns = argc > 3 ? argv[3] : "SYN";
  std::uint64_t count = std::stoull(argv[2]);
  const std::uint64_t batch = argc > 4 ? std::max<std::uint64_t>(1, std::stoull(argv[4])) : 5000;
  const std::uint64_t from = argc > 5 ? std::max<std::uint64_t>(1, std::stoull(argv[5])) : 1;
  auto store = from > 1 ? git::Store::open(out) : init(out, ns);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().to_string().c_str());
    return 3;
  }
  auto owners = owners_blob(*store);
  if (!owners) return 3;
  auto start = std::chrono::steady_clock::now();
  const std::uint64_t last = from + count - 1;
  for (std::uint64_t first = from; first <= last; first += batch) {
    git::CommitRequest request;
    request.author_name = "Bench";
    request.author_email = "bench@example.org";
    request.message = fmt::format("bench: parts {} to {}", first, std::min(last, first + batch - 1));
    request.sign = bench_signer();
    for (std::uint64_t n = first; n < first + batch && n <= last; ++n) {
      std::string stl = box_stl(40.0 * static_cast<double>(1 + n % 8), 20.0 * static_cast<double>(1 + (n / 8) % 4),
                                3.0 + static_cast<double>(n % 5));
      std::string folder = Serial{ns, 'P', n}.folder() + "/1.0.0/";
      auto stl_blob = store->write_blob(stl);
      auto json_blob = store->write_blob(detail::canonical(manifest(n, ns, detail::sha256_hex(stl))));
      if (!stl_blob || !json_blob) return 3;
      request.changes.push_back({folder + "part.stl", *stl_blob});
      request.changes.push_back({folder + "part.json", *json_blob});
      request.changes.push_back({detail::owners_path(Serial{ns, 'P', n}), *owners});
    }
    auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
      return request;
    });
    if (!done) {
      std::fprintf(stderr, "%s\n", done.error().to_string().c_str());
      return 3;
    }
  }
  if (from == 1) {
    auto request = assemblies(*store, ns, count);
    if (!request) return 3;
    if (auto done = store->transact([&](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
          return *request;
        });
        !done) {
      std::fprintf(stderr, "%s\n", done.error().to_string().c_str());
      return 3;
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu parts (+ %llu components, %llu objects) in %.2f s (%.0f parts/s), %llu signed commits\n",
              static_cast<unsigned long long>(count), static_cast<unsigned long long>(from == 1 ? count / 100 : 0),
              static_cast<unsigned long long>(from == 1 ? count / 1000 : 0), s,
              static_cast<double>(count) / s,
              static_cast<unsigned long long>((count + batch - 1) / batch + (from == 1 ? 2 : 0)));
  return 0;
}
