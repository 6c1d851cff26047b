// The git store: tree edits, compare-and-swap commits, concurrent writers in real processes.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "fixture.hpp"
#include "git/store.hpp"

using namespace archipel;
using namespace archipel::registry;
using archipel::test::TempDir;

namespace {

git::Store::Builder add_file(git::Store& store, const std::string& path, const std::string& text) {
  return [&store, path, text](const git::Snapshot&) -> core::Result<std::optional<git::CommitRequest>> {
    auto blob = store.write_blob(text);
    if (!blob) return std::unexpected(blob.error());
    return git::CommitRequest{{{path, *blob}}, "add " + path, "Tester", "t@example.org"};
  };
}

}  // namespace

TEST_CASE("a new store is bare, on main, and empty") {
  TempDir tmp;
  auto store = git::Store::init(tmp.path / "s");
  REQUIRE(store);
  CHECK(git_repository_is_bare(store->repo()) == 1);
  auto tip = store->tip();
  REQUIRE(tip);
  CHECK_FALSE(tip->has_value());
  CHECK_FALSE(git::Store::init(tmp.path / "s"));  // never re-initialised
}

TEST_CASE("tree edits create nested folders, keep siblings and remove empty folders") {
  TempDir tmp;
  auto store = git::Store::init(tmp.path / "s");
  REQUIRE(store);
  REQUIRE(store->transact(add_file(*store, "a/b/c.txt", "one")));
  REQUIRE(store->transact(add_file(*store, "a/d.txt", "two")));
  auto snap = store->snapshot();
  REQUIRE(snap);
  CHECK(store->read(snap->tree.get(), "a/b/c.txt")->value() == "one");
  CHECK(store->read(snap->tree.get(), "a/d.txt")->value() == "two");
  CHECK_FALSE(store->read(snap->tree.get(), "a/x.txt")->has_value());
  auto removed = store->apply(snap->tree.get(), {{"a/b/c.txt", std::nullopt}});
  REQUIRE(removed);
  git_tree* t = nullptr;
  REQUIRE(git_tree_lookup(&t, store->repo(), &*removed) == 0);
  git::Tree tree(t);
  CHECK_FALSE(store->entry(tree.get(), "a/b")->has_value());
  CHECK(store->entry(tree.get(), "a/d.txt")->has_value());
  CHECK(test::git_fsck(tmp.path / "s") == 0);
}

TEST_CASE("a stale writer retries on the moved tip instead of losing the other update") {
  TempDir tmp;
  auto a = git::Store::init(tmp.path / "s");
  REQUIRE(a);
  auto b = git::Store::open(tmp.path / "s");
  REQUIRE(b);
  int calls = 0;
  auto outcome = a->transact([&](const git::Snapshot& snap) -> core::Result<std::optional<git::CommitRequest>> {
    if (++calls == 1) {
      // Another writer lands between this writer's read of the tip and its ref update.
      REQUIRE(b->transact(add_file(*b, "other.txt", "theirs")));
    }
    auto blob = a->write_blob("mine");
    std::string seen = snap.commit ? "after" : "first";
    return git::CommitRequest{{{"mine.txt", *blob}}, "mine " + seen, "Tester", "t@example.org"};
  });
  REQUIRE(outcome);
  REQUIRE(outcome->has_value());
  CHECK((*outcome)->retries == 1);
  CHECK(calls == 2);
  auto snap = a->snapshot();
  CHECK(a->read(snap->tree.get(), "other.txt")->value() == "theirs");
  CHECK(a->read(snap->tree.get(), "mine.txt")->value() == "mine");
}

TEST_CASE("two processes committing 20 times each at once: all 40 commits land") {
  TempDir tmp;
  REQUIRE(git::Store::init(tmp.path / "s"));
  pid_t children[2];
  for (int w = 0; w < 2; ++w) {
    children[w] = fork();
    REQUIRE(children[w] >= 0);
    if (children[w] == 0) {
      auto store = git::Store::open(tmp.path / "s");
      for (int i = 0; i < 20 && store; ++i) {
        std::string path = "w" + std::to_string(w) + "/" + std::to_string(i);
        if (!store->transact(add_file(*store, path, path))) _exit(1);
      }
      _exit(store ? 0 : 2);
    }
  }
  for (pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto store = git::Store::open(tmp.path / "s");
  auto snap = store->snapshot();
  REQUIRE(snap);
  CHECK(store->list(snap->tree.get(), "w0")->size() == 20);
  CHECK(store->list(snap->tree.get(), "w1")->size() == 20);
  CHECK(test::git_fsck(tmp.path / "s") == 0);
}

TEST_CASE("libgit2 failures become io errors at once") {
  TempDir tmp;
  auto missing = git::Store::open(tmp.path / "nothing");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == core::Errc::io);
  CHECK(missing.error().origin == (tmp.path / "nothing").string());
}
