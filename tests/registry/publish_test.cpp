// publish: serial assignment, immutability, refusals, write-back, crashes before the ref moves
// and after the commit (the serial found again by content).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "archipel/core/json.hpp"
#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

TEST_CASE("first publish assigns a serial, writes it back, and stores files and measured.json") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto manifest = write_part(tmp.path / "plate", plate_manifest());
  auto p = reg.publish(manifest);
  REQUIRE(p);
  CHECK(p->serial == "BXL-P0001");
  CHECK(p->new_serial);
  CHECK(p->serial_written);
  CHECK(p->folder == "parts/BXL/P/000/BXL-P0001/1.0.0");
  REQUIRE(p->files.size() == 1);
  CHECK(p->files[0].sha256 == "4b62e2f11478836cfb0535fb30a66fffbb529f0bde805ee7f0887e6fe0f1e461");
  auto written = core::read_json_file(manifest);
  REQUIRE(written);
  CHECK((*written)["serial"] == "BXL-P0001");
  auto info = reg.show(*parse_serial_ref("BXL-P0001"));
  REQUIRE(info);
  CHECK(info->manifest["files"][0]["sha256"] == p->files[0].sha256);
  CHECK(info->measured["declared"]["width_mm"] == 120);
  CHECK(info->measured["verdict"] == "not-measured");
  auto second = reg.publish(write_part(tmp.path / "other", plate_manifest("Other")));
  REQUIRE(second);
  CHECK(second->serial == "BXL-P0002");
  CHECK(git_fsck(reg.path()) == 0);
}

TEST_CASE("the same content again is a no-op; other content under the same version is refused") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto manifest = write_part(tmp.path / "plate", plate_manifest());
  auto first = reg.publish(manifest);
  REQUIRE(first);
  auto again = reg.publish(manifest);
  REQUIRE(again);
  CHECK(again->unchanged);
  CHECK(again->commit == first->commit);
  write_file(tmp.path / "plate" / "plate.stl", "solid changed\nendsolid changed\n");
  auto changed = reg.publish(manifest);
  REQUIRE_FALSE(changed);
  CHECK(changed.error().message == "BXL-P0001@1.0.0 is already published with other content (sha256 " +
                                       first->content_sha256 + "); publish a new version");
  CHECK(changed.error().pointer == "/version");
  auto doc = *core::read_json_file(manifest);
  doc["version"] = "1.1.0";
  write_file(manifest, doc.dump(2));
  auto next = reg.publish(manifest);
  REQUIRE(next);
  CHECK(next->serial == "BXL-P0001");
  CHECK_FALSE(next->new_serial);
  CHECK(reg.show(*parse_serial_ref("BXL-P0001"))->versions == std::vector<std::string>{"1.0.0", "1.1.0"});
}

TEST_CASE("paths leaving the part folder, symlinks and reserved names are refused") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  write_file(tmp.path / "secret.txt", "secret");
  for (const std::string bad : {"../secret.txt", "/etc/passwd", "a/../../secret.txt", "part.json"}) {
    auto m = plate_manifest();
    m.erase("fabrication");
    m["files"][0]["path"] = bad;
    auto p = reg.publish(write_part(tmp.path / "bad", m));
    REQUIRE_FALSE(p);
    CHECK(p.error().code == core::Errc::invalid);
    CHECK(p.error().pointer == "/files/0/path");
  }
  auto m = plate_manifest();
  m.erase("fabrication");
  m["files"][0]["path"] = "link.stl";
  fs::create_symlink(tmp.path / "secret.txt", tmp.path / "bad" / "link.stl");
  auto p = reg.publish(write_part(tmp.path / "bad", m));
  REQUIRE_FALSE(p);
  CHECK(p.error().message == "\"link.stl\" is a symbolic link; links are refused");
}

TEST_CASE("files over the policy's size and licences outside the policy are refused") {
  TempDir tmp;
  RegistryConfig config;
  config.policy.max_file_bytes = 10;
  config.policy.allowed_licences = {"CERN-OHL-S-2.0", "CC-BY-4.0"};
  auto reg = make_registry(tmp.path, config);
  auto big = reg.publish(write_part(tmp.path / "big", plate_manifest(), std::string(11, 'x')));
  REQUIRE_FALSE(big);
  CHECK(big.error().message == "\"plate.stl\" is 11 bytes, over the registry's limit of 10 bytes");
  auto mit = reg.publish(write_part(tmp.path / "mit", plate_manifest("p", "MIT"), "tiny"));
  REQUIRE_FALSE(mit);
  CHECK(mit.error().message ==
        "licence \"MIT\" is not accepted by this registry (allowed: CERN-OHL-S-2.0, CC-BY-4.0)");
  CHECK(mit.error().pointer == "/licence");
  CHECK(reg.publish(write_part(tmp.path / "ok", plate_manifest("p", "CC-BY-4.0"), "tiny")));
}

