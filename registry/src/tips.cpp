// Remembered tips and the history check every write makes first (see tips.hpp).
#include "tips.hpp"

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/safe_fs.hpp"
#include "owners.hpp"
#include "verify_history.hpp"

namespace archipel::registry::detail {
namespace fs = std::filesystem;
using core::Result;

fs::path state_dir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "archipel";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : "/tmp") / ".local" / "state" / "archipel";
}

namespace {

fs::path tip_file(const git_oid& root, const std::string& ns) {
  return state_dir() / "tips" / (git::to_hex(root) + "-" + ns);
}

fs::path location_file(const fs::path& path, const std::string& ns) {
  std::error_code ec;
  return state_dir() / "roots" / (core::sha256_hex(fs::absolute(path, ec).lexically_normal().string()).substr(0, 32) + "-" + ns);
}

std::optional<git_oid> read_oid(const fs::path& file) {
  std::ifstream f(file);
  std::string hex;
  git_oid id;
  if (!(f >> hex) || hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.c_str()) < 0) return std::nullopt;
  return id;
}

void write_oid(const fs::path& file, const git_oid& id) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  (void)core::write_file_atomic(file, git::to_hex(id) + "\n", 0600);
}

}  // namespace

namespace {

fs::path cache_file(const git_oid& root, const std::string& ns) {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path cache = xdg != nullptr && *xdg == '/' ? fs::path(xdg) : fs::path(home != nullptr ? home : "/tmp") / ".cache";
  return cache / "archipel" / "verified" / (git::to_hex(root) + "-" + ns);
}

}  // namespace

std::optional<git_oid> cached_verified(const git_oid& root, const std::string& ns) {
  return read_oid(cache_file(root, ns));
}

void cache_verified(const git_oid& root, const std::string& ns, const git_oid& tip) {
  write_oid(cache_file(root, ns), tip);
}

std::string replaced(const fs::path& path, const std::string& ns, const git_oid& root) {
  auto known = read_oid(location_file(path, ns));
  if (!known || git_oid_equal(&*known, &root)) return "";
  return fmt::format("the whole history was replaced: the root commit is now {}, it was {} when last verified "
                     "on this machine",
                     git::to_hex(root).substr(0, 12), git::to_hex(*known).substr(0, 12));
}

void remember_root(const fs::path& path, const std::string& ns, const git_oid& root) {
  write_oid(location_file(path, ns), root);
}

Result<git_oid> root_of(const git::Store& store, const git_oid& tip) {
  git_oid id = tip;
  for (;;) {
    git_commit* raw = nullptr;
    if (int rc = git_commit_lookup(&raw, store.repo(), &id); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot read a commit", store.path().string()));
    }
    git::Commit c(raw);
    if (git_commit_parentcount(raw) == 0) return id;
    id = *git_commit_parent_id(raw, 0);
  }
}

std::optional<git_oid> remembered_tip(const git_oid& root, const std::string& ns) {
  return read_oid(tip_file(root, ns));
}

void remember_tip(const git_oid& root, const std::string& ns, const git_oid& tip) {
  write_oid(tip_file(root, ns), tip);
}

std::string rewritten(const git::Store& store, const git_oid& tip, const git_oid& remembered) {
  // A tip remembered from another copy of the registry (a clone on this machine, ahead of this
  // one) that this copy never received says nothing about this copy's history.
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, store.repo()) == 0) {
    bool absent = git_odb_exists(odb, &remembered) != 1;
    git_odb_free(odb);
    if (absent) return "";
  }
  if (git_oid_equal(&tip, &remembered) ||
      git_graph_descendant_of(store.repo(), &tip, &remembered) == 1) {
    return "";
  }
  return fmt::format("the history was rewritten: the tip {} does not descend from {}, the tip last verified "
                     "on this machine ({})",
                     git::to_hex(tip).substr(0, 12), git::to_hex(remembered).substr(0, 12),
                     (state_dir() / "tips").string());
}

Result<void> check_history_before_write(const git::Store& store) {
  auto snap = store.snapshot();
  if (!snap) return std::unexpected(snap.error());
  if (!snap->commit) return {};
  auto config = config_at(store, snap->tree.get());
  if (!config) return std::unexpected(config.error());
  auto root = root_of(store, *snap->commit);
  if (!root) return std::unexpected(root.error());
  auto known = remembered_tip(*root, config->ns);
  VerifyReport report;
  if (auto why = replaced(store.path(), config->ns, *root); !why.empty()) {
    return core::fail(core::Errc::invalid, "refusing to publish: " + why, store.path().string());
  }
  if (known) {
    if (auto why = rewritten(store, *snap->commit, *known); !why.empty()) {
      return core::fail(core::Errc::invalid, "refusing to publish: " + why, store.path().string());
    }
  }
  if (auto ok = verify_history(store, *snap->commit, report, known); !ok) return ok;
  if (!report.problems.empty()) {
    const auto& p = report.problems.front();
    return core::fail(core::Errc::invalid,
                      fmt::format("refusing to publish: the registry's history fails verification "
                                  "({} problem{}, first: {}: {}); run 'archipel verify'",
                                  report.problems.size(), report.problems.size() == 1 ? "" : "s", p.where,
                                  p.message),
                      store.path().string());
  }
  remember_tip(*root, config->ns, *snap->commit);
  remember_root(store.path(), config->ns, *root);
  return {};
}

}  // namespace archipel::registry::detail
