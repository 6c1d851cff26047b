// Every input the fuzzers (tests/fuzz/) found crashing or breaking a property, replayed through
// the same code the harness runs: tests/data/fuzz/<harness>/<input>.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/targets.hpp"

namespace {

namespace fs = std::filesystem;

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs `target` on every input kept for `harness`; returns how many there were.
template <class Target>
int replay(const std::string& harness, Target target) {
  const fs::path dir = fs::path(ARCHIPEL_SOURCE_DIR) / "tests" / "data" / "fuzz" / harness;
  int n = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    INFO(it->path().string());
    CHECK(target(bytes_of(it->path())));
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("inputs found by the fuzzers stay fixed") {
  using namespace archipel;
  int n = replay("manifest", fuzz::manifest) + replay("grid", fuzz::grid) +
          replay("licence", fuzz::licence) + replay("semver", fuzz::semver);
  for (const char* ext : {"stl", "obj", "ply", "3mf"}) {
    n += replay(std::string("mesh_") + ext, [ext](std::string_view b) { return fuzz::mesh(b, ext); });
  }
  MESSAGE(n << " fuzz regression inputs replayed");
}
