// SPDX-License-Identifier: Apache-2.0
// list, history and show answered from the index: the same answers as walking git, whether the
// index was refreshed commit by commit or rebuilt from scratch, and after a rewritten history;
// and the tree diff behind it agrees with libgit2's.
#include <doctest/doctest.h>

#include <cstdio>

#include <fmt/format.h>

#include "archipel/core/json.hpp"
#include "fixture.hpp"
#include "git/store.hpp"
#include "git/tree_diff.hpp"

using namespace archipel;
using namespace archipel::registry;
using namespace archipel::test;

namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  ::pclose(pipe);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Two parts, a second version and a yank: every kind of commit `history` shows.
Registry busy_registry(const TempDir& tmp) {
  auto reg = make_registry(tmp.path);
  auto path = write_part(tmp.path / "a", plate_manifest());
  REQUIRE(reg.publish(path));
  REQUIRE(reg.publish(write_part(tmp.path / "b", plate_manifest("Bracket", "CC0-1.0"), "solid b\nendsolid b\n")));
  auto m = *core::read_json_file(path);
  m["version"] = "1.1.0";
  REQUIRE(reg.publish(write_part(tmp.path / "a", m)));
  REQUIRE(reg.yank(*parse_serial_ref("BXL-P0001@1.0.0"), "warped"));
  return reg;
}

std::vector<std::string> history_ids(const Registry& reg, const std::string& serial) {
  std::vector<std::string> out;
  auto h = reg.history(*parse_serial(serial));
  if (h)
    for (const auto& e : *h) out.push_back(e.commit + " " + e.message + " " + to_string(e.signer.state));
  return out;
}

std::string list_text(const Registry& reg) {
  std::string out;
  auto parts = reg.list();
  REQUIRE(parts);
  for (const auto& p : *parts) {
    out += p.serial + " " + p.latest + " " + p.name + " " + p.kind + " " + p.designer + " " + p.licence + " [" +
           fmt::format("{}", fmt::join(p.versions, ",")) + "] [" + fmt::format("{}", fmt::join(p.yanked, ",")) + "]\n";
  }
  return out;
}

}  // namespace

TEST_CASE("list, history and show answer from the index, refreshed or rebuilt alike") {
  TempDir tmp;
  auto reg = busy_registry(tmp);
  const fs::path index = reg.path() / "archipel-index.sqlite";
  CHECK(list_text(reg) == "BXL-P0001 1.1.0 OS plate 120x40 part Ada Lovelace CC-BY-4.0 [1.0.0,1.1.0] [1.0.0]\n"
                          "BXL-P0002 1.0.0 Bracket part Ada Lovelace CC0-1.0 [1.0.0] []\n");
  REQUIRE(fs::exists(index));
  auto h1 = history_ids(reg, "BXL-P0001");
  REQUIRE(h1.size() == 3);
  CHECK(h1[0].ends_with(" yank BXL-P0001@1.0.0: warped good"));
  CHECK(h1[2].find(" publish BXL-P0001@1.0.0") != std::string::npos);
  // The publishing commit of each version is the one git names as adding its part.json.
  const std::string git = "git -C '" + reg.path().string() + "' ";
  for (const std::string v : {"1.0.0", "1.1.0"}) {
    auto info = reg.show(*parse_serial_ref("BXL-P0001@" + v));
    REQUIRE(info);
    CHECK(info->commit ==
          run(git + "log --first-parent --diff-filter=A --format=%H main -- parts/BXL/P/000/BXL-P0001/" + v + "/part.json"));
    CHECK(info->signer.state == SignatureState::good);
  }
  // From scratch: the same answers.
  auto before_show = reg.show(*parse_serial_ref("BXL-P0002"));
  REQUIRE(before_show);
  fs::remove(index);
  fs::remove(reg.path() / "archipel-index.sqlite-wal");
  fs::remove(reg.path() / "archipel-index.sqlite-shm");
  auto again = Registry::open(reg.path());
  REQUIRE(again);
  CHECK(list_text(*again) == list_text(reg));
  CHECK(history_ids(*again, "BXL-P0001") == h1);
  CHECK(history_ids(*again, "BXL-P0002") == history_ids(reg, "BXL-P0002"));
  auto after_show = again->show(*parse_serial_ref("BXL-P0002"));
  REQUIRE(after_show);
  CHECK(after_show->commit == before_show->commit);
  auto absent = again->history(*parse_serial("BXL-P0009"));
  REQUIRE_FALSE(absent);
  CHECK(absent.error().message == "BXL-P0009 is not in this registry");
}

