// Reading a registry: show, list, history, get, and yank (a flag written into the tree).
#include <system_error>

#include <fmt/format.h>

#include "archipel/core/safe_fs.hpp"
#include "impl.hpp"
#include "index.hpp"
#include "manifest_view.hpp"
#include "owners.hpp"
#include "signatures.hpp"
#include "tips.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

Result<VersionInfo> Registry::show(const SerialRef& ref) const {
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  const git_tree* tree = snap->tree.get();
  auto version = detail::resolve_version(impl_->store, tree, ref);
  if (!version) return std::unexpected(version.error());
  VersionInfo info;
  info.serial = ref.serial.to_string();
  info.version = *version;
  info.folder = ref.serial.folder() + "/" + *version;
  auto manifest = detail::read_json(impl_->store, tree, info.folder + "/" + detail::manifest_name);
  if (!manifest) return std::unexpected(manifest.error());
  if (!*manifest) return core::fail(core::Errc::io, "part.json is missing", info.folder);
  info.manifest = std::move(**manifest);
  auto measured = detail::read_json(impl_->store, tree, info.folder + "/" + detail::measured_name);
  if (!measured) return std::unexpected(measured.error());
  if (*measured) info.measured = std::move(**measured);
  auto yanked = detail::read_json(impl_->store, tree, info.folder + "/" + detail::yanked_name);
  if (!yanked) return std::unexpected(yanked.error());
  if (*yanked) info.yanked = detail::text(**yanked, "reason");
  auto versions = detail::versions_of(impl_->store, tree, ref.serial);
  if (!versions) return std::unexpected(versions.error());
  info.versions = std::move(*versions);
  auto owners = detail::read_owners(impl_->store, tree, ref.serial);
  if (!owners) return std::unexpected(owners.error());
  info.owners = owners->value_or(std::vector<Identity>{});
  // The publishing commit, recorded by the index (walking the history only without one).
  std::optional<git_oid> recorded;
  if (auto index = detail::fresh_index(*impl_)) {
    auto hex = (*index)->introduced(info.serial, info.version);
    git_oid id;
    if (hex && *hex && git_oid_fromstr(&id, (*hex)->c_str()) == 0) recorded = id;
  }
  auto commit = recorded ? Result<std::optional<git_oid>>(recorded)
                         : detail::introducing_commit(impl_->store, *snap->commit,
                                                      info.folder + "/" + detail::manifest_name);
  if (!commit) return std::unexpected(commit.error());
  if (*commit) {
    auto signer = detail::signer_of(impl_->store, **commit, ref.serial);
    if (!signer) return std::unexpected(signer.error());
    info.commit = git::to_hex(**commit);
    info.signer = std::move(*signer);
  }
  return info;
}

Result<std::vector<std::string>> Registry::versions(const Serial& serial) const {
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  return detail::versions_of(impl_->store, snap->tree.get(), serial);
}

namespace {

// Every serial by walking the tree (when the index cannot be opened).
Result<void> list_from_tree(const git::Store& store, const std::function<void(const PartSummary&)>& each) {
  auto snap = store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  const git_tree* tree = snap->tree.get();
  auto namespaces = store.list(tree, "parts");
  if (!namespaces) return std::unexpected(namespaces.error());
  for (const auto& ns : *namespaces) {
    for (char kind : {'C', 'O', 'P'}) {
      auto shards = store.list(tree, kind_folder(ns.name, kind));
      if (!shards) return std::unexpected(shards.error());
      for (const auto& shard : *shards) {
        auto serials = store.list(tree, kind_folder(ns.name, kind) + "/" + shard.name);
        if (!serials) return std::unexpected(serials.error());
        for (const auto& entry : *serials) {
          auto serial = parse_serial(entry.name);
          if (!serial) continue;  // verify reports stray folders
          auto summary = detail::summarise(store, tree, *serial);
          if (!summary) return std::unexpected(summary.error());
          if (*summary) each(**summary);
        }
      }
    }
  }
  return {};
}

}  // namespace

