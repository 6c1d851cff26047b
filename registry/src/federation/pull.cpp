// SPDX-License-Identifier: Apache-2.0
// pull, remote add, clone and push (see federation.hpp). A fetch lands on a side ref
// (refs/archipel/fetch/R); only once every new commit is verified does it move the tracking ref
// refs/remotes/R/main and integrate (fast-forward, or Archipel's union merge signed by the local
// user). The tracking ref therefore always names a verified tip: a pull killed at any point
// leaves the registry as it was, and the next pull starts again from the last verified tip.
// Crash points for tests (ARCHIPEL_TEST_CRASH_AFTER, test_hooks.hpp): pull-verified (fetched and
// verified, nothing moved), pull-merged (merge commit written, main not moved), pull-moved (main
// moved, the tracking ref and pins not yet).
#include <algorithm>

#include <fmt/format.h>

#include "federation/internal.hpp"
#include "federation/records.hpp"
#include "git/write_lock.hpp"
#include "owners.hpp"
#include "test_hooks.hpp"
#include "tips.hpp"
#include "verify_history.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;

namespace {

using namespace detail;

constexpr std::chrono::milliseconds lock_wait{60'000};

std::string short_id(const git_oid& id) { return git::to_hex(id).substr(0, 12); }

std::vector<std::string> fingerprints(const std::vector<Identity>& who) {
  std::vector<std::string> out;
  for (const auto& w : who) out.push_back(w.key.fingerprint());
  return out;
}

// Every namespace record at `tree`.
std::vector<NamespaceRecord> records_at(const git::Store& store, const git_tree* tree) {
  std::vector<NamespaceRecord> out;
  for (const auto& e : store.list(tree, records_dir).value_or(std::vector<git::Entry>{})) {
    auto ns = record_namespace(std::string(records_dir) + "/" + e.name);
    if (!ns) continue;
    if (auto r = read_record(store, tree, *ns); r && *r) out.push_back(**r);
  }
  return out;
}

Result<void> refuse(PullReport& report, const git::Store& store, const std::string& remote) {
  report.outcome = "refused";
  return set_ref(store, fetch_ref(remote), std::nullopt, "");
}

// Fetches `remote` and verifies what is new; the fetched tip when it may be integrated.
Result<std::optional<git_oid>> fetch_verified(const git::Store& store, const std::string& remote,
                                              const std::vector<std::string>& expected, PullReport& report) {
  auto url = remote_url(store, remote);
  if (!url) return std::unexpected(url.error());
  report.remote = remote;
  report.url = *url;
  auto old = ref_id(store, tracking_ref(remote));
  auto tip = fetch_main(store, remote);
  if (!tip) return std::unexpected(tip.error());
  if (!*tip) {
    report.outcome = "empty";
    return std::optional<git_oid>{};
  }
  report.remote_tip = git::to_hex(**tip);
  if (old && !git_oid_equal(&*old, &**tip) && git_graph_descendant_of(store.repo(), &**tip, &*old) != 1) {
    report.problems.push_back(
        {"commit " + short_id(**tip),
         fmt::format("the remote's history was rewritten: its tip does not descend from {}, fetched and verified "
                     "before",
                     short_id(*old))});
    if (auto ok = refuse(report, store, remote); !ok) return std::unexpected(ok.error());
    return std::optional<git_oid>{};
  }
  auto local = store.tip();
  if (!local) return std::unexpected(local.error());
  auto pins = all_pins(store);
  auto tree = store.tree_of(**tip);
  if (!tree) return std::unexpected(tree.error());
  auto remote_config = config_at(store, tree->get());
  if (!remote_config) {
    report.problems.push_back({"commit " + short_id(**tip), "has no valid registry.json: " + remote_config.error().message});
    if (auto ok = refuse(report, store, remote); !ok) return std::unexpected(ok.error());
    return std::optional<git_oid>{};
  }
  if (!expected.empty()) pins[remote_config->ns] = expected;
  HistoryOptions options;
  if (old) options.hidden.push_back(*old);
  if (*local) options.context.push_back(**local);
  options.local_tip = *local;
  options.pins = &pins;
  VerifyReport verified;
  if (auto ok = verify_history(store, **tip, verified, options); !ok) return std::unexpected(ok.error());
  report.commits_verified = verified.commits;
  report.problems = std::move(verified.problems);
  // A pinned namespace's maintainers at the remote must include a pinned key.
  for (const auto& r : records_at(store, tree->get())) {
    auto pinned = pins.find(r.ns);
    if (pinned == pins.end() || pinned->second.empty()) continue;
    auto fps = fingerprints(r.maintainers);
    bool any = std::any_of(fps.begin(), fps.end(), [&](const std::string& f) {
      return std::find(pinned->second.begin(), pinned->second.end(), f) != pinned->second.end();
    });
    if (!any) {
      report.problems.push_back({record_path(r.ns), fmt::format("the remote's maintainers of {} are {}; pinned here: {}",
                                                                r.ns, describe(r.maintainers),
                                                                fmt::join(pinned->second, ", "))});
    }
  }
  if (!expected.empty()) {
    auto own = read_record(store, tree->get(), remote_config->ns);
    if (!own || !*own) {
      report.problems.push_back({record_path(remote_config->ns),
                                 "the remote has no record of its namespace: --maintainer cannot be checked"});
    }
  }
  if (!report.problems.empty()) {
    if (auto ok = refuse(report, store, remote); !ok) return std::unexpected(ok.error());
    return std::optional<git_oid>{};
  }
  return std::optional<git_oid>{**tip};
}

// Pins the maintainers of every namespace recorded at `tip` (trust on first use; later changes
// were verified to be signed by a pinned key).
Result<void> pin_all(const git::Store& store, const git_oid& tip, PullReport& report) {
  auto before = all_pins(store);
  auto tree = store.tree_of(tip);
  if (!tree) return std::unexpected(tree.error());
  for (const auto& r : records_at(store, tree->get())) {
    if (auto ok = write_pins(store, r.ns, fingerprints(r.maintainers)); !ok) return ok;
    report.pins.push_back({r.ns, r.maintainers, !before.count(r.ns)});
  }
  return {};
}

Result<git_oid> merge_commit(const git::Store& store, const git_oid& tree_id, const git_oid& ours,
                             const git_oid& theirs, const SigningKey& key, const std::string& message) {
  git_tree* t = nullptr;
  if (int rc = git_tree_lookup(&t, store.repo(), &tree_id); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read the merged tree", store.path().string()));
  }
  git::Tree tree(t);
  git_commit *a = nullptr, *b = nullptr;
  if (int rc = git_commit_lookup(&a, store.repo(), &ours); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read the tip", store.path().string()));
  }
  git::Commit ca(a);
  if (int rc = git_commit_lookup(&b, store.repo(), &theirs); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot read the fetched tip", store.path().string()));
  }
  git::Commit cb(b);
  git_signature* sig = nullptr;
  if (int rc = git_signature_now(&sig, "Archipel", "registry@archipel.invalid"); rc < 0) {
    return std::unexpected(git::last_error(rc, "invalid author signature", store.path().string()));
  }
  git::Signature author(sig);
  const git_commit* parents[2] = {a, b};
  git_buf buffer = GIT_BUF_INIT;
  if (int rc = git_commit_create_buffer(&buffer, store.repo(), sig, sig, nullptr, message.c_str(), t, 2, parents);
      rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot write the merge commit", store.path().string()));
  }
  std::string content(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  auto signature = sign_message(key, content);
  if (!signature) return std::unexpected(signature.error());
  git_oid id;
  if (int rc = git_commit_create_with_signature(&id, store.repo(), content.c_str(), signature->c_str(), "gpgsig");
      rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot write the signed merge commit", store.path().string()));
  }
  return id;
}

// Moves main from `old` (nothing: creates it) to `id` by compare-and-swap, under `lock`.
Result<void> move_main(const git::Store& store, git::WriterLock& lock, const std::optional<git_oid>& old,
                       const git_oid& id, const std::string& message) {
  if (auto ok = lock.begin_ref_update(git::main_ref, git::to_hex(id), std::chrono::milliseconds(3000)); !ok) return ok;
  git_reference* ref = nullptr;
  int rc = old ? git_reference_create_matching(&ref, store.repo(), git::main_ref, &id, 1, &*old, message.c_str())
               : git_reference_create(&ref, store.repo(), git::main_ref, &id, 0, message.c_str());
  git::Reference owned(ref);
  lock.end_ref_update();
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
    return core::fail(core::Errc::io, "refs/heads/main moved during the pull (another program writes here): pull again",
                      store.path().string());
  }
  if (rc < 0) return std::unexpected(git::last_error(rc, "cannot move refs/heads/main", store.path().string()));
  return {};
}

// Both tips hold the same registry.json namespace: the same registry's history (verification
// refuses a second root of the own namespace), so a descendant may be fast-forwarded to.
bool same_namespace(const git::Store& store, const git_oid& a, const git_oid& b) {
  auto ta = store.tree_of(a), tb = store.tree_of(b);
  if (!ta || !tb) return false;
  auto ca = config_at(store, ta->get()), cb = config_at(store, tb->get());
  return ca && cb && ca->ns == cb->ns;
}

struct PullRequest {
  std::string remote;
  std::optional<std::string> key_flag;
  bool integrate = true;
  std::vector<std::string> expected;  ///< --maintainer fingerprints for the remote's namespace
};

// The whole pull under the exclusive writer lock.
Result<PullReport> pull_locked(const git::Store& store, const PullRequest& request) {
  PullReport report;
  auto lock = git::WriterLock::acquire(store.gitdir(), git::WriterLock::Mode::exclusive, lock_wait);
  if (!lock) return std::unexpected(lock.error());
  if (auto recovered = lock->recover(); !recovered) return std::unexpected(recovered.error());
  auto tip = fetch_verified(store, request.remote, request.expected, report);
  if (!tip) return std::unexpected(tip.error());
  if (!*tip) return report;
  crash_hook("pull-verified");
  auto local = store.tip();
  if (!local) return std::unexpected(local.error());
  report.old_tip = report.new_tip = *local ? git::to_hex(**local) : "";
  const git_oid& theirs = **tip;
  if (request.integrate) {
    git::Tree ours_tree;
    if (*local) {
      auto t = store.tree_of(**local);
      if (!t) return std::unexpected(t.error());
      ours_tree = std::move(*t);
    }
    auto their_tree = store.tree_of(theirs);
    if (!their_tree) return std::unexpected(their_tree.error());
    std::optional<git_oid> result;
    if (!*local) {
      report.outcome = "fast-forward";
      result = theirs;
    } else if (git_oid_equal(&**local, &theirs) || git_graph_descendant_of(store.repo(), &**local, &theirs) == 1) {
      report.outcome = "up-to-date";
    } else if (same_namespace(store, **local, theirs) &&
               git_graph_descendant_of(store.repo(), &theirs, &**local) == 1) {
      report.outcome = "fast-forward";
      result = theirs;
    } else {
      report.outcome = "merged";
    }
    if (report.outcome != "up-to-date") {
      git_oid base_id;
      git::Tree base;
      if (*local && git_merge_base(&base_id, store.repo(), &**local, &theirs) == 0) {
        auto t = store.tree_of(base_id);
        if (!t) return std::unexpected(t.error());
        base = std::move(*t);
      }
      auto merged = union_merge(store, ours_tree ? ours_tree.get() : their_tree->get(), their_tree->get(),
                                base ? base.get() : ours_tree.get());
      if (!merged) return std::unexpected(merged.error());
      report.added = merged->added;
      if (!*local) report.added.clear();
      report.conflicts = merged->conflicts;
      if (report.outcome == "merged") {
        auto key = resolve_signing_key(request.key_flag);
        if (!key) return std::unexpected(key.error());
        auto id = merge_commit(store, merged->tree, **local, theirs, *key,
                               fmt::format("pull {}: {} version{} from {}", request.remote, merged->added.size(),
                                           merged->added.size() == 1 ? "" : "s", report.url));
        if (!id) return std::unexpected(id.error());
        // The merge itself must pass verification (its signer, what it brings in).
        HistoryOptions options;
        options.hidden = {**local, theirs};
        VerifyReport verified;
        if (auto ok = verify_history(store, *id, verified, options); !ok) return std::unexpected(ok.error());
        if (!verified.problems.empty()) {
          report.problems = std::move(verified.problems);
          if (auto ok = refuse(report, store, request.remote); !ok) return std::unexpected(ok.error());
          return report;
        }
        result = *id;
        crash_hook("pull-merged");
      }
      if (auto ok = move_main(store, *lock, *local, *result, "archipel pull " + request.remote); !ok) {
        return std::unexpected(ok.error());
      }
      report.new_tip = git::to_hex(*result);
      crash_hook("pull-moved");
    }
  } else {
    report.outcome = "verified";
  }
  if (auto ok = set_ref(store, tracking_ref(request.remote), theirs, "archipel pull: verified"); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = set_ref(store, fetch_ref(request.remote), std::nullopt, ""); !ok) return std::unexpected(ok.error());
  if (auto ok = pin_all(store, request.integrate ? *store.tip().value() : theirs, report); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto now = store.tip(); now && *now) {
    auto config = config_at(store, store.tree_of(**now)->get());
    auto root = root_of(store, **now);
    if (config && root) {
      remember_tip(*root, config->ns, **now);
      remember_root(store.path(), config->ns, *root);
    }
  }
  return report;
}

void refresh(const fs::path& path, PullReport& report) {
  if (report.outcome != "fast-forward" && report.outcome != "merged") return;
  auto reg = Registry::open(path);
  if (!reg) return;
  if (auto status = reg->refresh_index()) report.index = *status;
}

// A local path given as a URL, made absolute (libgit2 resolves it against the current folder).
std::string normalised_url(const std::string& url) {
  if (url.find("://") != std::string::npos) return url;
  std::error_code ec;
  if (fs::exists(url, ec)) return fs::absolute(url, ec).lexically_normal().string();
  return url;
}

// The union merge of two tips (`first`'s tree as ours), from their merge base.
Result<UnionMerge> union_of(const git::Store& store, const git_oid& first, const git_oid& second) {
  auto ours = store.tree_of(first), theirs = store.tree_of(second);
  if (!ours || !theirs) return std::unexpected(!ours ? ours.error() : theirs.error());
  git::Tree base;
  git_oid base_id;
  if (git_merge_base(&base_id, store.repo(), &first, &second) == 0) {
    auto t = store.tree_of(base_id);
    if (!t) return std::unexpected(t.error());
    base = std::move(*t);
  }
  return union_merge(store, ours->get(), theirs->get(), base.get());
}

// What a push sends: the local tip when the remote holds the same registry (or nothing yet);
// for the home of another namespace (a hub), a union merge whose first parent is the remote's
// tip, so that the hub's history stays its own and only gains what this registry holds.
Result<git_oid> to_send(const git::Store& store, const std::string& remote, const git_oid& local,
                        const std::optional<git_oid>& tracked, const std::optional<std::string>& key_flag) {
  if (!tracked || same_namespace(store, local, *tracked)) return local;
  auto merged = union_of(store, *tracked, local);
  if (!merged) return std::unexpected(merged.error());
  auto key = resolve_signing_key(key_flag);
  if (!key) return std::unexpected(key.error());
  auto url = remote_url(store, remote);
  auto id = merge_commit(store, merged->tree, *tracked, local, *key,
                         fmt::format("push: {} version{} into {}", merged->added.size(),
                                     merged->added.size() == 1 ? "" : "s", url.value_or(remote)));
  if (!id) return std::unexpected(id.error());
  HistoryOptions options;
  options.hidden = {*tracked, local};
  options.local_tip = *tracked;
  VerifyReport verified;
  if (auto ok = verify_history(store, *id, verified, options); !ok) return std::unexpected(ok.error());
  if (!verified.problems.empty()) {
    const auto& p = verified.problems.front();
    return core::fail(core::Errc::invalid, fmt::format("the merge for the remote fails verification: {}: {}", p.where,
                                                       p.message));
  }
  return *id;
}

}  // namespace

Result<PullReport> pull(const fs::path& registry, const std::string& remote, const std::optional<std::string>& key_flag) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  auto report = pull_locked(*store, {remote, key_flag, true, {}});
  if (report) refresh(registry, *report);
  return report;
}

