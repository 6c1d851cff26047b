#include "git/store.hpp"

#include "git/write_lock.hpp"
#include "test_hooks.hpp"

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include <unistd.h>

namespace archipel::registry::git {
namespace fs = std::filesystem;
using core::Result;

namespace {

// Splits "a/b/c" into "a" and "b/c"; a path without '/' gives it and "".
std::pair<std::string, std::string> split_first(const std::string& path) {
  auto slash = path.find('/');
  if (slash == std::string::npos) return {path, {}};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

using detail::crash_hook;

// How long a writer waits for the writer lock held by another archipel writer, and for a ref
// lock held by another program (git holds one for the time of a rename).
constexpr std::chrono::milliseconds lock_wait{60'000};
constexpr std::chrono::milliseconds ref_lock_wait{3'000};

// Clears the in-transaction flag on every way out of transact.
struct TransactionFlag {
  bool& flag;
  explicit TransactionFlag(bool& f) : flag(f) { flag = true; }
  ~TransactionFlag() { flag = false; }
};

void backoff(int attempt) {
  thread_local std::mt19937 rng{std::random_device{}()};
  int cap = 1 << std::min(attempt, 6);
  std::uniform_int_distribution<int> ms(0, cap);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms(rng)));
}

}  // namespace

Result<Store> Store::init(const fs::path& path) {
  ensure_initialised();
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
  opts.initial_head = "main";
  git_repository* raw = nullptr;
  if (int rc = git_repository_init_ext(&raw, path.c_str(), &opts); rc < 0) {
    return std::unexpected(last_error(rc, "cannot create the registry repository", path.string()));
  }
  Store store;
  store.repo_.reset(raw);
  store.path_ = path;
  if (auto ok = store.set_gitdir(); !ok) return std::unexpected(ok.error());
  return store;
}

Result<void> Store::set_gitdir() {
  const char* dir = git_repository_path(repo());
  if (dir == nullptr) return core::fail(core::Errc::io, "no git directory", path_.string());
  gitdir_ = dir;
  return {};
}

Result<Store> Store::open(const fs::path& path) {
  ensure_initialised();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc < 0) {
    return core::fail(core::Errc::io,
                      "no registry here (run 'archipel registry init' or pass --registry)",
                      path.string());
  }
  Store store;
  store.repo_.reset(raw);
  store.path_ = path;
  if (auto ok = store.set_gitdir(); !ok) return std::unexpected(ok.error());
  return store;
}

Result<std::optional<git_oid>> Store::tip() const {
  git_oid id;
  int rc = git_reference_name_to_id(&id, repo(), main_ref);
  if (rc == GIT_ENOTFOUND) return std::optional<git_oid>{};
  if (rc < 0) return std::unexpected(last_error(rc, "cannot read refs/heads/main", path_.string()));
  return std::optional<git_oid>{id};
}

Result<Tree> Store::tree_of(const git_oid& commit) const {
  git_commit* c = nullptr;
  if (int rc = git_commit_lookup(&c, repo(), &commit); rc < 0) {
    return std::unexpected(last_error(rc, "cannot read commit " + to_hex(commit), path_.string()));
  }
  Commit owned(c);
  git_tree* t = nullptr;
  if (int rc = git_commit_tree(&t, c); rc < 0) {
    return std::unexpected(last_error(rc, "cannot read the tree of " + to_hex(commit), path_.string()));
  }
  return Tree(t);
}

Result<Snapshot> Store::snapshot() const {
  auto head = tip();
  if (!head) return std::unexpected(head.error());
  Snapshot snap;
  snap.commit = *head;
  if (*head) {
    auto tree = tree_of(**head);
    if (!tree) return std::unexpected(tree.error());
    snap.tree = std::move(*tree);
  }
  return snap;
}

Result<std::optional<Entry>> Store::entry(const git_tree* root, const std::string& path) const {
  if (root == nullptr) return std::optional<Entry>{};
  if (path.empty()) return std::optional<Entry>{Entry{"", *git_tree_id(root), true}};
  git_tree_entry* e = nullptr;
  int rc = git_tree_entry_bypath(&e, root, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::optional<Entry>{};
  if (rc < 0) return std::unexpected(last_error(rc, "cannot look up " + path, path_.string()));
  TreeEntry owned(e);
  return std::optional<Entry>{
      Entry{git_tree_entry_name(e), *git_tree_entry_id(e), git_tree_entry_type(e) == GIT_OBJECT_TREE}};
}

Result<std::string> Store::read_blob(const git_oid& id) const {
  git_blob* b = nullptr;
  if (int rc = git_blob_lookup(&b, repo(), &id); rc < 0) {
    return std::unexpected(last_error(rc, "cannot read blob " + to_hex(id), path_.string()));
  }
  Blob owned(b);
  auto size = static_cast<std::size_t>(git_blob_rawsize(b));
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)), size);
}

