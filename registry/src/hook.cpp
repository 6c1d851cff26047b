// SPDX-License-Identifier: Apache-2.0
// Hubs: the pre-receive check (check_push) and its installer (install_hook). The check has no
// rules of its own: it refuses what is not a fast-forward of refs/heads/main and hands every new
// commit to verify_history, the walk `archipel verify` and pull use.
#include "archipel/registry/hook.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/safe_fs.hpp"
#include "impl.hpp"
#include "verify_history.hpp"

namespace archipel::registry {
using core::Errc;
using core::Result;
namespace fs = std::filesystem;

namespace {

bool is_hex_id(std::string_view s) {
  if (s.size() != GIT_OID_HEXSZ) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_zero(const std::string& id) { return id.find_first_not_of('0') == std::string::npos; }

git_oid oid_of(const std::string& hex) {
  git_oid id;
  git_oid_fromstr(&id, hex.c_str());
  return id;
}

// Judges one update of refs/heads/main (the other refs were refused before).
Result<void> check_main(const git::Store& store, const RefUpdate& u, PushCheck& out) {
  if (is_zero(u.new_id)) {
    out.refusals.push_back({u.ref, "deleting main is refused: a hub's history is append-only"});
    return {};
  }
  git_oid tip = oid_of(u.new_id);
  std::optional<git_oid> from;
  if (!is_zero(u.old_id)) {
    from = oid_of(u.old_id);
    if (git_oid_equal(&tip, &*from)) return {};
    int rc = git_graph_descendant_of(store.repo(), &tip, &*from);
    if (rc < 0) return std::unexpected(git::last_error(rc, "cannot compare the pushed tip with main", store.path().string()));
    if (rc == 0) {
      out.refusals.push_back({u.ref, fmt::format("{} does not descend from {}: rewriting the history (a force push) is refused",
                                                 u.new_id.substr(0, 12), u.old_id.substr(0, 12))});
      return {};
    }
  }
  VerifyReport report;
  if (auto ok = detail::verify_history(store, tip, report, from); !ok) return ok;
  out.commits += report.commits;
  for (auto& p : report.problems) out.refusals.push_back({u.ref + ": " + p.where, std::move(p.message)});
  for (auto& w : report.warnings) out.warnings.push_back({u.ref + ": " + w.where, std::move(w.message)});
  return {};
}

// `path` must exist and not be a symbolic link; `dir`: must be a folder. Refusals name it.
Result<bool> exists_no_link(const fs::path& path, bool dir) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return false;
    return core::fail(Errc::io, std::string("cannot inspect: ") + std::strerror(errno), path.string());
  }
  if (S_ISLNK(st.st_mode)) return core::fail(Errc::invalid, "is a symbolic link; not followed", path.string());
  if (dir && !S_ISDIR(st.st_mode)) return core::fail(Errc::invalid, "is not a folder", path.string());
  return true;
}

// A shell word for `text` ('...' with each ' written '\'').
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string hook_script(const fs::path& archipel) {
  return fmt::format(
      "#!/bin/sh\n{}\n"
      "# Installed by `archipel hook install`: every push to refs/heads/main is verified as\n"
      "# `archipel verify` verifies a history (docs/hubs.md); other refs are refused.\n"
      "exec {} hook pre-receive\n",
      hook_marker, shell_quote(archipel.string()));
}

// core.hooksPath, when git's configuration for this repository sets it ("" otherwise).
Result<std::string> hooks_path_setting(git_repository* repo, const fs::path& hub) {
  git_config* raw = nullptr;
  if (int rc = git_repository_config_snapshot(&raw, repo); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read the repository's configuration", hub.string()));
  }
  std::unique_ptr<git_config, decltype(&git_config_free)> config(raw, git_config_free);
  const char* value = nullptr;
  if (git_config_get_string(&value, raw, "core.hooksPath") < 0 || value == nullptr) return std::string();
  return std::string(value);
}

}  // namespace

Result<std::vector<RefUpdate>> parse_ref_updates(std::string_view text) {
  std::vector<RefUpdate> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty()) continue;
    auto a = line.find(' ');
    auto b = a == std::string_view::npos ? a : line.find(' ', a + 1);
    RefUpdate u;
    if (b != std::string_view::npos) {
      u.old_id = std::string(line.substr(0, a));
      u.new_id = std::string(line.substr(a + 1, b - a - 1));
      u.ref = std::string(line.substr(b + 1));
    }
    if (!is_hex_id(u.old_id) || !is_hex_id(u.new_id) || u.ref.empty() || u.ref.size() > 1024) {
      return core::fail(Errc::usage, fmt::format("line {} is not \"OLD NEW REF\"", line_no), "stdin");
    }
    out.push_back(std::move(u));
  }
  return out;
}

