// SPDX-License-Identifier: Apache-2.0
// archipel pull [REMOTE]: fetch, verify every new commit, integrate (fast-forward or union merge
// signed by the local user), refresh the index (docs/federation.md).
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/pull_report.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

nlohmann::json pull_json(const registry::PullReport& r) {
  auto conflicts = nlohmann::json::array(), problems = nlohmann::json::array(), pins = nlohmann::json::array();
  for (const auto& c : r.conflicts) conflicts.push_back({{"ref", c.ref}, {"ours", c.ours}, {"theirs", c.theirs}});
  for (const auto& p : r.problems) problems.push_back({{"where", p.where}, {"message", p.message}});
  for (const auto& p : r.pins) {
    pins.push_back({{"namespace", p.ns}, {"maintainers", owners_json(p.maintainers)}, {"first_contact", p.first_contact}});
  }
  nlohmann::json doc{{"remote", r.remote},     {"url", r.url},
                     {"outcome", r.outcome},   {"old_tip", r.old_tip},
                     {"new_tip", r.new_tip},   {"remote_tip", r.remote_tip},
                     {"commits_verified", r.commits_verified},
                     {"added", r.added},       {"conflicts", conflicts},
                     {"problems", problems},   {"pins", pins}};
  if (r.index) doc["index"] = {{"commit", r.index->commit}, {"changed", r.index->changed}, {"rebuilt", r.index->rebuilt}};
  return doc;
}

void print_pull(const registry::PullReport& r, const std::string& verb) {
  for (const auto& p : r.problems) std::cout << "problem: " << printable(p.where) << ": " << printable(p.message) << "\n";
  std::string what = r.outcome == "up-to-date"     ? "already up to date"
                     : r.outcome == "fast-forward" ? "fast-forward"
                     : r.outcome == "merged"       ? "merged (union of versions, signed by you)"
                     : r.outcome == "verified"     ? "verified, not integrated (run 'archipel pull " + r.remote + "')"
                     : r.outcome == "empty"        ? "the remote has no history yet"
                                                   : "refused, nothing integrated";
  std::cout << fmt::format("{} {} ({}): {}, {} commit{} verified", verb, r.remote, printable(r.url), what,
                           r.commits_verified, r.commits_verified == 1 ? "" : "s")
            << "\n";
  for (const auto& a : r.added) std::cout << "  added    " << printable(a) << "\n";
  for (const auto& c : r.conflicts) {
    std::cout << fmt::format("  conflict {}: here {}, there {} (not integrated)", printable(c.ref), c.ours.substr(0, 12),
                             c.theirs.substr(0, 12))
              << "\n";
  }
  for (const auto& p : r.pins) {
    for (const auto& m : p.maintainers) {
      std::cout << fmt::format("  {} {}: {} {}", p.first_contact ? "pinned " : "pin    ", p.ns, printable(m.principal),
                               m.key.fingerprint())
                << "\n";
    }
  }
  if (r.index) std::cout << "  index    " << r.index->changed << " versions refreshed\n";
}

int pull_exit(const registry::PullReport& r) {
  if (r.outcome == "refused") {
    std::cerr << fmt::format("archipel: error: {}: refused: {} problem{}, nothing integrated\n", printable(r.url),
                             r.problems.size(), r.problems.size() == 1 ? "" : "s");
    return exit_findings;
  }
  for (const auto& c : r.conflicts) {
    print_warning(fmt::format("{}: {} is held here and there with different content (here {}, there {}): not integrated",
                              printable(r.url), printable(c.ref), c.ours, c.theirs));
  }
  return r.conflicts.empty() ? exit_ok : exit_findings;
}

void register_pull(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("pull", "Fetch a remote, verify every new commit and integrate it");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto remote = std::make_shared<std::string>("origin");
  sub->add_option("remote", *remote, "REMOTE (default origin)");
  on_run(sub, dispatch, [o, remote]() -> int {
    auto r = registry::pull(registry::registry_location(o->registry), *remote, o->signing_key);
    if (!r) return report_error(r.error());
    if (o->json) print_json(pull_json(*r));
    else print_pull(*r, "Pulled");
    return pull_exit(*r);
  });
}

}  // namespace archipel::cli