Result<std::optional<std::string>> Store::read(const git_tree* root, const std::string& path) const {
  auto e = entry(root, path);
  if (!e) return std::unexpected(e.error());
  if (!*e || (*e)->is_tree) return std::optional<std::string>{};
  auto bytes = read_blob((*e)->id);
  if (!bytes) return std::unexpected(bytes.error());
  return std::optional<std::string>{std::move(*bytes)};
}

Result<std::vector<Entry>> Store::list(const git_tree* root, const std::string& dir) const {
  std::vector<Entry> out;
  auto e = entry(root, dir);
  if (!e) return std::unexpected(e.error());
  if (!*e || !(*e)->is_tree) return out;
  git_tree* t = nullptr;
  if (int rc = git_tree_lookup(&t, repo(), &(*e)->id); rc < 0) {
    return std::unexpected(last_error(rc, "cannot read folder " + dir, path_.string()));
  }
  Tree owned(t);
  std::size_t n = git_tree_entrycount(t);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_tree_entry* te = git_tree_entry_byindex(t, i);
    out.push_back({git_tree_entry_name(te), *git_tree_entry_id(te),
                   git_tree_entry_type(te) == GIT_OBJECT_TREE});
  }
  return out;
}

Result<git_oid> Store::write_blob(std::string_view bytes) const {
  // A shared lock tells the writer clearing tmp objects (exclusive) that this one is alive.
  std::optional<WriterLock> shared;
  if (!in_transaction_) {
    auto lock = WriterLock::acquire(gitdir_, WriterLock::Mode::shared, lock_wait);
    if (!lock) return std::unexpected(lock.error());
    shared.emplace(std::move(*lock));
  }
  git_oid id;
  if (int rc = git_blob_create_from_buffer(&id, repo(), bytes.data(), bytes.size()); rc < 0) {
    return std::unexpected(last_error(rc, "cannot write a blob", path_.string()));
  }
  return id;
}

Result<bool> Store::has_blob(std::string_view bytes) const {
  git_oid id;
  if (int rc = git_odb_hash(&id, bytes.data(), bytes.size(), GIT_OBJECT_BLOB); rc < 0) {
    return std::unexpected(last_error(rc, "cannot hash a blob", path_.string()));
  }
  git_odb* raw = nullptr;
  if (int rc = git_repository_odb(&raw, repo()); rc < 0) {
    return std::unexpected(last_error(rc, "cannot open the object database", path_.string()));
  }
  Odb odb(raw);
  return git_odb_exists(raw, &id) == 1;
}

Result<git_oid> Store::apply(const git_tree* base, const std::vector<Change>& changes) const {
  git_treebuilder* raw = nullptr;
  if (int rc = git_treebuilder_new(&raw, repo(), base); rc < 0) {
    return std::unexpected(last_error(rc, "cannot start a tree", path_.string()));
  }
  TreeBuilder builder(raw);
  std::map<std::string, std::vector<Change>> nested;
  for (const auto& change : changes) {
    auto [head, rest] = split_first(change.path);
    if (!rest.empty()) {
      nested[head].push_back({rest, change.blob});
      continue;
    }
    int rc = change.blob ? git_treebuilder_insert(nullptr, raw, head.c_str(), &*change.blob,
                                                  GIT_FILEMODE_BLOB)
                         : git_treebuilder_remove(raw, head.c_str());
    if (rc < 0 && !(rc == GIT_ENOTFOUND && !change.blob)) {
      return std::unexpected(last_error(rc, "cannot write " + change.path, path_.string()));
    }
  }
  for (auto& [name, sub] : nested) {
    Tree subtree;
    if (const git_tree_entry* te = base ? git_tree_entry_byname(base, name.c_str()) : nullptr;
        te != nullptr && git_tree_entry_type(te) == GIT_OBJECT_TREE) {
      git_tree* t = nullptr;
      if (int rc = git_tree_lookup(&t, repo(), git_tree_entry_id(te)); rc < 0) {
        return std::unexpected(last_error(rc, "cannot read folder " + name, path_.string()));
      }
      subtree.reset(t);
    }
    auto id = apply(subtree.get(), sub);
    if (!id) return id;
    git_tree* written = nullptr;
    if (int rc = git_tree_lookup(&written, repo(), &*id); rc < 0) {
      return std::unexpected(last_error(rc, "cannot read folder " + name, path_.string()));
    }
    Tree owned(written);
    int rc = git_tree_entrycount(written) == 0
                 ? git_treebuilder_remove(raw, name.c_str())
                 : git_treebuilder_insert(nullptr, raw, name.c_str(), &*id, GIT_FILEMODE_TREE);
    if (rc < 0 && rc != GIT_ENOTFOUND) {
      return std::unexpected(last_error(rc, "cannot write folder " + name, path_.string()));
    }
  }
  git_oid out;
  if (int rc = git_treebuilder_write(&out, raw); rc < 0) {
    return std::unexpected(last_error(rc, "cannot write a tree", path_.string()));
  }
  return out;
}

