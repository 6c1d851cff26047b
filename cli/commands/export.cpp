// archipel export FILE|part.json|SERIAL[@VERSION] --format stl|3mf|dxf|svg|step [--out PATH]:
// a part's geometry as the file a workshop's machine reads (docs/export.md).
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/export.hpp"
#include "archipel/core/export_source.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/registry/registry.hpp"
#include "commands.hpp"
#include "commands/registry_options.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace archipel::cli {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::Result;

struct ExportArgs {
  std::string input;
  std::string format;
  std::string out;
  std::string file;
  std::string unit;
  double tolerance = core::default_export_linear_deflection_mm;
  double angular = core::default_export_angular_deflection_rad;
  std::uintmax_t max_size = core::default_max_geometry_bytes;
};

// The input resolved to one geometry file, with the unit its manifest declares.
struct Source {
  fs::path file;
  std::string label;  // what the user named, and which file of it
  std::optional<core::LengthUnit> unit;
  std::string stem;   // default output name
};

Result<Source> from_manifest(const core::Manifest& m, const fs::path& folder, core::ExportFormat format,
                             const ExportArgs& args, const std::string& label, const std::string& origin) {
  auto entry = core::choose_export_file(m, format, args.file.empty() ? std::nullopt : std::optional(args.file));
  if (!entry) return std::unexpected(core::with_origin(entry.error(), origin));
  return Source{folder / entry->path, label + ":" + entry->path, entry->unit, fs::path(entry->path).stem().string()};
}

Result<Source> resolve(const ExportArgs& args, core::ExportFormat format, const RegistryOptions& reg_opts,
                       core::ScratchDir& temp) {
  std::error_code ec;
  if (fs::is_regular_file(args.input, ec)) {
    if (fs::path(args.input).extension() != ".json")
      return Source{args.input, args.input, std::nullopt, fs::path(args.input).stem().string()};
    auto m = core::read_manifest(args.input);
    if (!m) return std::unexpected(m.error());
    return from_manifest(*m, fs::path(args.input).parent_path(), format, args, args.input, args.input);
  }
  auto ref = registry::parse_serial_ref(args.input);
  if (!ref)
    return core::fail(Errc::usage, fmt::format("\"{}\" is neither an existing file nor a registry serial "
                                               "(like BXL-P0042@1.0.0)", args.input));
  auto reg = open_registry(reg_opts);
  if (!reg) return std::unexpected(reg.error());
  auto info = reg->show(*ref);
  if (!info) return std::unexpected(info.error());
  if (temp.path().empty()) return core::fail(Errc::io, "cannot create a temporary folder");
  const fs::path folder = temp.path() / "part";
  auto written = reg->get(registry::SerialRef{ref->serial, info->version}, folder);
  if (!written) return std::unexpected(written.error());
  const std::string label = info->serial + "@" + info->version;
  auto m = core::parse_manifest(info->manifest, label + "/part.json");
  if (!m) return std::unexpected(m.error());
  auto source = from_manifest(*m, folder, format, args, label, label + "/part.json");
  if (source) source->stem = label + "-" + source->stem;
  return source;
}

std::string mm(double v) { return fmt::format("{:.3f}", v); }

void print_human(const core::ExportReport& r, const Source& source, const std::string& out) {
  for (const auto& w : r.warnings) print_warning(w);
  std::cout << fmt::format("Wrote {} ({}, {} bytes, sha256 {})\n", out, core::export_format_name(r.format), r.bytes,
                           r.sha256);
  std::cout << fmt::format("  from {} ({})", source.label, core::format_name(r.source_format));
  if (r.method == "copy") std::cout << ": the STEP file as published\n";
  if (r.method == "brep-mesh")
    std::cout << fmt::format(": meshed by OpenCASCADE within {} mm (chordal) and {} rad: {} triangles\n",
                             *r.linear_deflection_mm, *r.angular_deflection_rad, r.triangles);
  if (r.method == "mesh") std::cout << fmt::format(": mesh passed through, welded, in mm: {} triangles\n", r.triangles);
  if (r.method == "brep-section" || r.method == "mesh-section")
    std::cout << fmt::format(": section of a {} mm sheet{}, outline {} x {} mm: {} contours ({} circles; {} arcs "
                             "and {} lines in the others)\n",
                             mm(r.thickness_mm.value_or(0)), r.method == "mesh-section" ? " (fitted on the mesh)" : "",
                             mm(r.outline_mm[0]), mm(r.outline_mm[1]), r.contours, r.circles, r.arcs, r.lines);
}