TEST_CASE("a rewritten history is recorded again, without the commits it dropped") {
  TempDir tmp;
  auto reg = busy_registry(tmp);
  REQUIRE(history_ids(reg, "BXL-P0002").size() == 1);
  // main moved back to the first publish with plain git: BXL-P0002 and the rest are gone.
  const std::string git = "git -C '" + reg.path().string() + "' ";
  REQUIRE(sh(git + "update-ref refs/heads/main $(" + git + "rev-list --reverse main | sed -n 2p)") == 0);
  auto h = history_ids(reg, "BXL-P0001");
  REQUIRE(h.size() == 1);
  CHECK(h[0].find(" publish BXL-P0001@1.0.0") != std::string::npos);
  auto gone = reg.history(*parse_serial("BXL-P0002"));
  REQUIRE_FALSE(gone);
  CHECK(list_text(reg) == "BXL-P0001 1.0.0 OS plate 120x40 part Ada Lovelace CC-BY-4.0 [1.0.0] []\n");
  auto info = reg.show(*parse_serial_ref("BXL-P0001"));
  REQUIRE(info);
  CHECK(info->commit == run(git + "rev-parse main"));
}

TEST_CASE("the tree diff gives libgit2's deltas, reading only the folders that differ") {
  TempDir tmp;
  auto reg = busy_registry(tmp);
  // A file where a folder was, and a folder where a file was, with the real git.
  const std::string git = "git -C '" + reg.path().string() + "' ";
  const std::string index = "GIT_INDEX_FILE='" + (tmp.path / "idx").string() + "' ";
  REQUIRE(sh("set -e; " + index + git + "read-tree main; b=$(echo x | " + git + "hash-object -w --stdin); " + index + git +
             "rm -q --cached -r parts/BXL/P/000/BXL-P0002; " + index + git +
             "update-index --add --cacheinfo 100644,$b,parts/BXL/P/000/BXL-P0002 --cacheinfo 100755,$b,parts/a-b/c --cacheinfo 100644,$b,parts/BXL-x; "
             "t=$(" + index + git + "write-tree); c=$(" + git + "-c user.name=x -c user.email=x@x commit-tree $t -p main -m x); " +
             git + "update-ref refs/heads/main $c") == 0);
  auto store = git::Store::open(reg.path());
  REQUIRE(store);
  std::vector<std::string> commits;
  for (std::string line, all = run(git + "rev-list --reverse main") + "\n"; !all.empty();) {
    line = all.substr(0, all.find('\n'));
    all.erase(0, line.size() + 1);
    commits.push_back(line);
  }
  REQUIRE(commits.size() == 6);
  for (std::size_t i = 0; i < commits.size(); ++i) {
    for (std::size_t j = 0; j < commits.size(); ++j) {
      git_oid a, b;
      REQUIRE(git_oid_fromstr(&a, commits[i].c_str()) == 0);
      REQUIRE(git_oid_fromstr(&b, commits[j].c_str()) == 0);
      auto ta = store->tree_of(a);
      auto tb = store->tree_of(b);
      REQUIRE((ta && tb));
      git_diff* raw = nullptr;
      REQUIRE(git_diff_tree_to_tree(&raw, store->repo(), ta->get(), tb->get(), nullptr) == 0);
      git::Diff diff(raw);
      std::vector<std::string> theirs, ours;
      for (std::size_t k = 0; k < git_diff_num_deltas(raw); ++k) {
        const auto* d = git_diff_get_delta(raw, k);
        theirs.push_back(fmt::format("{} {} {}", d->new_file.path, d->status == GIT_DELTA_ADDED ? "" : git::to_hex(d->old_file.id),
                                     d->status == GIT_DELTA_DELETED ? "" : git::to_hex(d->new_file.id)));
      }
      auto deltas = git::diff_trees(store->repo(), ta->get(), tb->get());
      REQUIRE(deltas);
      for (const auto& d : *deltas) {
        ours.push_back(fmt::format("{} {} {}", d.path, d.before ? git::to_hex(*d.before) : "",
                                   d.after ? git::to_hex(*d.after) : ""));
      }
      CHECK(ours == theirs);
    }
  }
}