Result<git_oid> Store::write_commit(const CommitRequest& request, const git_signature* author,
                                   const git_tree* tree, std::size_t parent_count,
                                   const git_commit** parents) const {
  git_oid id;
  if (!request.sign) {
    if (int rc = git_commit_create(&id, repo(), nullptr, author, author, nullptr,
                                   request.message.c_str(), tree, parent_count, parents);
        rc < 0) {
      return std::unexpected(last_error(rc, "cannot write the commit", path_.string()));
    }
    return id;
  }
  // As git does for gpg.format=ssh: sign the commit's bytes, store the signature in `gpgsig`.
  git_buf buffer = GIT_BUF_INIT;
  if (int rc = git_commit_create_buffer(&buffer, repo(), author, author, nullptr,
                                        request.message.c_str(), tree, parent_count, parents);
      rc < 0) {
    return std::unexpected(last_error(rc, "cannot write the commit", path_.string()));
  }
  std::string content(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  auto signature = request.sign(content);
  if (!signature) return std::unexpected(signature.error());
  if (int rc = git_commit_create_with_signature(&id, repo(), content.c_str(), signature->c_str(),
                                                "gpgsig");
      rc < 0) {
    return std::unexpected(last_error(rc, "cannot write the signed commit", path_.string()));
  }
  return id;
}

Result<std::optional<CommitOutcome>> Store::transact(const Builder& build, int max_retries) const {
  auto lock = WriterLock::acquire(gitdir_, WriterLock::Mode::exclusive, lock_wait);
  if (!lock) return std::unexpected(lock.error());
  TransactionFlag flag(in_transaction_);
  auto recovered = lock->recover();
  if (!recovered) return std::unexpected(recovered.error());
  for (int attempt = 0; attempt <= max_retries; ++attempt) {
    auto snap = snapshot();
    if (!snap) return std::unexpected(snap.error());
    auto request = build(*snap);
    if (!request) return std::unexpected(request.error());
    if (!*request) return std::optional<CommitOutcome>{};
    auto tree_id = apply(snap->tree.get(), (*request)->changes);
    if (!tree_id) return std::unexpected(tree_id.error());
    git_tree* t = nullptr;
    if (int rc = git_tree_lookup(&t, repo(), &*tree_id); rc < 0) {
      return std::unexpected(last_error(rc, "cannot read the new tree", path_.string()));
    }
    Tree tree(t);
    git_signature* sig = nullptr;
    if (int rc = git_signature_now(&sig, (*request)->author_name.c_str(),
                                   (*request)->author_email.c_str());
        rc < 0) {
      return std::unexpected(last_error(rc, "invalid author signature", path_.string()));
    }
    Signature author(sig);
    Commit parent;
    if (snap->commit) {
      git_commit* p = nullptr;
      if (int rc = git_commit_lookup(&p, repo(), &*snap->commit); rc < 0) {
        return std::unexpected(last_error(rc, "cannot read the tip", path_.string()));
      }
      parent.reset(p);
    }
    const git_commit* parents[1] = {parent.get()};
    auto commit_id = write_commit(**request, author.get(), tree.get(), parent ? 1 : 0, parents);
    if (!commit_id) return std::unexpected(commit_id.error());
    crash_hook("objects");
    if (auto ok = lock->begin_ref_update(main_ref, to_hex(*commit_id), ref_lock_wait); !ok) {
      return std::unexpected(ok.error());
    }
    detail::crash_holding_ref_lock(gitdir_ / (std::string(main_ref) + ".lock"));
    git_reference* ref = nullptr;
    int rc = snap->commit
                 ? git_reference_create_matching(&ref, repo(), main_ref, &*commit_id, 1,
                                                 &*snap->commit, (*request)->message.c_str())
                 : git_reference_create(&ref, repo(), main_ref, &*commit_id, 0,
                                        (*request)->message.c_str());
    Reference owned_ref(ref);
    lock->end_ref_update();
    // Another program moved main (archipel writers are excluded by the lock) or took its lock
    // meanwhile: rebuild on the new tip; begin_ref_update names a lock that stays.
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
      backoff(attempt);
      continue;
    }
    if (rc < 0) return std::unexpected(last_error(rc, "cannot move refs/heads/main", path_.string()));
    return std::optional<CommitOutcome>{CommitOutcome{*commit_id, attempt, std::move(*recovered)}};
  }
  return core::fail(core::Errc::io,
                    "refs/heads/main kept moving (another program writes to this registry): gave up "
                    "after " + std::to_string(max_retries) + " retries",
                    path_.string());
}

}  // namespace archipel::registry::git