int run_export(const ExportArgs& args, const RegistryOptions& reg_opts) {
  const auto format = core::parse_export_format(args.format);
  if (!format)
    return report_error(core::Error{Errc::usage, fmt::format("unknown export format \"{}\" (expected stl, 3mf, "
                                                             "dxf, svg or step)", args.format), {}, {}});
  if (!(args.tolerance > 0) || !(args.angular > 0) || args.tolerance > 10 || args.angular > 1.5)
    return report_error(core::Error{Errc::usage, "--tolerance must be in (0, 10] mm and --angular-tolerance in "
                                                 "(0, 1.5] rad", {}, {}});
  core::ExportOptions options;
  options.max_bytes = args.max_size;
  options.linear_deflection_mm = args.tolerance;
  options.angular_deflection_rad = args.angular;
  core::ScratchDir temp("archipel-export");
  auto source = resolve(args, *format, reg_opts, temp);
  if (!source) return report_error(source.error());
  options.unit = source->unit;
  if (!args.unit.empty()) {
    options.unit = core::parse_unit(args.unit);
    if (!options.unit)
      return report_error(core::Error{Errc::usage, "unknown unit \"" + args.unit + "\" (expected mm, cm, m, in, ft, um)",
                                      {}, {}});
  }
  const std::string out =
      args.out.empty() ? source->stem + "." + std::string(core::export_format_name(*format)) : args.out;
  std::error_code ec;
  if (fs::equivalent(source->file, out, ec))
    return report_error(core::Error{Errc::usage, "the output would replace the input", out, {}});
  auto report = [&] {
    ProgressLine progress(args.input);
    options.progress = progress.callback();
    return core::export_part(source->file, *format, options, out);
  }();
  if (!report) return report_error(report.error());
  if (reg_opts.json) {
    auto doc = core::export_report_to_json(*report);
    doc["input"] = source->label;
    doc["out"] = out;
    print_ordered_json(doc);
  } else {
    print_human(*report, *source, out);
  }
  return exit_ok;
}

}  // namespace

void register_export(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("export", "Export a part for fabrication: STL, 3MF, DXF, SVG or STEP");
  auto args = std::make_shared<ExportArgs>();
  auto reg = add_registry_options(sub);
  sub->add_option("input", args->input, "Geometry file, part.json, or SERIAL[@VERSION] in the registry")->required();
  sub->add_option("--format", args->format, "stl (binary), 3mf, dxf (sheet parts), svg (sheet parts) or step")
      ->required();
  sub->add_option("--out", args->out, "Output file (default: the input's name with the format's extension, here)");
  sub->add_option("--file", args->file, "Which geometry file of a part.json or registry part (default: see docs)");
  sub->add_option("--unit", args->unit, "Unit of a unit-less mesh (STL, OBJ, PLY): mm, cm, m, in, ft, um");
  sub->add_option("--tolerance", args->tolerance, "Chordal tolerance of the B-rep mesher in mm (default 0.01)");
  sub->add_option("--angular-tolerance", args->angular, "Angular tolerance of the B-rep mesher in rad (default 0.5)");
  sub->add_option("--max-size", args->max_size, "Refuse inputs larger than this many bytes (default 200 MB)");
  on_run(sub, dispatch, [args, reg] { return run_export(*args, *reg); });
}

}  // namespace archipel::cli
