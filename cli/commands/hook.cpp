// SPDX-License-Identifier: Apache-2.0
// archipel hook install PATH [--force]: the pre-receive hook of a hub (a bare repository).
// archipel hook pre-receive [HUB]: what that hook runs; reads "OLD NEW REF" lines on stdin and
// refuses (exit 1, one line per reason on stderr: git shows them as "remote: ...") a push that
// is not a verified fast-forward of refs/heads/main. See docs/hubs.md.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "archipel/registry/hook.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace archipel::cli {

namespace {

namespace fs = std::filesystem;
constexpr std::size_t max_stdin_bytes = 1 << 20;

// The object folders git keeps a push in until the hook accepts it (its quarantine), and the
// alternates it names: libgit2 does not read git's environment by itself.
std::vector<fs::path> pushed_object_dirs() {
  std::vector<fs::path> out;
  if (const char* q = std::getenv("GIT_OBJECT_DIRECTORY"); q != nullptr && *q != '\0') out.emplace_back(q);
  if (const char* alt = std::getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES"); alt != nullptr) {
    std::string all(alt);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= all.size(); ++i) {
      if (i == all.size() || all[i] == ':') {
        if (i > start) out.emplace_back(all.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  return out;
}

nlohmann::json findings_json(const std::vector<registry::PushFinding>& list) {
  auto out = nlohmann::json::array();
  for (const auto& f : list) out.push_back({{"where", f.where}, {"message", f.message}});
  return out;
}

int pre_receive(const std::string& hub_arg, bool json) {
  std::string hub = hub_arg;
  if (hub.empty()) {
    const char* dir = std::getenv("GIT_DIR");
    hub = dir != nullptr && *dir != '\0' ? dir : ".";
  }
  std::string input;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    input.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (input.size() > max_stdin_bytes) {
      return report_error({core::Errc::usage, "more than 1 MiB of ref updates", "stdin", {}});
    }
  }
  auto updates = registry::parse_ref_updates(input);
  if (!updates) return report_error(updates.error());
  auto check = registry::check_push(hub, *updates, pushed_object_dirs());
  if (!check) {
    report_error(check.error());
    std::cerr << "archipel: error: push refused: the hub could not verify it\n";
    return exit_code_for(check.error());
  }
  for (const auto& w : check->warnings) print_warning(w.where + ": " + w.message);
  for (const auto& r : check->refusals) {
    std::cerr << "archipel: error: " << printable(r.where) << ": " << printable(r.message) << "\n";
  }
  bool ok = check->refusals.empty();
  if (json) {
    print_json(nlohmann::json{{"accepted", ok}, {"commits", check->commits},
                              {"refusals", findings_json(check->refusals)}, {"warnings", findings_json(check->warnings)}});
  } else if (ok) {
    std::cout << "archipel: push accepted: " << check->commits << (check->commits == 1 ? " new commit" : " new commits")
              << " verified\n";
  } else {
    std::cerr << "archipel: error: push refused (" << check->refusals.size() << " problems); the hub keeps its history\n";
  }
  return ok ? exit_ok : exit_findings;
}

}  // namespace

void register_hook(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("hook", "Hubs: verify pushes server-side with a git pre-receive hook");
  group->require_subcommand(1);

  auto* install = group->add_subcommand("install", "Install the pre-receive hook into a hub (a bare repository)");
  auto path = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  auto install_json = std::make_shared<bool>(false);
  install->add_option("path", *path, "The hub: a bare git repository")->required();
  install->add_flag("--force", *force, "Replace a pre-receive hook that is not Archipel's");
  add_json_flag(install, *install_json);
  on_run(install, dispatch, [path, force, install_json]() -> int {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return report_error({core::Errc::io, "cannot find the archipel binary: " + ec.message(), "/proc/self/exe", {}});
    auto done = registry::install_hook(*path, self, *force);
    if (!done) return report_error(done.error());
    if (*install_json) {
      print_json(nlohmann::json{{"hook", done->hook.string()}, {"archipel", self.string()}, {"replaced", done->replaced}});
    } else {
      std::cout << (done->replaced ? "Replaced " : "Installed ") << printable(done->hook.string()) << "\n"
                << "  runs " << printable(self.string()) << " hook pre-receive\n"
                << "  pushes to refs/heads/main are verified (signatures, owners, append-only); other refs are refused\n";
    }
    return exit_ok;
  });

  auto* receive = group->add_subcommand("pre-receive",
                                        "Judge a push (run by git as the hub's pre-receive hook; reads OLD NEW REF lines)");
  auto hub = std::make_shared<std::string>();
  auto receive_json = std::make_shared<bool>(false);
  receive->add_option("hub", *hub, "The hub (default: $GIT_DIR, else the current folder, as git runs hooks)");
  add_json_flag(receive, *receive_json);
  on_run(receive, dispatch, [hub, receive_json]() -> int { return pre_receive(*hub, *receive_json); });
}

}  // namespace archipel::cli
