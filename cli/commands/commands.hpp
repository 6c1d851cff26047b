#pragma once
/// \file
/// One `register_<verb>` per file in cli/commands/; main.cpp calls them all.

#include <functional>

#include <CLI/CLI.hpp>

namespace archipel::cli {

/// Options every command shares.
struct Globals {
  bool json = false;  ///< print JSON instead of the human report
};

/// Where a command's action puts its exit code; main returns it.
struct Dispatch {
  int exit_code = 0;
};

/// Attaches `action` to `sub`: when the subcommand is chosen, its return value is the exit code.
inline void on_run(CLI::App* sub, Dispatch& dispatch, std::function<int()> action) {
  sub->callback([&dispatch, action = std::move(action)] { dispatch.exit_code = action(); });
}

/// Adds the `--json` flag to a subcommand.
inline void add_json_flag(CLI::App* sub, bool& json) {
  sub->add_flag("--json", json, "Print machine-readable JSON on stdout");
}

/// `archipel manifest check|new`.
void register_manifest(CLI::App& app, Dispatch& dispatch);
/// `archipel version`.
void register_version(CLI::App& app, Dispatch& dispatch);
void register_grid(CLI::App& app, Dispatch& dispatch);
void register_validate(CLI::App& app, Dispatch& dispatch);
void register_measure(CLI::App& app, Dispatch& dispatch);
/// `archipel compat A B`, `bom OBJECT`, `check OBJECT` (compatibility and composition).
void register_compat(CLI::App& app, Dispatch& dispatch);
void register_bom(CLI::App& app, Dispatch& dispatch);
void register_check(CLI::App& app, Dispatch& dispatch);
/// `archipel where-used SERIAL` (the reverse of `bom`).
void register_where_used(CLI::App& app, Dispatch& dispatch);
void register_registry(CLI::App& app, Dispatch& dispatch);
void register_publish(CLI::App& app, Dispatch& dispatch);
void register_show(CLI::App& app, Dispatch& dispatch);
void register_list(CLI::App& app, Dispatch& dispatch);
void register_history(CLI::App& app, Dispatch& dispatch);
void register_get(CLI::App& app, Dispatch& dispatch);
void register_yank(CLI::App& app, Dispatch& dispatch);
void register_fork(CLI::App& app, Dispatch& dispatch);
void register_lineage(CLI::App& app, Dispatch& dispatch);
void register_search(CLI::App& app, Dispatch& dispatch);
void register_verify(CLI::App& app, Dispatch& dispatch);
/// `archipel owner add|remove|list` and `archipel key new` (authorship, docs/trust.md).
void register_owner(CLI::App& app, Dispatch& dispatch);
void register_key(CLI::App& app, Dispatch& dispatch);
/// `archipel rights SERIAL` (effective rights) and `archipel kit SERIAL...` (rights.cpp, kit.cpp).
void register_rights(CLI::App& app, Dispatch& dispatch);
void register_kit(CLI::App& app, Dispatch& dispatch);
/// `archipel make FAMILY ...` and `make --list` (the component library).
void register_make(CLI::App& app, Dispatch& dispatch);
/// `archipel export` (fabrication files: STL, 3MF, DXF, SVG, STEP).
void register_export(CLI::App& app, Dispatch& dispatch);
/// `archipel hook install|pre-receive` (hubs: server-side verification of pushes).
void register_hook(CLI::App& app, Dispatch& dispatch);
/// `archipel library seed` (the standard set of generated parts, library.cpp).
void register_library(CLI::App& app, Dispatch& dispatch);
/// `archipel namespace`, `remote`, `clone`, `pull`, `push` (federation, docs/federation.md).
void register_namespace(CLI::App& app, Dispatch& dispatch);
void register_remote(CLI::App& app, Dispatch& dispatch);
void register_clone(CLI::App& app, Dispatch& dispatch);
void register_pull(CLI::App& app, Dispatch& dispatch);
void register_push(CLI::App& app, Dispatch& dispatch);

}  // namespace archipel::cli
