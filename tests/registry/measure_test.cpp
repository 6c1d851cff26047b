// Publication measures geometry and validates it against the registry's grid (real STEP files
// from examples/parts): a conforming part is recorded, a failing one refused unless allowed.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

fs::path step_part(const fs::path& dir, const std::string& example, double w, double d, std::vector<int> units) {
  fs::path src = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "parts" / example / (example + ".step");
  fs::create_directories(dir);
  fs::copy_file(src, dir / "part.step", fs::copy_options::overwrite_existing);
  auto m = plate_manifest(example, "CERN-OHL-P-2.0");
  m["materials"] = {{{"name", "aluminium"}, {"form", "sheet"}, {"thickness_mm", 3}}};
  m["dimensions"] = {{"width_mm", w}, {"depth_mm", d}, {"height_mm", 3}};
  m["grid"] = {{"standard", "openstructures"}, {"size", units}};
  m["files"] = {{{"path", "part.step"}, {"role", "geometry"}, {"format", "step"}}};
  m["fabrication"] = {{{"process", "laser-cutting"}, {"file", "part.step"}}};
  write_file(dir / "part.json", m.dump(2));
  return dir / "part.json";
}

}  // namespace

TEST_CASE("a conforming plate is published with its measurement next to the declared size") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto p = reg.publish(step_part(tmp.path / "ok", "os-plate-120x40", 120, 40, {3, 1}));
  REQUIRE(p);
  CHECK(p->verdict == "conforms");
  auto info = reg.show(*parse_serial_ref(p->serial));
  REQUIRE(info);
  const auto& file = info->measured["files"][0];
  CHECK(file["path"] == "part.step");
  CHECK(file["verdict"] == "conforms");
  CHECK(file["measurement"]["size_mm"][0].get<double>() == doctest::Approx(120.0).epsilon(1e-6));
  CHECK(file["measurement"]["holes"].size() == 12);
  CHECK(info->measured["declared"]["width_mm"] == 120);
}

TEST_CASE("an off-grid part is refused, or recorded as failing when policy and flag allow it") {
  TempDir tmp;
  auto strict = make_registry(tmp.path);
  auto manifest = step_part(tmp.path / "off", "off-grid-plate", 73, 41, {2, 1});
  auto refused = strict.publish(manifest);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().pointer == "/files/0/path");
  CHECK(refused.error().message.starts_with("\"part.step\" does not conform to openstructures ("));
  CHECK(refused.error().message.ends_with("this registry accepts only conforming parts"));

  RegistryConfig lenient;
  lenient.ns = "LAX";
  lenient.policy.accept_nonconforming = true;
  auto lax = std::move(*Registry::init(tmp.path / "lax", lenient));
  auto unflagged = lax.publish(manifest);
  REQUIRE_FALSE(unflagged);
  CHECK(unflagged.error().message.ends_with("pass --allow-nonconforming to publish it flagged"));
  PublishOptions allow;
  allow.allow_nonconforming = true;
  auto flagged = lax.publish(manifest, allow);
  REQUIRE(flagged);
  CHECK(flagged->verdict == "fails");
  CHECK(lax.show(*parse_serial_ref(flagged->serial))->measured["verdict"] == "fails");
}

TEST_CASE("verify --measure: same validator and another measurement is tampering; a newer validator is not") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto p = reg.publish(step_part(tmp.path / "ok", "os-plate-120x40", 120, 40, {3, 1}));
  REQUIRE(p);
  auto measured = reg.show(*parse_serial_ref(p->serial))->measured;
  CHECK(measured["measured_by"]["archipel"].is_string());
  CHECK(measured["measured_by"]["grid_sha256"].get<std::string>().size() == 64);
  VerifyReport clean;
  REQUIRE(reg.remeasure(clean));
  CHECK(clean.problems.empty());
  CHECK(clean.warnings.empty());
  CHECK(clean.files == 1);
  // measured.json rewritten with plain git: the width doubled, same measured_by.
  std::string folder = "parts/BXL/P/000/" + p->serial + "/1.0.0/measured.json";
  auto write_measured = [&](const nlohmann::json& doc) {
    write_file(tmp.path / "m.json", doc.dump());
    std::string r = "git -C '" + reg.path().string() + "' ";
    std::string cmd = "set -e; export GIT_INDEX_FILE='" + (tmp.path / "idx").string() + "'; " + r + "read-tree main; " +
                      r + "update-index --add --cacheinfo 100644,$(" + r + "hash-object -w '" + (tmp.path / "m.json").string() +
                      "')," + folder + "; c=$(" + r + "-c user.name=x -c user.email=x@x commit-tree $(" + r +
                      "write-tree) -p main -m m); " + r + "update-ref refs/heads/main $c";
    REQUIRE(sh("(" + cmd + ") >/dev/null 2>&1") == 0);
  };
  auto faked = measured;
  faked["files"][0]["measurement"]["size_mm"][0] = 240.0;
  write_measured(faked);
  VerifyReport tampered;
  REQUIRE(reg.remeasure(tampered));
  REQUIRE(tampered.problems.size() == 1);
  CHECK(tampered.problems[0].message.starts_with(p->serial + "@1.0.0: the stored measurement of part.step differs "
                                                 "from a new one by the same validator"));
  faked["measured_by"]["archipel"] = "0.0.1";
  write_measured(faked);
  VerifyReport older;
  REQUIRE(reg.remeasure(older));
  CHECK(older.problems.empty());
  REQUIRE(older.warnings.size() == 1);
  CHECK(older.warnings[0].message.starts_with(p->serial + "@1.0.0: part.step measured differently by a newer validator"));
}