Result<PullReport> add_remote(const fs::path& registry, const std::string& name, const std::string& url,
                              const std::vector<std::string>& maintainers) {
  auto store = git::Store::open(registry);
  if (!store) return std::unexpected(store.error());
  git_remote* raw = nullptr;
  if (int rc = git_remote_create(&raw, store->repo(), name.c_str(), normalised_url(url).c_str()); rc < 0) {
    return std::unexpected(git::last_error(rc, "cannot add remote " + name, registry.string()));
  }
  git_remote_free(raw);
  auto report = pull_locked(*store, {name, std::nullopt, false, maintainers});
  if (!report || report->outcome == "refused") (void)remove_remote(registry, name);
  return report;
}

Result<PullReport> clone(const std::string& url, const fs::path& path, const std::vector<std::string>& maintainers) {
  std::error_code ec;
  bool existed = fs::exists(path, ec);
  if (existed && !(fs::is_directory(path, ec) && fs::is_empty(path, ec))) {
    return core::fail(core::Errc::invalid, "already exists and is not an empty folder", path.string());
  }
  auto cleanup = [&] {
    if (!existed) {
      fs::remove_all(path, ec);
      return;
    }
    for (const auto& e : fs::directory_iterator(path, ec)) fs::remove_all(e.path(), ec);
  };
  auto report = [&]() -> Result<PullReport> {
    auto store = git::Store::init(path);
    if (!store) return std::unexpected(store.error());
    git_remote* raw = nullptr;
    if (int rc = git_remote_create(&raw, store->repo(), "origin", normalised_url(url).c_str()); rc < 0) {
      return std::unexpected(git::last_error(rc, "cannot add remote origin", path.string()));
    }
    git_remote_free(raw);
    return pull_locked(*store, {"origin", std::nullopt, true, maintainers});
  }();
  if (!report || report->outcome == "refused" || report->outcome == "empty") {
    cleanup();
    if (report && report->outcome == "empty") {
      return core::fail(core::Errc::invalid, "the remote has no registry yet (no refs/heads/main)", url);
    }
    return report;
  }
  refresh(path, *report);
  return report;
}

