// archipel validate FILE|part.json [--grid ID|FILE] [--unit U] [--max-size BYTES] [--svg FILE]
// [--json]: measure a geometry file and check it against a grid standard, with a verdict.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"
#include "archipel/core/validate.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "validate_report.hpp"

namespace archipel::cli {
namespace {

struct ValidateArgs {
  std::string input;
  std::string grid;
  std::string unit;
  std::string svg;
  std::uintmax_t max_size = core::default_max_geometry_bytes;
  bool json = false;
};

core::Result<core::MeasureOptions> measure_options(const ValidateArgs& args) {
  core::MeasureOptions options;
  options.max_bytes = args.max_size;
  if (!args.unit.empty()) {
    options.unit = core::parse_unit(args.unit);
    if (!options.unit)
      return core::fail(core::Errc::usage, fmt::format("unknown unit \"{}\" (expected mm, cm, m, "
                                                       "in, ft, um)", args.unit));
  }
  return options;
}

core::Result<void> write_svg(const std::string& path, const std::string& svg) {
  std::ofstream out(path, std::ios::binary);
  out << svg;
  out.close();
  if (!out) return core::fail(core::Errc::io, "cannot write the drawing", path);
  return {};
}

int run_geometry(const ValidateArgs& args) {
  auto options = measure_options(args);
  if (!options) return report_error(options.error());
  auto grid = core::load_grid(args.grid.empty() ? "openstructures" : args.grid);
  if (!grid) return report_error(grid.error());
  auto part = core::measure_file(args.input, *options);
  if (!part) return report_error(part.error());
  const auto report = core::validate(*part, *grid);
  if (!args.svg.empty())
    if (auto written = write_svg(args.svg, core::render_svg(report, *part, *grid)); !written)
      return report_error(written.error());
  if (args.json) {
    auto doc = core::to_json(report, *part);
    doc["file"] = args.input;
    print_json(doc);
  } else {
    for (const auto& w : part->warnings) print_warning(args.input + ": " + w);
    print_validation(args.input, report, *part, *grid);
  }
  return report.verdict == core::Verdict::fails ? exit_findings : exit_ok;
}

}  // namespace

void register_validate(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("validate", "Check a part's geometry against a grid standard");
  auto args = std::make_shared<ValidateArgs>();
  sub->add_option("input", args->input, "A geometry file (STEP, IGES, BREP, STL, OBJ, PLY, 3MF, glTF)")
      ->required();
  sub->add_option("--grid", args->grid, "Grid standard id or file (default: openstructures)");
  sub->add_option("--unit", args->unit, "Unit of a unit-less file (STL, OBJ, PLY): mm, cm, m, in, ft, um");
  sub->add_option("--max-size", args->max_size, "Refuse files larger than this many bytes (default 200 MB)");
  sub->add_option("--svg", args->svg, "Write a drawing of the footprint on the grid to this SVG file");
  add_json_flag(sub, args->json);
  on_run(sub, dispatch, [args] { return run_geometry(*args); });
}

}  // namespace archipel::cli
