// archipel fork SERIAL[@VERSION] --designer "Name <email>": a derived part under a new serial.
#include <iostream>

#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"

namespace archipel::cli {

void register_fork(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("fork", "Publish a new part derived from a published one");
  auto o = add_registry_options(sub);
  add_signing_option(sub, *o);
  auto ref = std::make_shared<std::string>();
  auto options = std::make_shared<registry::ForkOptions>();
  auto out = std::make_shared<std::string>();
  sub->add_option("serial", *ref, "SERIAL or SERIAL@VERSION of the parent")->required();
  sub->add_option("--designer", options->designer, "The fork's designer, \"Name <email>\"")->required();
  sub->add_option("--name", options->name, "The fork's name (default: parent's name + \" (fork)\")");
  sub->add_option("--licence", options->licence, "The fork's SPDX licence (default: the parent's)");
  sub->add_option("--version", options->version, "The fork's first version (default 1.0.0)");
  sub->add_option("--out", *out, "Also write the fork's files into this folder, to edit them");
  on_run(sub, dispatch, [o, ref, options, out]() -> int {
    auto parsed = registry::parse_serial_ref(*ref);
    if (!parsed) return report_error(parsed.error());
    auto reg = open_registry(*o);
    if (!reg) return report_error(reg.error());
    auto forked = reg->fork(*parsed, *options);
    if (!forked) return report_error(forked.error());
    std::vector<std::string> written;
    if (!out->empty()) {
      auto child = registry::parse_serial_ref(forked->serial + "@" + forked->version);
      auto files = reg->get(*child, *out);
      if (!files) return report_error(files.error());
      written = *files;
    }
    print_warnings(forked->serial, forked->warnings);
    if (o->json) {
      auto doc = published_json(*forked);
      doc["parent"] = parsed->to_string();
      if (!out->empty()) doc["out"] = *out;
      print_json(doc);
      return exit_ok;
    }
    print_published(*forked, "Forked " + parsed->to_string() + " into");
    if (!out->empty()) std::cout << "  wrote " << written.size() << " files into " << *out << "\n";
    return exit_ok;
  });
}

}  // namespace archipel::cli