TEST_CASE("a derived_from serial that does not exist is refused; a declared sha256 must match") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto m = plate_manifest();
  m["lineage"] = {{"derived_from", {{{"serial", "BXL-P0099"}, {"version", "1.0.0"}, {"relation", "remix"}}}}};
  auto p = reg.publish(write_part(tmp.path / "a", m));
  REQUIRE_FALSE(p);
  CHECK(p.error().message == "derived_from names BXL-P0099, which is not in this registry");
  CHECK(p.error().pointer == "/lineage/derived_from/0/serial");
  auto h = plate_manifest();
  h["files"][0]["sha256"] = std::string(64, '0');
  auto q = reg.publish(write_part(tmp.path / "b", h));
  REQUIRE_FALSE(q);
  CHECK(q.error().pointer == "/files/0/sha256");
}

TEST_CASE("a publish killed after writing its objects leaves the previous tip and a valid repository") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest("first"))));
  auto before = reg.tip();
  auto manifest = write_part(tmp.path / "b", plate_manifest("second"));
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    setenv("ARCHIPEL_TEST_CRASH_AFTER", "objects", 1);
    auto r = Registry::open(tmp.path / "reg");
    if (r) (void)r->publish(manifest);
    _exit(0);  // not reached when the hook fires
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 9);
  auto reopened = Registry::open(tmp.path / "reg");
  REQUIRE(reopened);
  CHECK(*reopened->tip() == *before);
  CHECK(reopened->verify()->problems.empty());
  CHECK(git_fsck(reopened->path()) == 0);
  auto retry = reopened->publish(manifest);
  REQUIRE(retry);
  CHECK(retry->serial == "BXL-P0002");
}

TEST_CASE("a publish whose serial never reached part.json gets the same serial again, found by content") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest("first"))));
  auto manifest = write_part(tmp.path / "b", plate_manifest("second"));
  PublishOptions no_write_back;
  no_write_back.write_serial = false;  // as if the write-back had failed
  auto first = reg.publish(manifest, no_write_back);
  REQUIRE(first);
  CHECK(first->serial == "BXL-P0002");
  CHECK_FALSE(core::read_json_file(manifest)->contains("serial"));
  auto tip = reg.tip();
  auto again = reg.publish(manifest);
  REQUIRE(again);
  CHECK(again->serial == "BXL-P0002");
  CHECK(again->found_by_content);
  CHECK(again->unchanged);
  CHECK_FALSE(again->new_serial);
  CHECK(again->serial_written);
  CHECK(*reg.tip() == *tip);
  CHECK((*core::read_json_file(manifest))["serial"] == "BXL-P0002");
  // Other content (another name, the same files) is another part.
  auto other = reg.publish(write_part(tmp.path / "c", plate_manifest("third")));
  REQUIRE(other);
  CHECK(other->serial == "BXL-P0003");
  CHECK_FALSE(other->found_by_content);
}

TEST_CASE("a publish killed after its commit, before the write-back: publishing again gives its serial") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  auto manifest = write_part(tmp.path / "a", plate_manifest("first"));
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    setenv("ARCHIPEL_TEST_CRASH_AFTER", "commit", 1);
    auto r = Registry::open(tmp.path / "reg");
    if (r) (void)r->publish(manifest);
    _exit(0);  // not reached when the hook fires
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 9);
  CHECK_FALSE(core::read_json_file(manifest)->contains("serial"));
  auto reopened = Registry::open(tmp.path / "reg");
  REQUIRE(reopened);
  auto tip = reopened->tip();
  auto retry = reopened->publish(manifest);
  REQUIRE(retry);
  CHECK(retry->serial == "BXL-P0001");
  CHECK(retry->found_by_content);
  CHECK(*reopened->tip() == *tip);
  CHECK((*core::read_json_file(manifest))["serial"] == "BXL-P0001");
  CHECK(reopened->list()->size() == 1);
}