Result<PushCheck> check_push(const fs::path& hub, const std::vector<RefUpdate>& updates,
                             const std::vector<fs::path>& object_dirs) {
  auto store = git::Store::open(hub);
  if (!store) return std::unexpected(store.error());
  if (!object_dirs.empty()) {
    git_odb* raw = nullptr;
    if (int rc = git_repository_odb(&raw, store->repo()); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot open the object database", hub.string()));
    }
    git::Odb odb(raw);
    for (const auto& dir : object_dirs) {
      fs::path d = dir.is_absolute() ? dir : hub / dir;
      if (int rc = git_odb_add_disk_alternate(raw, d.c_str()); rc < 0) {
        return std::unexpected(git::last_error(rc, "cannot read the pushed objects", d.string()));
      }
    }
  }
  PushCheck out;
  for (const auto& u : updates) {
    if (u.ref != git::main_ref) {
      out.refusals.push_back({u.ref, "a hub accepts pushes to refs/heads/main only"});
      continue;
    }
    if (auto ok = check_main(*store, u, out); !ok) return std::unexpected(ok.error());
  }
  return out;
}

Result<HookInstall> install_hook(const fs::path& hub_arg, const fs::path& archipel, bool force) {
  fs::path hub = hub_arg.lexically_normal();
  if (hub.has_filename() == false && hub.has_parent_path()) hub = hub.parent_path();
  auto is_dir = exists_no_link(hub, true);
  if (!is_dir) return std::unexpected(is_dir.error());
  if (!*is_dir) return core::fail(Errc::io, "does not exist", hub.string());
  if (!archipel.is_absolute()) return core::fail(Errc::usage, "the archipel binary's path must be absolute", archipel.string());
  git::ensure_initialised();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, hub.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
    return core::fail(Errc::invalid, "is not a git repository (a hub is a bare repository: git init --bare)", hub.string());
  }
  git::Repository repo(raw);
  if (!git_repository_is_bare(raw)) {
    return core::fail(Errc::invalid, "is not a bare repository (a hub is one: git init --bare)", hub.string());
  }
  auto hooks_path = hooks_path_setting(raw, hub);
  if (!hooks_path) return std::unexpected(hooks_path.error());
  if (!hooks_path->empty()) {
    return core::fail(Errc::invalid,
                      fmt::format("core.hooksPath is set to {}: git would not run hooks/pre-receive; unset it first", *hooks_path),
                      hub.string());
  }
  fs::path hooks = hub / "hooks";
  auto hooks_exist = exists_no_link(hooks, true);
  if (!hooks_exist) return std::unexpected(hooks_exist.error());
  if (!*hooks_exist && ::mkdir(hooks.c_str(), 0755) != 0) {
    return core::fail(Errc::io, std::string("cannot create: ") + std::strerror(errno), hooks.string());
  }
  // Forgejo and Gitea keep their own hooks/pre-receive, which runs every script of
  // hooks/pre-receive.d/ with the same stdin: ours goes there, beside theirs.
  auto hook_dir = exists_no_link(hooks / "pre-receive.d", true);
  if (!hook_dir) return std::unexpected(hook_dir.error());
  std::string relative = *hook_dir ? "hooks/pre-receive.d/archipel" : "hooks/pre-receive";
  HookInstall out{hub / relative, false};
  struct stat st {};
  if (::lstat(out.hook.c_str(), &st) == 0) {
    out.replaced = true;
    bool ours = false;
    if (S_ISREG(st.st_mode)) {
      auto fd = core::open_beneath(hub, relative);
      if (fd) {
        auto text = core::read_fd(fd->get(), 1 << 20, out.hook.string());
        ours = text && text->find(std::string("\n") + hook_marker + "\n") != std::string::npos;
      }
    }
    if (!ours && !force) {
      return core::fail(Errc::invalid,
                        S_ISLNK(st.st_mode) ? "is a symbolic link, not Archipel's hook: not followed; --force replaces it"
                                            : "a pre-receive hook that is not Archipel's is already there; --force replaces it",
                        out.hook.string());
    }
  }
  if (auto ok = core::write_file_atomic(out.hook, hook_script(archipel), 0755); !ok) return std::unexpected(ok.error());
  // The umask may have taken the execute bits: set them on the file just written (no link).
  core::UniqueFd fd(::open(out.hook.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0 || ::fchmod(fd.get(), 0755) != 0) {
    return core::fail(Errc::io, std::string("cannot make it executable: ") + std::strerror(errno), out.hook.string());
  }
  return out;
}

}  // namespace archipel::registry
