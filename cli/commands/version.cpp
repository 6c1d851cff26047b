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
    if (*json) {
      print_json(nlohmann::json{{"archipel", core::version()},
                  {"geometry", core::geometry_library_versions()},
                  {"git", registry::git_library_version()}});
    } else {
      std::cout << "archipel " << core::version() << "\n"
                << core::geometry_library_versions() << ", " << registry::git_library_version()
                << "\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
