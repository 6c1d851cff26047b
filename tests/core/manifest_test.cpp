#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/json.hpp"
#include "archipel/core/manifest.hpp"

using namespace archipel::core;
namespace fs = std::filesystem;

namespace {

const fs::path examples = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "manifests";

std::string slurp(const fs::path& path) {
  return read_file_bytes(path, 1 << 20, path.string()).value();
}

nlohmann::json minimal() {
  return {{"schema", 1}, {"kind", "part"}, {"name", "P"}, {"version", "1.0.0"},
          {"designer", {{"name", "A"}, {"email", "a@b.org"}}}, {"licence", "MIT"}};
}

// The error line `pointer: message` for a document, or "(valid)".
std::string error_of(const nlohmann::json& doc) {
  auto r = parse_manifest(doc, "p.json");
  if (r) return "(valid)";
  CHECK(r.error().origin == "p.json");
  CHECK(r.error().code == Errc::invalid);
  return r.error().pointer + ": " + r.error().message;
}

// A temporary folder holding a manifest and its files, removed at the end.
struct Folder {
  fs::path root = fs::temp_directory_path() / ("archipel_manifest_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
  static int& counter() { static int n = 0; return n; }
  Folder() { fs::create_directories(root); }
  ~Folder() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name, std::ios::binary) << text;
  }
  std::string check(const nlohmann::json& doc) const {
    write("part.json", doc.dump());
    auto r = read_manifest(root / "part.json");
    return r ? "(valid)" : r.error().pointer + ": " + r.error().message;
  }
};

nlohmann::json with_file(const std::string& path, std::optional<std::string> sha = std::nullopt) {
  auto doc = minimal();
  doc["files"] = {{{"path", path}, {"role", "documentation"}, {"format", "md"}}};
  if (sha) doc["files"][0]["sha256"] = *sha;
  return doc;
}

}  // namespace

TEST_CASE("every example manifest round-trips byte for byte") {
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(ARCHIPEL_SOURCE_DIR) / "examples")) {
    if (entry.path().filename() != "part.json") continue;
    CAPTURE(entry.path().string());
    auto manifest = read_manifest(entry.path());
    REQUIRE_MESSAGE(manifest, manifest.error().to_string());
    CHECK(manifest_text(*manifest) == slurp(entry.path()));
    ++count;
  }
  CHECK(count >= 10);  // examples/manifests and examples/parts
}

TEST_CASE("a designer name in decomposed Unicode is kept unchanged") {
  auto m = read_manifest(examples / "os-bracket" / "part.json").value();
  CHECK(m.designer.name == "Herve\xcc\x81N");  // e + U+0301 COMBINING ACUTE ACCENT, not U+00E9
  CHECK(manifest_text(m).find("Herve\xcc\x81N") != std::string::npos);
  CHECK(manifest_text(m).find("Herv\xc3\xa9N") == std::string::npos);
}

