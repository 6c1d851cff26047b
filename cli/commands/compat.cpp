// archipel compat A B: can part B be bolted onto part A on the grid?
#include <iostream>

#include <fmt/format.h>

#include "archipel/core/compat.hpp"
#include "archipel/core/gridfinity_fit.hpp"
#include "archipel/core/safe_fs.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "part_source.hpp"

namespace archipel::cli {
namespace {

struct CompatArgs {
  std::string a, b;
  PartSourceOptions source;
  std::optional<std::string> svg;
  std::size_t max = 5;
  bool json = false;
};

void print_placements(const core::CompatReport& r, const LoadedPart& a, const LoadedPart& b) {
  std::cout << fmt::format("{} + {}: compatible, {}\n", a.label, b.label, r.explanation);
  std::cout << fmt::format("  {:>4}  {:>4}  {:>4}  {:>8}  {:>4}  {:>6}  {}\n", "rank", "dx", "dy", "rotation",
                           "flip", "shared", "screw");
  for (std::size_t i = 0; i < r.placements.size(); ++i) {
    const auto& p = r.placements[i];
    std::cout << fmt::format("  {:>4}  {:>4}  {:>4}  {:>7}°  {:>4}  {:>6}  {}\n", i + 1, p.dx, p.dy, p.rotation,
                             p.flip ? "yes" : "no", p.shared.size(), p.screw);
  }
  std::cout << fmt::format("  (dx, dy in grid nodes of {:g} mm on A's grid)\n", a.interface.node_step_mm);
}

int write_svg(const std::string& path, const std::string& svg) {
  if (auto ok = core::write_file_atomic(path, svg); !ok)
    return report_error(core::Error{core::Errc::io, "cannot write the SVG file: " + ok.error().message, path, {}});
  return exit_ok;
}

// Gridfinity parts join by sitting in a baseplate, not by bolts.
int run_gridfinity(const CompatArgs& args, const LoadedPart& a, const LoadedPart& b) {
  const auto fit = core::check_gridfinity_fit(a.measurement, b.measurement, a.interface.role, b.interface.role);
  if (args.json) {
    auto doc = core::to_json(fit);
    doc["rule"] = "gridfinity-fit";
    print_json(doc);
  } else {
    std::cout << fmt::format("{} + {}: {}\n  {}\n", a.label, b.label, fit.fits ? "compatible" : "not compatible",
                             fit.explanation);
  }
  return fit.fits ? exit_ok : exit_findings;
}

int run(const CompatArgs& args) {
  auto a = load_part(args.a, args.source);
  if (!a) return report_error(a.error());
  auto b = load_part(args.b, args.source);
  if (!b) return report_error(b.error());
  if (a->interface.grid == "gridfinity" && b->interface.grid == "gridfinity") return run_gridfinity(args, *a, *b);
  const auto report = core::check_compat(a->interface, b->interface, {2, args.max});
  const bool ok = report.reason == core::CompatReason::compatible;
  if (args.svg && ok) {
    if (int rc = write_svg(*args.svg, core::render_compat_svg(a->interface, b->interface, report.placements.front())))
      return rc;
  }
  if (args.json) {
    auto doc = core::to_json(report);
    doc["a"] = {{"part", a->label}, {"interface", core::to_json(a->interface)}};
    doc["b"] = {{"part", b->label}, {"interface", core::to_json(b->interface)}};
    print_json(doc);
  } else if (ok) {
    print_placements(report, *a, *b);
  } else {
    std::cout << fmt::format("{} + {}: not compatible ({})\n  {}\n", a->label, b->label,
                             core::reason_name(report.reason), report.explanation);
  }
  if (args.svg && !ok) print_warning("no placement to draw: " + *args.svg + " was not written");
  return ok ? exit_ok : exit_findings;
}

}  // namespace

void register_compat(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("compat", "Can part B be bolted onto part A on the grid?");
  auto args = std::make_shared<CompatArgs>();
  sub->add_option("a", args->a, "Part A: a geometry file, a part.json or a registry SERIAL[@VERSION]")->required();
  sub->add_option("b", args->b, "Part B: a geometry file, a part.json or a registry SERIAL[@VERSION]")->required();
  sub->add_option("--grid", args->source.grid, "Grid standard of plain geometry files (default openstructures)");
  sub->add_option("--unit", args->source.unit, "Unit of unit-less geometry files (mm, cm, m, inch, ft, um)");
  sub->add_option("--registry", args->source.registry, "Registry folder for serials");
  sub->add_option("--max", args->max, "How many ranked placements to list (default 5)");
  sub->add_option("--svg", args->svg, "Draw the best placement to this SVG file");
  add_json_flag(sub, args->json);
  on_run(sub, dispatch, [args] { return run(*args); });
}

}  // namespace archipel::cli