Result<void> Registry::list(const std::function<void(const PartSummary&)>& each) const {
  auto index = detail::fresh_index(*impl_);
  if (!index) return list_from_tree(impl_->store, each);
  return (*index)->each_serial(each);
}

Result<std::vector<PartSummary>> Registry::list() const {
  std::vector<PartSummary> out;
  if (auto ok = list([&](const PartSummary& p) { out.push_back(p); }); !ok) return std::unexpected(ok.error());
  return out;
}

namespace {

HistoryEntry entry_of(const git_commit* c, const git_oid& id, SignerInfo signer) {
  const git_signature* a = git_commit_author(c);
  std::string message = git_commit_message(c);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return {git::to_hex(id), a->name, a->email, message, a->when.time, std::move(signer)};
}

}  // namespace

Result<std::vector<HistoryEntry>> Registry::history(const Serial& serial) const {
  std::vector<HistoryEntry> out;
  // The commits touching the serial, recorded by the index; the signer is checked here.
  if (auto index = detail::fresh_index(*impl_)) {
    auto commits = (*index)->touching(serial.to_string());
    if (!commits) return std::unexpected(commits.error());
    for (const auto& hex : *commits) {
      git_oid id;
      git_commit* c = nullptr;
      if (git_oid_fromstr(&id, hex.c_str()) != 0) return core::fail(core::Errc::io, "index: not a commit id: " + hex);
      if (int rc = git_commit_lookup(&c, impl_->store.repo(), &id); rc < 0) {
        return std::unexpected(git::last_error(rc, "cannot read a commit", impl_->path.string()));
      }
      git::Commit commit(c);
      auto signer = detail::signer_of(impl_->store, id, serial);
      if (!signer) return std::unexpected(signer.error());
      out.push_back(entry_of(c, id, std::move(*signer)));
    }
    if (out.empty()) {
      return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", serial.to_string()));
    }
    return out;
  }
  auto head = impl_->store.tip();
  if (!head) return std::unexpected(head.error());
  if (!*head) return out;
  git_revwalk* raw = nullptr;
  if (int rc = git_revwalk_new(&raw, impl_->store.repo()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot walk the history", impl_->path.string()));
  }
  git::RevWalk walk(raw);
  git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_revwalk_push(raw, &**head);
  git_oid id;
  std::string folder = serial.folder();
  while (git_revwalk_next(&id, raw) == 0) {
    git_commit* c = nullptr;
    if (int rc = git_commit_lookup(&c, impl_->store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", impl_->path.string()));
    }
    git::Commit commit(c);
    auto tree = impl_->store.tree_of(id);
    if (!tree) return std::unexpected(tree.error());
    auto now = impl_->store.entry(tree->get(), folder);
    if (!now) return std::unexpected(now.error());
    std::optional<git::Entry> before;
    if (git_commit_parentcount(c) > 0) {
      auto parent_tree = impl_->store.tree_of(*git_commit_parent_id(c, 0));
      if (!parent_tree) return std::unexpected(parent_tree.error());
      auto e = impl_->store.entry(parent_tree->get(), folder);
      if (!e) return std::unexpected(e.error());
      before = *e;
    }
    bool same = now->has_value() == before.has_value() &&
                (!*now || git_oid_equal(&(*now)->id, &before->id));
    if (same) continue;
    auto signer = detail::signer_of(impl_->store, id, serial);
    if (!signer) return std::unexpected(signer.error());
    out.push_back(entry_of(c, id, std::move(*signer)));
  }
  if (out.empty()) {
    return core::fail(core::Errc::invalid, fmt::format("{} is not in this registry", serial.to_string()));
  }
  return out;
}

namespace {

struct Materialiser {
  const git::Store* store;
  fs::path out;
  std::vector<std::string> written;
  std::optional<core::Error> error;
};

int write_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* m = static_cast<Materialiser*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  std::string rel = std::string(root) + git_tree_entry_name(entry);
  auto bytes = m->store->read_blob(*git_tree_entry_id(entry));
  if (!bytes) {
    m->error = bytes.error();
    return -1;
  }
  // A tampered registry may hold a tree entry named ".." (git itself refuses to write one).
  for (const auto& part : fs::path(rel))
    if (part == ".." || part == "." || part.empty()) {
      m->error = core::Error{core::Errc::io, "the registry holds an unsafe file name; not written", rel, {}};
      return -1;
    }
  fs::path target = m->out / rel;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (fs::exists(fs::symlink_status(target, ec))) {
    m->error = core::Error{core::Errc::invalid, "already exists; not overwritten", target.string(), {}};
    return -1;
  }
  if (auto ok = core::write_file_atomic(target, *bytes); !ok) {
    m->error = ok.error();
    return -1;
  }
  m->written.push_back(rel);
  return 0;
}

}  // namespace

Result<std::vector<std::string>> Registry::get(const SerialRef& ref, const fs::path& out) const {
  auto info = show(ref);
  if (!info) return std::unexpected(info.error());
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto entry = impl_->store.entry(snap->tree.get(), info->folder);
  if (!entry) return std::unexpected(entry.error());
  git_tree* raw = nullptr;
  if (int rc = git_tree_lookup(&raw, impl_->store.repo(), &(*entry)->id); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read " + info->folder, impl_->path.string()));
  }
  git::Tree tree(raw);
  Materialiser m{&impl_->store, out, {}, {}};
  git_tree_walk(raw, GIT_TREEWALK_PRE, write_entry, &m);
  if (m.error) return std::unexpected(*m.error);
  return m.written;
}

Result<std::string> Registry::read_file(const SerialRef& ref, const std::string& path) const {
  auto snap = impl_->store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  auto version = detail::resolve_version(impl_->store, snap->tree.get(), ref);
  if (!version) return std::unexpected(version.error());
  std::string folder = ref.serial.folder() + "/" + *version;
  auto bytes = impl_->store.read(snap->tree.get(), folder + "/" + path);
  if (!bytes) return std::unexpected(bytes.error());
  if (!*bytes) return core::fail(core::Errc::io, fmt::format("\"{}\" is missing from the registry", path), folder);
  return std::move(**bytes);
}

Result<std::string> Registry::yank(const SerialRef& ref, const std::string& reason) {
  if (!ref.version) {
    return core::fail(core::Errc::usage, "yank needs SERIAL@VERSION, e.g. " + ref.serial.to_string() + "@1.0.0");
  }
  if (reason.empty()) return core::fail(core::Errc::usage, "yank needs a --reason");
  auto key = detail::signing_key(*impl_);
  if (!key) return std::unexpected(key.error());
  if (auto ok = detail::check_history_before_write(impl_->store); !ok) return std::unexpected(ok.error());
  auto blob = impl_->store.write_blob(detail::canonical(json{{"reason", reason}}));
  if (!blob) return std::unexpected(blob.error());
  std::string folder = ref.serial.folder() + "/" + *ref.version;
  auto done = impl_->store.transact([&](const git::Snapshot& snap)
                                        -> Result<std::optional<git::CommitRequest>> {
    auto version = detail::resolve_version(impl_->store, snap.tree.get(), ref);
    if (!version) return std::unexpected(version.error());
    auto yanked = detail::is_yanked(impl_->store, snap.tree.get(), folder);
    if (!yanked) return std::unexpected(yanked.error());
    if (*yanked) return std::optional<git::CommitRequest>{};
    if (auto ok = detail::check_may_change(impl_->store, snap.tree.get(), ref.serial, **key, "yank");
        !ok) {
      return std::unexpected(ok.error());
    }
    return git::CommitRequest{{{folder + "/" + detail::yanked_name, *blob}},
                              fmt::format("yank {}: {}", ref.to_string(), reason),
                              "Archipel", "registry@archipel.invalid", detail::signer_for(**key)};
  });
  if (!done) return std::unexpected(done.error());
  return *done ? git::to_hex((**done).commit) : std::string{};
}

}  // namespace archipel::registry