TEST_CASE("the OS plate example: every field of a part") {
  const Manifest m = read_manifest(examples / "os-plate" / "part.json").value();
  CHECK(m.schema == 1);
  CHECK(m.kind == Kind::part);
  CHECK(m.name == "OS plate 2x1");
  CHECK(m.version.to_string() == "1.0.0");
  CHECK(m.serial == "BXL-P0042");
  CHECK(m.designer.email == "thomas@openstructures.example");
  CHECK(m.designer.url == "https://openstructures.example/designers/lommee");
  CHECK(m.licence == "CERN-OHL-S-2.0");
  CHECK(m.licence_expression.id == "CERN-OHL-S-2.0");
  REQUIRE(m.materials.size() == 1);
  CHECK(m.materials[0].form == MaterialForm::sheet);
  CHECK(m.materials[0].thickness_mm.value() == doctest::Approx(3.0));
  CHECK(m.materials[0].density_g_cm3.value() == doctest::Approx(0.68));
  REQUIRE(m.dimensions);
  CHECK(m.dimensions->width_mm == doctest::Approx(80.0));
  CHECK(m.dimensions->depth_mm == doctest::Approx(40.0));
  CHECK(m.dimensions->height_mm == doctest::Approx(3.0));
  REQUIRE(m.grid);
  CHECK(m.grid->standard == "openstructures");
  CHECK(m.grid->units == std::vector<int>{2, 1});
  REQUIRE(m.files.size() == 2);
  CHECK(m.files[0].path == "plate.svg");
  CHECK(m.files[0].role == FileRole::drawing);
  CHECK(m.files[0].format == "svg");
  CHECK(m.files[0].unit == LengthUnit::mm);
  CHECK(m.files[0].sha256 == sha256_file(examples / "os-plate" / "plate.svg").value());
  CHECK_FALSE(m.files[1].unit);
  REQUIRE(m.fabrication.size() == 1);
  CHECK(m.fabrication[0].process == Process::laser_cutting);
  CHECK(m.fabrication[0].file == "plate.svg");
  REQUIRE(m.sourcing.size() == 1);
  CHECK(m.sourcing[0].reference == "OS-PL-2x1-BP3");
  CHECK(m.sourcing[0].price->amount == doctest::Approx(2.5));
  CHECK(m.sourcing[0].price->currency == "EUR");
  CHECK(m.tags == std::vector<std::string>{"openstructures", "plate", "plywood"});
  CHECK(m.description.has_value());
  CHECK(m.derived_from.empty());
  CHECK(m.composition.empty());
}

TEST_CASE("component, object and fork examples: composition, joints, lineage") {
  const Manifest c = read_manifest(examples / "os-shelf-module" / "part.json").value();
  CHECK(c.kind == Kind::component);
  REQUIRE(c.composition.size() == 2);
  CHECK(c.composition[0].serial == "BXL-P0042");
  CHECK(c.composition[0].quantity == 2);
  CHECK(c.composition[0].version.matches(Version::parse("1.4.0").value()));
  CHECK_FALSE(c.composition[0].version.matches(Version::parse("2.0.0").value()));
  CHECK(c.composition[1].version.to_string() == "~1.2.0");
  REQUIRE(c.joints.size() == 2);
  CHECK(c.joints[1].placement.dx == 2);
  CHECK(c.joints[1].placement.rotation == 270);
  CHECK(c.joints[1].placement.flip);
  CHECK(c.licence_expression.op == LicenceExpression::Op::all_of);
  const Manifest o = read_manifest(examples / "os-shelf" / "part.json").value();
  CHECK(o.kind == Kind::object);
  CHECK(o.grid->units == std::vector<int>{4, 2, 17});
  CHECK(o.fabrication[0].process == Process::hand);
  const Manifest f = read_manifest(examples / "os-plate-slotted" / "part.json").value();
  CHECK_FALSE(f.serial);
  REQUIRE(f.derived_from.size() == 1);
  CHECK(f.derived_from[0].serial == "BXL-P0042");
  CHECK(f.derived_from[0].version.to_string() == "1.0.0");
  CHECK(f.derived_from[0].relation == Relation::fork);
}

TEST_CASE("a minimal manifest round-trips and omits absent fields") {
  auto m = parse_manifest(minimal(), "p.json");
  REQUIRE(m);
  CHECK(manifest_text(*m) ==
        "{\n  \"schema\": 1,\n  \"kind\": \"part\",\n  \"name\": \"P\",\n  \"version\": \"1.0.0\",\n"
        "  \"designer\": {\n    \"name\": \"A\",\n    \"email\": \"a@b.org\"\n  },\n"
        "  \"licence\": \"MIT\"\n}\n");
}

