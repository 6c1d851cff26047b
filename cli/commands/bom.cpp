// archipel bom OBJECT: the resolved bill of materials of a component or object.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "archipel/core/bom.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "member_lookup.hpp"
#include "output.hpp"

namespace archipel::cli {
namespace {

struct BomArgs {
  std::string object;
  std::optional<std::string> csv;
};

// The root of a bill given as a local part.json (not yet published).
core::Result<core::BomNode> local_root(const std::string& path) {
  auto m = core::read_manifest(path);
  if (!m) return std::unexpected(m.error());
  core::BomNode node{m->serial.value_or(path), m->version.to_string(), m->name,
                     std::string(core::to_string(m->kind)), m->grid ? m->grid->standard : "", false, {}};
  for (const auto& c : m->composition) node.members.push_back({c.serial, c.version.to_string(), c.quantity});
  return node;
}

core::Result<core::BomReport> resolve(registry::Registry& reg, const std::string& object) {
  auto lookup = bom_lookup(reg);
  std::error_code ec;
  if (std::filesystem::is_regular_file(object, ec)) {
    auto root = local_root(object);
    if (!root) return std::unexpected(root.error());
    core::BomLookup with_root = [&](const std::string& serial, const std::string& req)
        -> core::Result<std::optional<core::BomNode>> {
      if (serial == "<local>") return std::optional<core::BomNode>{*root};
      return lookup(serial, req);
    };
    return core::resolve_bom("<local>", "*", with_root);
  }
  auto ref = registry::parse_serial_ref(object);
  if (!ref) return std::unexpected(ref.error());
  return core::resolve_bom(ref->serial.to_string(), ref->version ? "=" + *ref->version : "*", lookup);
}

void print_report(const core::BomReport& r) {
  std::cout << fmt::format("{}@{}  {}\n", r.root.serial, r.root.version, r.root.name);
  std::cout << fmt::format("  {:>5}  {:<14}{:<10}{:<11}{}\n", "qty", "serial", "version", "kind", "name");
  for (const auto& l : r.lines)
    std::cout << fmt::format("  {:>5}  {:<14}{:<10}{:<11}{}\n", l.quantity, l.serial, l.version, l.kind, l.name);
  for (const auto& p : r.problems) std::cout << fmt::format("  problem ({}): {} [{}]\n", p.kind, p.message, p.path);
  if (r.problems.empty()) std::cout << "  no problems\n";
}

int run(const RegistryOptions& o, const BomArgs& args) {
  auto reg = open_registry(o);
  if (!reg) return report_error(reg.error());
  auto report = resolve(*reg, args.object);
  if (!report) return report_error(report.error());
  if (args.csv) {
    const std::string csv = core::to_csv(*report);
    if (*args.csv == "-") {
      std::cout << csv;
    } else {
      if (auto ok = core::write_file_atomic(*args.csv, csv); !ok)
        return report_error(core::Error{core::Errc::io, "cannot write the CSV file: " + ok.error().message,
                                        *args.csv, {}});
    }
  }
  if (o.json) print_json(core::to_json(*report));
  else if (!args.csv || *args.csv != "-") print_report(*report);
  for (const auto& p : report->problems) print_warning(fmt::format("{}: {}", p.kind, p.message));
  return report->problems.empty() ? exit_ok : exit_findings;
}

}  // namespace

void register_bom(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("bom", "Resolve the bill of materials of a component or object");
  auto o = add_registry_options(sub);
  auto args = std::make_shared<BomArgs>();
  sub->add_option("object", args->object, "SERIAL[@VERSION] or a part.json")->required();
  sub->add_option("--csv", args->csv, "Also write the bill as CSV to this file ('-' for stdout)");
  on_run(sub, dispatch, [o, args] { return run(*o, *args); });
}

}  // namespace archipel::cli
