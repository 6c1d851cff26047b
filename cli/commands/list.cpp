// archipel list: every serial in the registry with its latest version.
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_list(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("list", "List the parts in the registry");
  auto o = add_registry_options(sub);
  on_run(sub, dispatch, [o]() -> int {
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto parts = reg->list();
    if (!parts) return report_error(parts.error());
    if (o->json) {
      auto out = nlohmann::json::array();
      for (const auto& p : *parts) {
        out.push_back({{"serial", p.serial}, {"latest", p.latest}, {"name", p.name}, {"kind", p.kind},
                       {"designer", p.designer}, {"licence", p.licence}, {"versions", p.versions},
                       {"yanked", p.yanked}});
      }
      print_json(out);
      return exit_ok;
    }
    if (parts->empty()) std::cout << "No parts in " << reg->path().string() << "\n";
    for (const auto& p : *parts) {
      std::cout << fmt::format("{:<12} {:<8} {}  ({}, {})\n", printable(p.serial),
                               p.latest.empty() ? "yanked" : printable(p.latest), printable(p.name),
                               printable(p.designer), printable(p.licence));
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