TEST_CASE("schema violations become readable errors with a JSON pointer") {
  auto doc = minimal();
  doc.erase("designer");
  CHECK(error_of(doc) == ": missing required field \"designer\"");
  doc = minimal();
  doc["designer"].erase("email");
  CHECK(error_of(doc) == "/designer: missing required field \"email\"");
  doc = minimal();
  doc["name"] = 42;
  CHECK(error_of(doc) == "/name: expected a string, found a number");
  doc = minimal();
  doc["kind"] = "gadget";
  CHECK(error_of(doc) == "/kind: \"gadget\" is not one of part, component, object");
  doc = minimal();
  doc["version"] = "1.0";
  CHECK(error_of(doc) == "/version: \"1.0\" is not a semantic version such as 1.2.0");
  doc = minimal();
  doc["serial"] = "bxl-42";
  CHECK(error_of(doc) == "/serial: \"bxl-42\" is not a registry serial such as BXL-P0042");
  doc = minimal();
  doc["colour"] = "red";
  CHECK(error_of(doc) == ": unknown field \"colour\"");
  doc = minimal();
  doc["grid"] = {{"standard", "openstructures"}, {"size", {2, 0}}};
  CHECK(error_of(doc) == "/grid/size/1: expected at least 1, found 0");
  doc["grid"]["size"] = {1, 2, 3, 4};
  CHECK(error_of(doc) == "/grid/size: expected at most 3 items, found 4");
  doc = minimal();
  doc["materials"] = {{{"name", "steel"}, {"form", "sheet"}, {"thickness_mm", "2"}}};
  CHECK(error_of(doc) == "/materials/0/thickness_mm: expected a number, found a string");
  doc = minimal();
  doc["sourcing"] = {{{"supplier", "S"}, {"price", {{"amount", 3}, {"currency", "euro"}}}}};
  CHECK(error_of(doc) == "/sourcing/0/price/currency: \"euro\" is not an ISO 4217 currency code such as EUR");
  doc = minimal();
  doc["joints"] = {{{"a", "BXL-P0001"}, {"b", "BXL-P0002"},
                    {"placement", {{"dx", 0}, {"dy", 0}, {"rotation", 45}, {"flip", false}}}}};
  CHECK(error_of(doc) == "/joints/0/placement/rotation: 45 is not one of 0, 90, 180, 270");
  CHECK(error_of(nlohmann::json::array()) == ": expected an object, found an array");
  doc = minimal();
  doc["schema"] = 2;
  CHECK(error_of(doc) == "/schema: expected 1, found 2");
}

TEST_CASE("semantic checks: licence, requirements, references") {
  auto doc = minimal();
  doc["licence"] = "CC-BY-5.0";
  CHECK(error_of(doc) == "/licence: \"CC-BY-5.0\" is not a known SPDX licence; did you mean \"CC-BY-4.0\"?");
  doc = minimal();
  doc["kind"] = "component";
  doc["composition"] = {{{"serial", "BXL-P0001"}, {"version", "=>1"}, {"quantity", 1}}};
  CHECK(error_of(doc) == "/composition/0/version: \"=>1\" is not a version requirement (unknown operator \"=>\")");
  doc["composition"][0]["version"] = "^1";
  doc["composition"].push_back({{"serial", "BXL-P0001"}, {"version", "^2"}, {"quantity", 1}});
  CHECK(error_of(doc) == "/composition/1/serial: duplicate member \"BXL-P0001\" (also /composition/0)");
  doc["composition"].erase(1);
  doc["joints"] = {{{"a", "BXL-P0001"}, {"b", "BXL-P0099"},
                    {"placement", {{"dx", 1}, {"dy", 0}, {"rotation", 0}, {"flip", false}}}}};
  CHECK(error_of(doc) == "/joints/0/b: \"BXL-P0099\" is not a member listed in /composition");
  doc.erase("joints");
  CHECK(error_of(doc) == "(valid)");
  doc["kind"] = "part";
  CHECK(error_of(doc) == "/composition: a part has no composition; only components and objects do");
  doc = with_file("a.md");
  doc["fabrication"] = {{{"process", "3d-printing"}, {"file", "b.stl"}}};
  CHECK(error_of(doc) == "/fabrication/0/file: \"b.stl\" is not listed in /files");
  doc = minimal();
  doc["serial"] = "BXL-P0001";
  doc["lineage"] = {{"derived_from", {{{"serial", "BXL-P0001"}, {"version", "1.0.0"}, {"relation", "fork"}}}}};
  CHECK(error_of(doc) == "/lineage/derived_from/0/serial: a part cannot derive from itself");
}

