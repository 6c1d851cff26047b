// SPDX-License-Identifier: Apache-2.0
// archipel clone URL [PATH] [--maintainer FINGERPRINT]: a new registry from a remote, its whole
// history verified and its namespaces' maintainers pinned (trust on first use).
#include <iostream>

#include "commands.hpp"
#include "commands/pull_report.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_clone(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("clone", "Create a registry from a remote (verified, maintainers pinned)");
  auto o = add_registry_options(sub);
  auto url = std::make_shared<std::string>();
  auto path = std::make_shared<std::string>();
  auto maintainers = std::make_shared<std::vector<std::string>>();
  sub->add_option("url", *url, "URL: a path, file://, ssh://, http(s)://")->required();
  sub->add_option("path", *path, "Where (default: --registry, else the default registry)");
  sub->add_option("--maintainer", *maintainers,
                  "Pin this maintainer's key fingerprint (SHA256:...) ahead of time: refused when the remote's "
                  "namespace does not list it (repeatable)");
  on_run(sub, dispatch, [o, url, path, maintainers]() -> int {
    auto where = path->empty() ? registry::registry_location(o->registry) : std::filesystem::path(*path);
    auto r = registry::clone(*url, where, *maintainers);
    if (!r) return report_error(r.error());
    if (o->json) {
      auto doc = pull_json(*r);
      doc["path"] = where.string();
      print_json(doc);
    } else {
      print_pull(*r, r->outcome == "refused" ? "Clone of" : "Cloned into " + where.string() + " from");
    }
    return pull_exit(*r);
  });
}

}  // namespace archipel::cli
