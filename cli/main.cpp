// The `archipel` executable: parses the command line and hands over to one command.
#include <iostream>

#include <CLI/CLI.hpp>

#include "archipel/core/version.hpp"
#include "commands/commands.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  using namespace archipel::cli;
  CLI::App app{"archipel: an open-design part registry on a shared modular grid", "archipel"};
  app.set_version_flag("--version", "archipel " + archipel::core::version());
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string(e.what()) + "\nRun 'archipel --help' for the list of commands.\n";
  });

  Dispatch dispatch;
  register_manifest(app, dispatch);
  register_version(app, dispatch);
  register_grid(app, dispatch);
  register_validate(app, dispatch);
  register_measure(app, dispatch);
  register_registry(app, dispatch);
  register_publish(app, dispatch);
  register_show(app, dispatch);
  register_list(app, dispatch);
  register_history(app, dispatch);
  register_get(app, dispatch);
  register_yank(app, dispatch);
  register_fork(app, dispatch);
  register_lineage(app, dispatch);
  register_search(app, dispatch);
  register_verify(app, dispatch);
  register_owner(app, dispatch);
  register_key(app, dispatch);
  register_compat(app, dispatch);
  register_bom(app, dispatch);
  register_check(app, dispatch);
  register_where_used(app, dispatch);
  register_rights(app, dispatch);
  register_kit(app, dispatch);
  register_make(app, dispatch);
  register_export(app, dispatch);
  register_hook(app, dispatch);
  register_library(app, dispatch);
  register_namespace(app, dispatch);
  register_remote(app, dispatch);
  register_clone(app, dispatch);
  register_pull(app, dispatch);
  register_push(app, dispatch);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "archipel: error: " << e.what() << "\n"
              << "Run 'archipel --help' for usage.\n";
    return exit_usage;
  } catch (const std::exception& e) {
    // Libraries never throw across their API; this is the last line of defence.
    std::cerr << "archipel: error: internal: " << e.what() << "\n";
    return exit_io;
  }
  return dispatch.exit_code;
}
