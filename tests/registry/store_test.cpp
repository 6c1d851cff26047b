// The git store: tree edits, compare-and-swap commits, concurrent writers in real processes.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.hpp"
#include "git/store.hpp"
#include "git/write_lock.hpp"

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

// Moves main as another program would (a `git` process): raw libgit2, without archipel's lock.
void move_main_elsewhere(const git::Store& store, const std::string& path, const std::string& text) {
  git_oid blob, parent_id, commit_id;
  REQUIRE(git_blob_create_from_buffer(&blob, store.repo(), text.data(), text.size()) == 0);
  auto snap = store.snapshot();
  REQUIRE(snap);
  auto tree_id = store.apply(snap->tree.get(), {{path, blob}});
  REQUIRE(tree_id);
  git_tree* tree = nullptr;
  REQUIRE(git_tree_lookup(&tree, store.repo(), &*tree_id) == 0);
  git::Tree owned_tree(tree);
  git_signature* sig = nullptr;
  REQUIRE(git_signature_now(&sig, "Other", "o@example.org") == 0);
  git::Signature owned_sig(sig);
  git_commit* parent = nullptr;
  REQUIRE(snap->commit);
  parent_id = *snap->commit;
  REQUIRE(git_commit_lookup(&parent, store.repo(), &parent_id) == 0);
  git::Commit owned_parent(parent);
  const git_commit* parents[1] = {parent};
  REQUIRE(git_commit_create(&commit_id, store.repo(), "refs/heads/main", sig, sig, nullptr, "other",
                            tree, 1, parents) == 0);
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

TEST_CASE("a writer whose tip another program moved retries on it instead of losing the update") {
  TempDir tmp;
  auto a = git::Store::init(tmp.path / "s");
  REQUIRE(a);
  REQUIRE(a->transact(add_file(*a, "first.txt", "first")));
  auto b = git::Store::open(tmp.path / "s");
  REQUIRE(b);
  int calls = 0;
  auto outcome = a->transact([&](const git::Snapshot& snap) -> core::Result<std::optional<git::CommitRequest>> {
    if (++calls == 1) {
      // Archipel's writers exclude each other (archipel.lock); a program that ignores the lock
      // lands between this writer's read of the tip and its ref update.
      move_main_elsewhere(*b, "other.txt", "theirs");
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

namespace {

// Sets a file's modification time `seconds` into the past.
void age(const std::filesystem::path& path, long seconds) {
  struct timespec times[2];
  clock_gettime(CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= seconds;
  times[1] = times[0];
  REQUIRE(utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("a ref lock left by a writer killed while moving main is removed by the next writer") {
  TempDir tmp;
  auto store = git::Store::init(tmp.path / "s");
  REQUIRE(store);
  REQUIRE(store->transact(add_file(*store, "a", "a")));
  auto tip = store->tip();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    setenv("ARCHIPEL_TEST_CRASH_AFTER", "ref-lock", 1);
    auto s = git::Store::open(tmp.path / "s");
    if (s) (void)s->transact(add_file(*s, "b", "b"));
    _exit(0);  // not reached when the hook fires
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 9);
  const auto lock = tmp.path / "s" / "refs" / "heads" / "main.lock";
  CHECK(std::filesystem::exists(lock));
  CHECK(git::to_hex(**store->tip()) == git::to_hex(**tip));
  auto found = git::find_leftovers(store->gitdir());
  REQUIRE(found.size() == 1);
  CHECK(found[0].where == "refs/heads/main.lock");
  CHECK(found[0].message == "stale lock left by archipel writer pid " + std::to_string(child) +
                                ", killed while moving refs/heads/main; the next publish removes it");
  auto outcome = store->transact(add_file(*store, "c", "c"));
  REQUIRE(outcome);
  REQUIRE(outcome->has_value());
  REQUIRE((*outcome)->recovered.size() == 1);
  CHECK((*outcome)->recovered[0] == "removed refs/heads/main.lock left by archipel writer pid " +
                                        std::to_string(child) + ", killed while moving refs/heads/main");
  CHECK_FALSE(std::filesystem::exists(lock));
  CHECK(git::find_leftovers(store->gitdir()).empty());
  CHECK(test::git_fsck(tmp.path / "s") == 0);
}

TEST_CASE("a ref lock of another program is named in the error, and removed once stale") {
  TempDir tmp;
  auto store = git::Store::init(tmp.path / "s");
  REQUIRE(store);
  REQUIRE(store->transact(add_file(*store, "a", "a")));
  const auto lock = tmp.path / "s" / "refs" / "heads" / "main.lock";
  test::write_file(lock, "");
  auto refused = store->transact(add_file(*store, "b", "b"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == core::Errc::io);
  CHECK(refused.error().origin == store->gitdir().string() + "refs/heads/main.lock");
  CHECK(refused.error().message ==
        "refs/heads/main is locked by another program: the lock was not left by an archipel writer "
        "and no running process has it open; remove it if no git command is running on this registry");
  auto found = git::find_leftovers(store->gitdir());
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "lock not left by an archipel writer and open in no running process: "
                            "publishes fail until it is removed");
  age(lock, 3600);
  CHECK(git::find_leftovers(store->gitdir())[0].message ==
        "stale lock, open in no running process and older than 10 minutes; the next publish removes it");
  REQUIRE(store->transact(add_file(*store, "b", "b")));
  CHECK_FALSE(std::filesystem::exists(lock));
}

TEST_CASE("tmp objects of killed writers older than the safe age are reported and removed") {
  TempDir tmp;
  auto store = git::Store::init(tmp.path / "s");
  REQUIRE(store);
  const auto objects = tmp.path / "s" / "objects";
  test::write_file(objects / "tmp_object_git2_dead01", std::string(1000, 'x'));
  test::write_file(objects / "tmp_object_git2_dead02", "yy");
  test::write_file(objects / "tmp_object_git2_fresh1", "being written");
  age(objects / "tmp_object_git2_dead01", 3600);
  age(objects / "tmp_object_git2_dead02", 11 * 60);
  auto found = git::find_leftovers(store->gitdir());
  REQUIRE(found.size() == 1);
  CHECK(found[0].where == "objects/tmp_object_git2_*");
  CHECK(found[0].message == "2 temporary object files (1002 bytes) left by killed writers; the next "
                            "publish removes them");
  auto outcome = store->transact(add_file(*store, "a", "a"));
  REQUIRE(outcome);
  REQUIRE(outcome->has_value());
  REQUIRE((*outcome)->recovered.size() == 1);
  CHECK((*outcome)->recovered[0] == "removed 2 temporary object files (1002 bytes) left by killed writers");
  CHECK_FALSE(std::filesystem::exists(objects / "tmp_object_git2_dead01"));
  CHECK(std::filesystem::exists(objects / "tmp_object_git2_fresh1"));
  CHECK(git::find_leftovers(store->gitdir()).empty());
}

TEST_CASE("libgit2 failures become io errors at once") {
  TempDir tmp;
  auto missing = git::Store::open(tmp.path / "nothing");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == core::Errc::io);
  CHECK(missing.error().origin == (tmp.path / "nothing").string());
}
