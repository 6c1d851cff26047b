#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "archipel/core/grid.hpp"
#include "archipel/core/json.hpp"

using namespace archipel::core;

namespace {

GridStandard require_grid(std::string_view id) {
  auto g = find_grid(id);
  REQUIRE_MESSAGE(g.has_value(), g.error().to_string());
  return *g;
}

nlohmann::json openstructures_doc() { return require_grid("openstructures").document; }

std::string parse_error(const nlohmann::json& doc) {
  auto g = parse_grid(doc, "custom.json");
  REQUIRE_FALSE(g.has_value());
  return g.error().to_string();
}

}  // namespace

TEST_CASE("every built-in grid standard parses, sorted by id") {
  const auto grids = builtin_grids();
  std::vector<std::string> ids;
  for (const auto& g : grids) ids.push_back(g.id);
  CHECK(ids == std::vector<std::string>{"bitbeam", "gridfinity", "makerbeam", "multiboard",
                                        "openbeam", "opengrid", "openstructures"});
  for (const auto& g : grids) {
    CHECK_FALSE(g.sources.empty());
    CHECK_FALSE(g.rules.empty());
    CHECK(g.document.at("id") == g.id);
  }
}

TEST_CASE("OpenStructures: 40 mm pitch, 10/20 sub-grid, diameters, clearance, rules") {
  const auto os = require_grid("openstructures");
  CHECK(os.name == "OpenStructures");
  CHECK(os.pitch_mm == doctest::Approx(40));
  CHECK(os.subgrid_mm == std::vector<double>{10, 20});
  CHECK(os.round_diameters_mm == std::vector<double>{20, 40, 80, 120, 160});
  CHECK(os.dimensions.width.constrained);
  CHECK(os.dimensions.width.step_mm == doctest::Approx(10));
  CHECK_FALSE(os.dimensions.thickness_constrained);
  CHECK(os.dimensions.clearance.min_mm == doctest::Approx(0));
  CHECK(os.dimensions.clearance.max_mm == doctest::Approx(1));
  REQUIRE(os.assembly_points);
  CHECK(os.assembly_points->step_mm == doctest::Approx(10));
  CHECK_FALSE(os.height_unit);
  REQUIRE(os.rules.size() == 4);
  CHECK(os.rules[0].id == "OS-A-dimension");
  CHECK(os.rules[1].id == "OS-B-assembly-point");
  CHECK(os.rules[2].id == "OS-C-diameter");
  CHECK(os.rules[3].id == "OS-hole-fastener");
  CHECK(os.rules[3].severity == Severity::warning);  // OS fixes no fastener
  CHECK(os.rules[3].check == RuleCheck::hole_diameter);
  CHECK_FALSE(os.rules[3].note.empty());
  CHECK(os.tolerances.position_mm == doctest::Approx(0.1));
}

TEST_CASE("Gridfinity: 42 mm pitch, 7 mm height unit, 41.5 mm footprint") {
  const auto gf = require_grid("gridfinity");
  CHECK(gf.pitch_mm == doctest::Approx(42));
  REQUIRE(gf.height_unit);
  CHECK(gf.height_unit->unit_mm == doctest::Approx(7));
  REQUIRE(gf.height_unit->extras.size() == 3);
  CHECK(gf.height_unit->extras[1].mm == doctest::Approx(3.75));
  CHECK(gf.height_unit->extras[2].mm == doctest::Approx(4.4));
  CHECK(gf.dimensions.width.step_mm == doctest::Approx(42));
  CHECK_FALSE(gf.dimensions.height.constrained);
  CHECK(gf.dimensions.clearance.min_mm == doctest::Approx(0.5));
  CHECK(gf.dimensions.clearance.max_mm == doctest::Approx(0.5));
  REQUIRE(gf.assembly_points);
  CHECK(gf.assembly_points->offsets_mm == std::vector<double>{8, 34});
  CHECK(allowed_hole_diameters(gf) == std::vector<double>{3, 6.5});
  CHECK(gf.rules[0].id == "GF-footprint");
  CHECK(gf.rules[1].id == "GF-baseplate-footprint");
  CHECK(gf.rules[2].id == "GF-height-unit");
}

TEST_CASE("Gridfinity roles: a bin and a baseplate, each with its clearance and rules") {
  const auto gf = require_grid("gridfinity");
  REQUIRE(gf.roles.size() == 2);
  CHECK(gf.roles[0].name == "bin");
  CHECK(gf.roles[1].name == "baseplate");
  CHECK(find_role(gf, "baseplate") == &gf.roles[1]);
  CHECK(find_role(gf, "lid") == nullptr);
  const auto plate = apply_role(gf, "baseplate");
  REQUIRE(plate);
  CHECK(plate->dimensions.clearance.min_mm == doctest::Approx(0));
  CHECK(plate->dimensions.clearance.max_mm == doctest::Approx(0));
  REQUIRE(plate->rules.size() == 4);
  CHECK(plate->rules[0].id == "GF-baseplate-footprint");
  CHECK(plate->rules[1].id == "GF-baseplate-cell");
  CHECK(plate->rules[1].check == RuleCheck::cell_opening);
  CHECK(plate->rules[2].id == "GF-hole-position");
  CHECK(plate->rules[3].id == "GF-hole-fastener");
  const auto bin = apply_role(gf, "bin");
  REQUIRE(bin);
  CHECK(bin->dimensions.clearance.min_mm == doctest::Approx(0.5));
  CHECK(bin->rules.size() == 4);
  const auto typo = apply_role(gf, "baseplte");
  REQUIRE_FALSE(typo);
  CHECK(typo.error().message ==
        "the gridfinity standard has no role \"baseplte\" (its roles: bin, baseplate); did you mean \"baseplate\"?");
  const auto none = apply_role(require_grid("openstructures"), "bin");
  REQUIRE_FALSE(none);
  CHECK(none.error().message == "the openstructures standard defines no roles; \"bin\" cannot be one of its parts' roles");
}