TEST_CASE("grid.role: read, written after the size, and one of the built-in standard's roles") {
  auto doc = minimal();
  doc["grid"] = {{"standard", "gridfinity"}, {"size", {5, 3}}, {"role", "baseplate"}};
  auto m = parse_manifest(doc, "p.json");
  REQUIRE(m);
  REQUIRE(m->grid);
  CHECK(m->grid->role == "baseplate");
  CHECK(manifest_text(*m).find("\"size\": [\n      5,\n      3\n    ],\n    \"role\": \"baseplate\"\n") !=
        std::string::npos);
  CHECK(parse_manifest(minimal(), "p.json")->grid == std::nullopt);
  doc["grid"]["role"] = "drawer";
  CHECK(error_of(doc) == "/grid/role: the gridfinity standard has no role \"drawer\" (its roles: bin, baseplate)");
  doc["grid"] = {{"standard", "openstructures"}, {"size", {2, 1}}, {"role", "bin"}};
  CHECK(error_of(doc) == "/grid/role: the openstructures standard defines no roles; \"bin\" cannot be one of its parts' roles");
  doc["grid"] = {{"standard", "my-workshop-grid"}, {"size", {2, 1}}, {"role", "bin"}};
  CHECK(error_of(doc) == "(valid)");  // a custom standard is checked when the part is validated
  doc["grid"]["role"] = "Bin";
  CHECK(error_of(doc).starts_with("/grid/role: "));
}

TEST_CASE("unsafe and duplicate file paths are refused") {
  CHECK(error_of(with_file("../x")) == "/files/0/path: \"../x\" leaves the manifest's folder");
  CHECK(error_of(with_file("docs/../../x")) == "/files/0/path: \"docs/../../x\" leaves the manifest's folder");
  CHECK(error_of(with_file("/etc/passwd")) ==
        "/files/0/path: \"/etc/passwd\" is an absolute path; paths are relative to the manifest's folder");
  CHECK(error_of(with_file("C:/x.md")) ==
        "/files/0/path: \"C:/x.md\" is an absolute path; paths are relative to the manifest's folder");
  CHECK(error_of(with_file("docs\\x.md")) ==
        "/files/0/path: \"docs\\x.md\" contains a backslash; separate folders with \"/\"");
  CHECK(error_of(with_file("./x.md")) == "/files/0/path: \"./x.md\" is not normalised (write \"x.md\")");
  CHECK(error_of(with_file("a//x.md")) == "/files/0/path: \"a//x.md\" is not normalised (write \"a/x.md\")");
  CHECK(error_of(with_file(".")) == "/files/0/path: \".\" names no file");
  CHECK(error_of(with_file("a\nb")) == "/files/0/path: \"a\nb\" contains a control character");
  auto doc = with_file("plate.step");
  doc["files"].push_back({{"path", "notes.md"}, {"role", "documentation"}, {"format", "md"}});
  doc["files"].push_back({{"path", "plate.step"}, {"role", "geometry"}, {"format", "step"}});
  CHECK(error_of(doc) == "/files/2/path: duplicate file entry \"plate.step\" (also /files/0)");
}

TEST_CASE("read_manifest checks the listed files on disk") {
  Folder folder;
  folder.write("docs/a.md", "hello\n");
  const std::string good = sha256_hex("hello\n");
  CHECK(folder.check(with_file("docs/a.md", good)) == "(valid)");
  CHECK(folder.check(with_file("docs/missing.md")) == "/files/0/path: listed file \"docs/missing.md\" does not exist");
  const std::string bad(64, '0');
  CHECK(folder.check(with_file("docs/a.md", bad)) ==
        "/files/0/sha256: \"docs/a.md\" has sha256 " + good + ", but the manifest says " + bad);
  fs::create_symlink("docs/a.md", folder.root / "link.md");
  CHECK(folder.check(with_file("link.md")) == "/files/0/path: \"link.md\" is a symbolic link; links are refused");
  fs::create_directory_symlink("docs", folder.root / "linked");
  CHECK(folder.check(with_file("linked/a.md")) ==
        "/files/0/path: \"linked/a.md\" passes through the symbolic link \"linked\"; links are refused");
  CHECK(folder.check(with_file("docs")) == "/files/0/path: \"docs\" is not a regular file");
}

