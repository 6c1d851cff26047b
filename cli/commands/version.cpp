// archipel version [--json]: what this binary is and what it was built with.
#include <iostream>

#include "archipel/core/version.hpp"
#include "archipel/registry/git_version.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_version(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("version", "Print the version of archipel and its libraries");
  auto json = std::make_shared<bool>(false);
  add_json_flag(sub, *json);
  on_run(sub, dispatch, [json]() -> int {
    // The geometry libraries are the worker's: it is asked (and so is checked to start).
    const auto geometry = core::geometry_library_versions();
    if (!geometry) return report_error(geometry.error());
    if (*json) {
      print_json(nlohmann::json{{"archipel", core::version()},
                  {"geometry", *geometry},
                  {"git", registry::git_library_version()}});
    } else {
      std::cout << "archipel " << core::version() << "\n"
                << *geometry << ", " << registry::git_library_version() << "\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
