// archipel yank SERIAL@VERSION --reason TEXT: flag a version; it stays retrievable.
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_yank(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("yank", "Flag a version as yanked (kept, but excluded from new resolutions)");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto ref = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  sub->add_option("serial", *ref, "SERIAL@VERSION")->required();
  sub->add_option("--reason", *reason, "Why (stored with the flag)")->required();
  on_run(sub, dispatch, [o, ref, reason]() -> int {
    auto parsed = registry::parse_serial_ref(*ref);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto commit = reg->yank(*parsed, *reason);
    if (!commit) return report_error(commit.error());
    if (o->json) {
      print_json(nlohmann::json{{"serial", parsed->to_string()}, {"reason", *reason}, {"already_yanked", commit->empty()},
                  {"commit", *commit}});
    } else if (commit->empty()) {
      std::cout << parsed->to_string() << " was already yanked: nothing to do\n";
    } else {
      std::cout << "Yanked " << parsed->to_string() << ": " << *reason << "\n";
    }
    return exit_ok;
  });
}

}  // namespace archipel::cli