TEST_CASE("read_manifest refuses large, non-UTF-8, invalid and missing files") {
  Folder folder;
  folder.write("big.json", std::string(max_manifest_bytes + 1, ' '));
  auto big = read_manifest(folder.root / "big.json");
  REQUIRE_FALSE(big);
  CHECK(big.error().message == "file is too large (1048577 bytes; the limit is 1048576 bytes)");
  folder.write("latin1.json", "{\"name\": \"Herv\xe9\"}");
  auto latin1 = read_manifest(folder.root / "latin1.json");
  REQUIRE_FALSE(latin1);
  CHECK(latin1.error().message == "not valid UTF-8 (byte offset 14)");
  folder.write("broken.json", "{\"schema\": 1,");
  CHECK(read_manifest(folder.root / "broken.json").error().message == "invalid JSON at line 1, column 14: syntax error");
  auto missing = read_manifest(folder.root / "nope.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::io);
  CHECK(missing.error().origin == (folder.root / "nope.json").string());
}

TEST_CASE("enum names match the schema's words") {
  CHECK(to_string(Process::printing_3d) == "3d-printing");
  CHECK(to_string(Process::laser_cutting) == "laser-cutting");
  CHECK(enum_from_string<Process>("cnc-milling") == Process::cnc_milling);
  CHECK_FALSE(enum_from_string<Process>("cnc_milling"));
  CHECK(to_string(LengthUnit::inch) == "inch");
  CHECK(unit_to_mm(LengthUnit::inch) == doctest::Approx(25.4));
  CHECK(enum_from_string<Kind>("object") == Kind::object);
  CHECK(to_string(Relation::remix) == "remix");
}

TEST_CASE("names git treats specially are refused in every spelling") {
  const std::vector<std::string> refused = {
      ".gitmodules", ".gitattributes", ".gitignore", ".mailmap", ".git/config", ".GIT/config",
      ".GitModules", "sub/.gitmodules", "git~1/config", "GIT~1/config", ".git./config", ".git /config",
      ".gitmodules.", ".gitmodules . .", ".git::$INDEX_ALLOCATION/config", ".gitmodules:stream",
      "gitmod~1", "GITMOD~4", "gi7eba~1", "gi7eba~9", "gi7d29~1", "gitatt~2",
      ".g\u200cit/config", "\u200d.gitmodules", ".git\ufeff/config", ".git\u202e/config",
      "notes.", "notes ", "docs./a.md", "a\u200bb\u206a.md"};
  for (const auto& path : refused) {
    CAPTURE(path);
    const std::string error = error_of(with_file(path));
    CHECK(error.starts_with("/files/0/path: "));
    CHECK(error.ends_with("; refused"));
  }
  CHECK(error_of(with_file(".gitmodules")) ==
        "/files/0/path: \".gitmodules\" is a name git treats specially (read as .gitmodules by git or by "
        "some file systems); refused");
  CHECK(error_of(with_file("GIT~1/config")) ==
        "/files/0/path: \"GIT~1/config\": \"GIT~1\" is a name git treats specially (read as .git by git or "
        "by some file systems); refused");
  CHECK(error_of(with_file("notes.")) ==
        "/files/0/path: \"notes.\" ends with a dot or a space, which Windows drops from file names; refused");
  const std::vector<std::string> accepted = {"git/config.md", ".github/notes.md", "gitmodules.md", ".gitx",
                                             "git~2/a.md", "gi7eba~a.md", "mailmap.txt", "a.b.md",
                                             "plaque-\u00e9t\u00e9.md"};
  for (const auto& path : accepted) {
    CAPTURE(path);
    CHECK(error_of(with_file(path)) == "(valid)");
  }
}

TEST_CASE("read_manifest refuses a listed file hard-linked to another name") {
  Folder folder;
  folder.write("a.md", "hello\n");
  fs::create_hard_link(folder.root / "a.md", folder.root / "b.md");
  CHECK(folder.check(with_file("b.md")) ==
        "/files/0/path: \"b.md\" has 2 hard links; a part file must have exactly one (copy it instead of linking it)");
}
