// SPDX-License-Identifier: Apache-2.0
// archipel push [REMOTE]: pull first (fetch, verify, integrate), then push main as a
// fast-forward only, after verifying the local history.
#include <iostream>

#include "commands.hpp"
#include "commands/pull_report.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_push(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("push", "Pull a remote, then push to it (fast-forward only)");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto remote = std::make_shared<std::string>("origin");
  sub->add_option("remote", *remote, "REMOTE (default origin)");
  on_run(sub, dispatch, [o, remote]() -> int {
    auto r = registry::push(registry::registry_location(o->registry), *remote, o->signing_key);
    if (!r) return report_error(r.error());
    if (o->json) {
      print_json(nlohmann::json{{"outcome", r->outcome}, {"pushed", r->pushed}, {"message", r->message},
                                {"pulled", pull_json(r->pulled)}});
    } else {
      print_pull(r->pulled, "Pulled");
      if (r->outcome == "pushed") std::cout << "Pushed " << r->pushed.substr(0, 12) << " to " << *remote << "\n";
      else if (r->outcome == "up-to-date") std::cout << "Nothing to push: " << *remote << " is up to date\n";
    }
    if (r->outcome == "refused") {
      if (r->pulled.outcome == "refused") return pull_exit(r->pulled);
      return report_error(core::Error{core::Errc::invalid, "refusing to push: " + r->message, r->pulled.url, ""});
    }
    return pull_exit(r->pulled);
  });
}

}  // namespace archipel::cli
