// archipel get SERIAL[@VERSION] --out DIR: materialise a version's files.
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_get(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("get", "Write a published version's part.json and files into a folder");
  auto o = add_registry_options(sub);
  auto ref = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  sub->add_option("serial", *ref, "SERIAL@VERSION (or SERIAL: the latest version not yanked)")->required();
  sub->add_option("--out", *out, "Folder to write into (created; existing files are never overwritten)")
      ->required();
  on_run(sub, dispatch, [o, ref, out]() -> int {
    auto parsed = registry::parse_serial_ref(*ref);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto written = reg->get(*parsed, *out);
    if (!written) return report_error(written.error());
    if (o->json) {
      print_json(nlohmann::json{{"serial", parsed->to_string()}, {"out", *out}, {"files", *written}});
      return exit_ok;
    }
    std::cout << "Wrote " << written->size() << " files of " << parsed->to_string() << " into " << *out << "\n";
    for (const auto& f : *written) std::cout << "  " << f << "\n";
    return exit_ok;
  });
}

}  // namespace archipel::cli
