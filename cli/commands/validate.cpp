// archipel validate FILE|part.json [--grid ID|FILE] [--role NAME] [--unit U] [--max-size BYTES]
// [--svg FILE] [--json]: measure a geometry file and check it against a grid standard, with a
// verdict.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/validate.hpp"
#include "archipel/core/warnings.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "validate_manifest.hpp"
#include "validate_report.hpp"

namespace archipel::cli {
namespace {

struct ValidateArgs {
  std::string input;
  std::string grid;
  std::string role;
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
  if (auto ok = core::write_file_atomic(path, svg); !ok)
    return core::fail(core::Errc::io, "cannot write the drawing: " + ok.error().message, path);
  return {};
}

// One measured and validated geometry file.
struct Checked {
  core::PartMeasurement part;
  core::ValidationReport report;
};

// `fd`: the file already opened with open_beneath (a manifest's file), else -1.
core::Result<Checked> check_file(const std::string& path, const core::MeasureOptions& options,
                                 const core::GridStandard& grid, const std::string& role, int fd = -1) {
  auto part = [&] {
    ProgressLine progress(path);
    core::MeasureOptions with_progress = options;
    with_progress.progress = progress.callback();
    return fd >= 0 ? core::measure_file(fd, path, with_progress) : core::measure_file(path, with_progress);
  }();
  if (!part) return std::unexpected(part.error());
  auto report = core::validate(*part, grid, {role});
  return Checked{std::move(*part), std::move(report)};
}

// A stated role must be one of the standard's before anything is measured.
core::Result<void> check_role(const core::GridStandard& grid, const std::string& role, core::Errc code,
                              const std::string& origin, const std::string& pointer) {
  if (role.empty()) return {};
  if (auto view = core::apply_role(grid, role); !view) return core::fail(code, view.error().message, origin, pointer);
  return {};
}

int verdict_exit(core::Verdict verdict) {
  return verdict == core::Verdict::fails ? exit_findings : exit_ok;
}

nlohmann::json file_json(const std::string& name, const Checked& c) {
  auto doc = core::to_json(c.report, c.part);
  doc["file"] = name;
  return doc;
}

int run_geometry(const ValidateArgs& args, const core::MeasureOptions& options) {
  auto grid = core::load_grid(args.grid.empty() ? "openstructures" : args.grid);
  if (!grid) return report_error(grid.error());
  if (auto ok = check_role(*grid, args.role, core::Errc::usage, "--role", {}); !ok) return report_error(ok.error());
  auto checked = check_file(args.input, options, *grid, args.role);
  if (!checked) return report_error(checked.error());
  if (!args.svg.empty())
    if (auto w = write_svg(args.svg, core::render_svg(checked->report, checked->part, *grid)); !w)
      return report_error(w.error());
  print_warnings(args.input, core::validation_warnings(checked->report, checked->part));
  if (args.json)
    print_json(file_json(args.input, *checked));
  else
    print_validation(args.input, checked->report, checked->part, *grid);
  return verdict_exit(checked->report.verdict);
}

core::Verdict worse(core::Verdict a, core::Verdict b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

// Each listed geometry file in its declared unit (or --unit), against the manifest's grid (or
// --grid), cross-checked with the declared dimensions and grid size.
int run_manifest(const ValidateArgs& args, const core::MeasureOptions& base) {
  auto manifest = read_manifest_summary(args.input);
  if (!manifest) return report_error(manifest.error());
  const std::string grid_id = !args.grid.empty() ? args.grid
                              : !manifest->grid.empty() ? manifest->grid : "openstructures";
  auto grid = core::load_grid(grid_id);
  if (!grid) return report_error(core::with_origin(grid.error(), args.input));
  // --role wins over the manifest's grid.role, which only holds for the standard it names.
  const bool own_grid = args.grid.empty() || args.grid == manifest->grid;
  const std::string role = !args.role.empty() ? args.role : own_grid ? manifest->role : std::string{};
  if (auto ok = !args.role.empty() ? check_role(*grid, role, core::Errc::usage, "--role", {})
                                   : check_role(*grid, role, core::Errc::invalid, args.input, "/grid/role");
      !ok)
    return report_error(ok.error());
  if (manifest->files.empty())
    return report_error(core::Error{core::Errc::invalid, "the manifest lists no geometry file",
                                    args.input, "/files"});
  print_warnings(args.input + ":/licence", manifest->warnings);
  const core::Declared declared{manifest->dimensions_mm, manifest->grid, manifest->grid_units,
                                args.input};
  core::Verdict overall = core::Verdict::conforms;
  int exit = exit_ok;
  bool drawn = false;
  auto files = nlohmann::json::array();
  for (const auto& f : manifest->files) {
    core::MeasureOptions options = base;
    if (!f.unit.empty()) options.unit = core::parse_unit(f.unit);
    // Read as publish reads it: inside the manifest's folder, no link at any level.
    const auto root = std::filesystem::path(args.input).parent_path();
    options.part_folder = root.empty() ? std::filesystem::path(".") : root;
    options.path_in_folder = f.listed;
    auto fd = core::open_beneath(options.part_folder, f.listed);
    auto checked = fd ? check_file(f.path, options, *grid, role, fd->get())
                      : core::Result<Checked>(core::fail(fd.error().code, fd.error().message, args.input));
    if (!checked) {
      exit = report_error(checked.error());
      files.push_back({{"file", f.listed}, {"error", checked.error().to_string()}});
      continue;
    }
    core::check_declared(checked->report, checked->part, *grid, declared);
    overall = worse(overall, checked->report.verdict);
    if (!args.svg.empty() && !drawn) {
      drawn = true;
      if (auto w = write_svg(args.svg, core::render_svg(checked->report, checked->part, *grid)); !w)
        return report_error(w.error());
    }
    print_warnings(f.listed, core::validation_warnings(checked->report, checked->part));
    if (args.json)
      files.push_back(file_json(f.listed, *checked));
    else
      print_validation(f.listed, checked->report, checked->part, *grid);
  }
  if (args.json)
    print_json({{"manifest", args.input}, {"name", manifest->name}, {"grid", grid->id},
                {"verdict", core::verdict_name(overall)}, {"files", files},
                {"warnings", core::warnings_json(manifest->warnings)}});
  else
    std::cout << fmt::format("{} ({}): {}\n", args.input, manifest->name, core::verdict_name(overall));
  return exit != exit_ok ? exit : verdict_exit(overall);
}

bool is_manifest(const std::string& path) {
  return std::filesystem::path(path).extension() == ".json";
}

int run_validate(const ValidateArgs& args) {
  auto options = measure_options(args);
  if (!options) return report_error(options.error());
  return is_manifest(args.input) ? run_manifest(args, *options) : run_geometry(args, *options);
}

}  // namespace

void register_validate(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("validate", "Check a part's geometry against a grid standard");
  auto args = std::make_shared<ValidateArgs>();
  sub->add_option("input", args->input, "A geometry file (STEP, IGES, BREP, STL, OBJ, PLY, 3MF, glTF) or a part.json")
      ->required();
  sub->add_option("--grid", args->grid, "Grid standard id or file (default: the manifest's grid, else openstructures)");
  sub->add_option("--role", args->role, "The part's role in the standard, e.g. bin or baseplate (Gridfinity); default: the manifest's grid.role, else recognised from its size");
  sub->add_option("--unit", args->unit, "Unit of a unit-less file (STL, OBJ, PLY): mm, cm, m, in, ft, um");
  sub->add_option("--max-size", args->max_size, "Refuse files larger than this many bytes (default 200 MB)");
  sub->add_option("--svg", args->svg, "Write a drawing of the footprint on the grid to this SVG file (a manifest: its first geometry file)");
  add_json_flag(sub, args->json);
  on_run(sub, dispatch, [args] { return run_validate(*args); });
}

}  // namespace archipel::cli