Result<PushReport> push(const fs::path& registry, const std::string& remote, const std::optional<std::string>& key_flag) {
  PushReport out;
  for (int attempt = 0;; ++attempt) {
    auto pulled = pull(registry, remote, key_flag);
    if (!pulled) return std::unexpected(pulled.error());
    out.pulled = std::move(*pulled);
    if (out.pulled.outcome == "refused") {
      out.outcome = "refused";
      out.message = "the remote's history fails verification: nothing pulled, nothing pushed";
      return out;
    }
    auto store = git::Store::open(registry);
    if (!store) return std::unexpected(store.error());
    if (auto ok = check_history_before_write(*store); !ok) {
      out.outcome = "refused";
      out.message = ok.error().message;
      return out;
    }
    auto local = store->tip();
    if (!local) return std::unexpected(local.error());
    if (!*local) return core::fail(core::Errc::invalid, "nothing to push: the registry has no history", registry.string());
    if (auto tracked = ref_id(*store, tracking_ref(remote)); tracked && out.pulled.conflicts.empty()) {
      // A conflict found by an earlier pull is still there: compare with the remote's tip.
      auto held = union_of(*store, *tracked, **local);
      if (!held) return std::unexpected(held.error());
      out.pulled.conflicts = held->conflicts;
    }
    if (!out.pulled.conflicts.empty()) {
      out.outcome = "refused";
      out.message = fmt::format("{} version{} held here and at the remote with different content (publish a new "
                                "version instead)",
                                out.pulled.conflicts.size(), out.pulled.conflicts.size() == 1 ? " is" : "s are");
      return out;
    }
    auto tracked = ref_id(*store, tracking_ref(remote));
    if (tracked && (git_oid_equal(&*tracked, &**local) || git_graph_descendant_of(store->repo(), &*tracked, &**local) == 1)) {
      out.outcome = "up-to-date";
      out.pushed = git::to_hex(*tracked);
      return out;
    }
    auto sent = to_send(*store, remote, **local, tracked, key_flag);
    if (!sent) return std::unexpected(sent.error());
    out.pushed = git::to_hex(*sent);
    auto pushed = push_main(*store, remote, *sent);
    if (!pushed) {
      // Another pusher won the race: fetch, integrate and try again (a few times).
      if (pushed.error().code == core::Errc::invalid && attempt < 3) continue;
      return std::unexpected(pushed.error());
    }
    if (auto ok = set_ref(*store, tracking_ref(remote), *sent, "archipel push"); !ok) return std::unexpected(ok.error());
    out.outcome = "pushed";
    return out;
  }
}

}  // namespace archipel::registry
