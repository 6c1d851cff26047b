// SPDX-License-Identifier: Apache-2.0
// The union merge (see internal.hpp): built by Archipel from the registry's layout, not by git's
// merge. A version folder is keyed by serial@version: one side only, it comes in whole; both
// sides, it must hold the same files (yanked.json aside) or it is a conflict, reported with both
// tree ids and left as ours. Single files that may change (owners.json, yanked.json, namespace
// records) follow the side that changed since the merge base. Identical subtrees are skipped by
// id, so the cost follows what differs, not the registry's size.
#include <map>

#include "federation/internal.hpp"
#include "federation/records.hpp"

namespace archipel::registry::detail {
using core::Result;

namespace {

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || git_oid_equal(&*a, &*b);
}

struct Merger {
  const git::Store& store;
  const git_tree* ours;
  const git_tree* theirs;
  const git_tree* base;
  UnionMerge& out;
  std::vector<git::Change> changes;

  Result<std::optional<git_oid>> id_at(const git_tree* t, const std::string& path) {
    auto e = store.entry(t, path);
    if (!e) return std::unexpected(e.error());
    if (!*e) return std::optional<git_oid>{};
    return std::optional<git_oid>{(*e)->id};
  }

  Result<void> blobs(const git_tree* t, const std::string& dir, const std::string& prefix,
                     std::map<std::string, git_oid>& found) {
    auto entries = store.list(t, dir);
    if (!entries) return std::unexpected(entries.error());
    for (const auto& e : *entries) {
      if (e.is_tree) {
        if (auto ok = blobs(t, dir + "/" + e.name, prefix + e.name + "/", found); !ok) return ok;
      } else {
        found[prefix + e.name] = e.id;
      }
    }
    return {};
  }

  // Everything under `dir` in theirs, blob by blob.
  Result<void> take_dir(const std::string& dir) {
    std::map<std::string, git_oid> found;
    if (auto ok = blobs(theirs, dir, "", found); !ok) return ok;
    for (const auto& [rel, id] : found) changes.push_back({dir + "/" + rel, id});
    return {};
  }

  // A file that may change: the side that changed since the base; a conflict when both did.
  Result<void> follow_change(const std::string& path, const std::string& what) {
    auto o = id_at(ours, path), t = id_at(theirs, path), b = id_at(base, path);
    if (!o || !t || !b) return std::unexpected(!o ? o.error() : !t ? t.error() : b.error());
    if (!*t || same(*o, *t) || same(*b, *t)) return {};
    if (!*o || same(*b, *o)) {
      changes.push_back({path, **t});
      return {};
    }
    out.conflicts.push_back({what, git::to_hex(**o), git::to_hex(**t)});
    return {};
  }

  Result<void> version(const std::string& serial, const std::string& dir) {
    auto o = id_at(ours, dir), t = id_at(theirs, dir);
    if (!o || !t) return std::unexpected(!o ? o.error() : t.error());
    std::string ref = serial + "@" + dir.substr(dir.rfind('/') + 1);
    if (!*o) {
      out.added.push_back(ref);
      return take_dir(dir);
    }
    if (same(*o, *t)) return {};
    std::map<std::string, git_oid> mine, other;
    if (auto ok = blobs(ours, dir, "", mine); !ok) return ok;
    if (auto ok = blobs(theirs, dir, "", other); !ok) return ok;
    mine.erase(yanked_name);
    other.erase(yanked_name);
    bool equal = mine.size() == other.size();
    for (auto a = mine.begin(), b = other.begin(); equal && a != mine.end(); ++a, ++b) {
      equal = a->first == b->first && git_oid_equal(&a->second, &b->second);
    }
    if (!equal) {
      out.conflicts.push_back({ref, git::to_hex(**o), git::to_hex(**t)});
      return {};
    }
    return follow_change(dir + "/" + yanked_name, ref + " yanked.json");
  }

  Result<void> serial(const std::string& dir, const std::string& name) {
    auto o = id_at(ours, dir);
    if (!o) return std::unexpected(o.error());
    auto entries = store.list(theirs, dir);
    if (!entries) return std::unexpected(entries.error());
    for (const auto& e : *entries) {
      if (e.is_tree) {
        if (auto ok = version(name, dir + "/" + e.name); !ok) return ok;
      } else if (!*o) {
        changes.push_back({dir + "/" + e.name, e.id});
      } else {
        if (auto ok = follow_change(dir + "/" + e.name, name + " " + e.name); !ok) return ok;
      }
    }
    return {};
  }

  // parts/NS/KIND/SHARD/SERIAL, descending only where the two sides differ.
  Result<void> level(const std::string& dir, int depth) {
    auto entries = store.list(theirs, dir);
    if (!entries) return std::unexpected(entries.error());
    for (const auto& e : *entries) {
      std::string path = dir + "/" + e.name;
      auto o = id_at(ours, path);
      if (!o) return std::unexpected(o.error());
      if (*o && git_oid_equal(&**o, &e.id)) continue;
      if (!e.is_tree) continue;  // not the layout: verify reports it on their side
      auto ok = depth == 3 ? serial(path, e.name) : level(path, depth + 1);
      if (!ok) return ok;
    }
    return {};
  }

  Result<void> records() {
    auto entries = store.list(theirs, records_dir);
    if (!entries) return std::unexpected(entries.error());
    for (const auto& e : *entries) {
      std::string path = std::string(records_dir) + "/" + e.name;
      if (!record_namespace(path) || e.is_tree) continue;
      if (auto ok = follow_change(path, path); !ok) return ok;
    }
    return {};
  }
};

}  // namespace

Result<UnionMerge> union_merge(const git::Store& store, const git_tree* ours, const git_tree* theirs,
                               const git_tree* base) {
  UnionMerge out;
  Merger m{store, ours, theirs, base, out, {}};
  if (auto ok = m.records(); !ok) return std::unexpected(ok.error());
  if (auto ok = m.level("parts", 0); !ok) return std::unexpected(ok.error());
  auto tree = store.apply(ours, m.changes);
  if (!tree) return std::unexpected(tree.error());
  out.tree = *tree;
  out.changed = !git_oid_equal(&out.tree, git_tree_id(ours));
  return out;
}

}  // namespace archipel::registry::detail
