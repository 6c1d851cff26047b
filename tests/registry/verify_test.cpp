// verify: a clean registry passes; tampering written with the real git client is named.
#include <doctest/doctest.h>

#include <cstdio>

#include "fixture.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

// Replaces one file of the tip's tree with the git CLI (a plumbing commit, as an attacker would).
void tamper(const fs::path& repo, const std::string& path, const std::string& content) {
  std::string r = "git -C '" + repo.string() + "' ";
  std::string cmd =
      "set -e; export GIT_INDEX_FILE='" + (repo / "tamper-index").string() + "'; " + r + "read-tree main; " +
      "blob=$(printf '" + content + "' | " + r + "hash-object -w --stdin); " + r +
      "update-index --add --cacheinfo 100644,$blob," + path + "; tree=$(" + r + "write-tree); " +
      "c=$(" + r + "-c user.name=x -c user.email=x@x commit-tree $tree -p main -m tamper); " + r +
      "update-ref refs/heads/main $c; rm -f \"$GIT_INDEX_FILE\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_CASE("a clean registry verifies, counting what it checked") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest())));
  auto report = reg.verify();
  REQUIRE(report);
  CHECK(report->problems.empty());
  CHECK(report->versions == 1);
  CHECK(report->files == 1);
  CHECK(report->objects > 10);
}

TEST_CASE("a changed file and an unlisted file are each named") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest())));
  std::string folder = "parts/BXL/P/000/BXL-P0001/1.0.0/";
  tamper(reg.path(), folder + "plate.stl", "evil");
  tamper(reg.path(), folder + "extra.txt", "extra");
  auto report = reg.verify();
  REQUIRE(report);
  // The tip's problems first, then the history's: each tampering commit, unsigned, named.
  REQUIRE(report->problems.size() == 6);
  CHECK(report->problems[0].where == folder + "plate.stl");
  CHECK(report->problems[0].message.starts_with("sha256 is "));
  CHECK(report->problems[1].where == folder + "extra.txt");
  CHECK(report->problems[1].message == "not listed in part.json");
  CHECK(report->problems[2].message == "rewrites plate.stl of BXL-P0001@1.0.0, published earlier");
  CHECK(report->problems[3].message == "is not signed");
  CHECK(report->problems[4].message == "adds extra.txt to BXL-P0001@1.0.0, published earlier");
  CHECK(report->problems[5].message == "is not signed");
}

TEST_CASE("a corrupt loose object is reported") {
  TempDir tmp;
  auto reg = make_registry(tmp.path);
  REQUIRE(reg.publish(write_part(tmp.path / "a", plate_manifest())));
  // The plate's blob: overwrite its loose object with a valid zlib stream of other content.
  // (Always that blob, found by its id from the real git: a corrupt commit or tree is another
  // case, reported before the objects are walked.)
  std::string id;
  {
    const std::string cmd = "git hash-object '" + (tmp.path / "a" / "plate.stl").string() + "'";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[128] = {};
    if (std::fgets(buf, sizeof buf, pipe) != nullptr) id = buf;
    ::pclose(pipe);
  }
  REQUIRE(id.size() >= 40);
  const fs::path victim = reg.path() / "objects" / id.substr(0, 2) / id.substr(2, 38);
  REQUIRE(fs::is_regular_file(victim));
  fs::permissions(victim, fs::perms::owner_write, fs::perm_options::add);
  write_file(victim, "not a zlib stream");
  auto report = reg.verify();
  if (!report) FAIL(report.error().message);
  REQUIRE_FALSE(report->problems.empty());
  bool named = false;
  for (const auto& p : report->problems) {
    named = named || (p.where.starts_with("object ") && p.message.starts_with("unreadable"));
  }
  CHECK(named);
}
