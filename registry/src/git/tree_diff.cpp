// SPDX-License-Identifier: Apache-2.0
// The tree diff of tree_diff.hpp: a merge of the two sorted entry lists, recursing only into
// folders whose ids differ.
#include "git/tree_diff.hpp"

#include <algorithm>
#include <cstring>

namespace archipel::registry::git {
using core::Result;

namespace {

bool is_tree(const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// Git's order of tree entries: names bytewise, a folder's name followed by '/'.
int compare(const git_tree_entry* x, const git_tree_entry* y) {
  const char* a = git_tree_entry_name(x);
  const char* b = git_tree_entry_name(y);
  std::size_t la = std::strlen(a), lb = std::strlen(b), n = std::min(la, lb);
  if (int c = std::memcmp(a, b, n); c != 0) return c;
  int ca = la > n ? static_cast<unsigned char>(a[n]) : (is_tree(x) ? '/' : 0);
  int cb = lb > n ? static_cast<unsigned char>(b[n]) : (is_tree(y) ? '/' : 0);
  return ca - cb;
}

struct Differ {
  git_repository* repo;
  std::vector<TreeDelta>& out;

  Result<Tree> lookup(const git_tree_entry* e, const std::string& path) {
    git_tree* t = nullptr;
    if (int rc = git_tree_lookup(&t, repo, git_tree_entry_id(e)); rc < 0) {
      return std::unexpected(last_error(rc, "cannot read the folder " + path, git_repository_path(repo)));
    }
    return Tree(t);
  }

  // Every file under (or at) `e`, added or deleted.
  Result<void> whole(const git_tree_entry* e, const std::string& path, bool added) {
    if (!is_tree(e)) {
      TreeDelta d{path, {}, {}};
      (added ? d.after : d.before) = *git_tree_entry_id(e);
      out.push_back(std::move(d));
      return {};
    }
    auto t = lookup(e, path);
    if (!t) return std::unexpected(t.error());
    return added ? walk(nullptr, t->get(), path + "/") : walk(t->get(), nullptr, path + "/");
  }

  Result<void> walk(const git_tree* a, const git_tree* b, const std::string& prefix) {
    std::size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0, i = 0, j = 0;
    while (i < na || j < nb) {
      const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a, i) : nullptr;
      const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
      int c = !ea ? 1 : !eb ? -1 : compare(ea, eb);
      if (c < 0) {
        if (auto ok = whole(ea, prefix + git_tree_entry_name(ea), false); !ok) return ok;
        ++i;
        continue;
      }
      if (c > 0) {
        if (auto ok = whole(eb, prefix + git_tree_entry_name(eb), true); !ok) return ok;
        ++j;
        continue;
      }
      ++i, ++j;
      if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
          git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb)) {
        continue;
      }
      std::string path = prefix + git_tree_entry_name(ea);
      if (is_tree(ea)) {
        auto ta = lookup(ea, path);
        if (!ta) return std::unexpected(ta.error());
        auto tb = lookup(eb, path);
        if (!tb) return std::unexpected(tb.error());
        if (auto ok = walk(ta->get(), tb->get(), path + "/"); !ok) return ok;
      } else {
        out.push_back({std::move(path), *git_tree_entry_id(ea), *git_tree_entry_id(eb)});
      }
    }
    return {};
  }
};

}  // namespace

Result<std::vector<TreeDelta>> diff_trees(git_repository* repo, const git_tree* a, const git_tree* b) {
  std::vector<TreeDelta> out;
  if (a != nullptr && b != nullptr && git_oid_equal(git_tree_id(a), git_tree_id(b))) return out;
  Differ d{repo, out};
  if (auto ok = d.walk(a, b, ""); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace archipel::registry::git