TEST_CASE("roles are checked when a standard is read") {
  auto doc = require_grid("gridfinity").document;
  doc["roles"][1]["rules"][0] = "GF-lid-footprint";
  auto bad = parse_grid(doc, "custom.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().pointer == "/roles/1/rules/0");
  CHECK(bad.error().message == "role \"baseplate\" names rule \"GF-lid-footprint\", which the standard does not define");
  doc = require_grid("gridfinity").document;
  doc["roles"][1]["name"] = "bin";
  bad = parse_grid(doc, "custom.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().pointer == "/roles/1/name");
  doc = require_grid("gridfinity").document;
  doc["roles"][0]["clearance_mm"] = {{"min", 0}, {"max", 42}};
  bad = parse_grid(doc, "custom.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().pointer == "/roles/0/clearance_mm/max");
  doc = require_grid("gridfinity").document;
  doc["roles"][0]["name"] = "Bin";  // the schema's pattern: lower case
  bad = parse_grid(doc, "custom.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().pointer == "/roles/0/name");
}

TEST_CASE("the other built-ins carry the pitches of GRID-STANDARDS.md") {
  CHECK(require_grid("bitbeam").pitch_mm == doctest::Approx(8));
  CHECK(require_grid("openbeam").pitch_mm == doctest::Approx(15));
  CHECK(require_grid("openbeam").dimensions.clearance.max_mm == doctest::Approx(1));
  CHECK(require_grid("makerbeam").pitch_mm == doctest::Approx(10));
  CHECK(require_grid("opengrid").pitch_mm == doctest::Approx(28));
  CHECK(require_grid("multiboard").pitch_mm == doctest::Approx(25));
  CHECK(require_grid("multiboard").tolerances.dimension_mm == doctest::Approx(0.25));
  CHECK(allowed_hole_diameters(require_grid("bitbeam")) ==
        std::vector<double>{3.2, 3.4, 4.3, 4.5, 4.8});
}

TEST_CASE("hole diameters are named from the fastener table") {
  const auto os = require_grid("openstructures");
  CHECK(describe_hole_diameter(os, 5.5, 0.1) == "M5 clearance (medium)");
  CHECK(describe_hole_diameter(os, 6.42, 0.1) == "M6 clearance (fine)");
  CHECK(describe_hole_diameter(os, 2.0, 0.1) == "listed hole");
  CHECK(describe_hole_diameter(os, 7.0, 0.1).empty());
}

TEST_CASE("an unknown id gets a did-you-mean") {
  auto g = find_grid("openstructure");
  REQUIRE_FALSE(g);
  CHECK(g.error().code == Errc::invalid);
  CHECK(g.error().to_string() ==
        "unknown grid standard \"openstructure\"; did you mean \"openstructures\"?");
  auto far = find_grid("lego");
  REQUIRE_FALSE(far);
  CHECK(far.error().message == "unknown grid standard \"lego\"");
}

TEST_CASE("a custom standard file loads with the same schema") {
  auto doc = openstructures_doc();
  doc["id"] = "my-grid";
  doc["name"] = "My grid";
  doc["pitch_mm"] = 30;
  doc["subgrid_mm"] = {15};
  const auto path = std::filesystem::temp_directory_path() / "archipel_grid_test_custom.json";
  std::ofstream(path) << doc.dump(2);
  auto g = load_grid(path.string());
  std::filesystem::remove(path);
  REQUIRE_MESSAGE(g.has_value(), g.error().to_string());
  CHECK(g->id == "my-grid");
  CHECK(g->pitch_mm == doctest::Approx(30));
  CHECK(g->subgrid_mm == std::vector<double>{15});
}

TEST_CASE("bad custom standards are refused with file, pointer and reason") {
  auto doc = openstructures_doc();
  doc["pitch_mm"] = "forty";
  CHECK(parse_error(doc) == "custom.json:/pitch_mm: Value type not permitted by 'type' constraint.");

  doc = openstructures_doc();
  doc["rules"][1]["severity"] = "fatal";
  CHECK(parse_error(doc) == "custom.json:/rules/1/severity: Failed to match against any enum values.");

  doc = openstructures_doc();
  doc["subgrid_mm"] = {10, 15};
  CHECK(parse_error(doc) ==
        "custom.json:/subgrid_mm/1: sub-grid step 15 mm does not divide the pitch of 40 mm");

  doc = openstructures_doc();
  doc["rules"][1]["id"] = "OS-A-dimension";
  CHECK(parse_error(doc) == "custom.json:/rules/1/id: duplicate rule id \"OS-A-dimension\"");

  doc = openstructures_doc();
  doc.erase("round_diameters_mm");
  CHECK(parse_error(doc) == "custom.json:/rules/2/check: rule OS-C-diameter checks round-diameter "
                            "but the standard has no round_diameters_mm");

  doc = openstructures_doc();
  doc["dimensions"]["clearance_mm"] = {{"min", 2}, {"max", 1}};
  CHECK(parse_error(doc) == "custom.json:/dimensions/clearance_mm: min is larger than max");
}

TEST_CASE("load_grid reports a missing file as an I/O error") {
  auto g = load_grid("/nonexistent/grid.json");
  REQUIRE_FALSE(g);
  CHECK(g.error().code == Errc::io);
  CHECK(g.error().to_string() == "/nonexistent/grid.json: no such file");
}
