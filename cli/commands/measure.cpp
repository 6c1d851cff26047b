// archipel measure FILE [--unit U] [--material M] [--max-size BYTES] [--json]: the measurements
// of one geometry file, in its natural frame, without a verdict.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"
#include "archipel/core/materials.hpp"
#include "archipel/core/measurement_json.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace archipel::cli {
namespace {

struct MeasureArgs {
  std::string file;
  std::string unit;
  std::string material;
  std::uintmax_t max_size = core::default_max_geometry_bytes;
  bool json = false;
};

std::string num(double v) { return fmt::format("{:.3f}", core::round_mm(v)); }

std::string vec(const core::Vec3& v) {
  return fmt::format("({:g}, {:g}, {:g})", core::round_mm(v[0]), core::round_mm(v[1]),
                     core::round_mm(v[2]));
}

std::string hole_kind(const core::Hole& h) {
  if (h.boss) return "boss";
  return h.through ? "through" : "blind";
}

void print_holes(const std::vector<core::Hole>& holes) {
  std::cout << fmt::format("holes      {}\n", holes.size());
  if (holes.empty()) return;
  std::cout << fmt::format("  {:>9} {:>9} {:>9} {:>9} {:>8}  {:<12} {}\n", "diameter", "x", "y",
                           "z", "depth", "axis", "kind");
  for (const auto& h : holes) {
    std::cout << fmt::format("  {:>9} {:>9} {:>9} {:>9} {:>8}  {:<12} {}\n", num(h.diameter_mm),
                             num(h.center_mm[0]), num(h.center_mm[1]), num(h.center_mm[2]),
                             num(h.depth_mm), vec(h.axis), hole_kind(h));
    for (const auto& f : h.features)
      std::cout << fmt::format("    {} \u00d8{} mm, {} mm deep, {} mm from the entry\n", f.kind,
                               num(f.diameter_mm), num(f.depth_mm), num(f.offset_mm));
  }
}

void print_openings(const std::vector<core::Opening>& openings) {
  if (openings.empty()) return;
  std::cout << fmt::format("openings   {}\n", openings.size());
  std::cout << fmt::format("  {:<9} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8}  {:<12} {}\n", "shape", "width",
                           "length", "x", "y", "z", "depth", "axis", "kind");
  for (const auto& o : openings)
    std::cout << fmt::format("  {:<9} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8}  {:<12} {}\n", o.shape,
                             num(o.width_mm), num(o.length_mm), num(o.center_mm[0]),
                             num(o.center_mm[1]), num(o.center_mm[2]), num(o.depth_mm), vec(o.axis),
                             o.through ? "through" : "blind");
}

void print_human(const std::string& file, const core::PartMeasurement& m, const MeasureArgs& args) {
  std::cout << fmt::format("{}: {} ({}), read in {}\n", file, core::format_name(m.format),
                           m.kind == core::GeometryKind::brep ? "B-rep" : "mesh", m.source_unit);
  std::cout << fmt::format("frame      {}; origin {}; x {}; y {}; z {}\n", m.frame.method,
                           vec(m.frame.origin), vec(m.frame.x_axis), vec(m.frame.y_axis),
                           vec(m.frame.z_axis));
  std::cout << fmt::format("size       {} x {} x {} mm\n", num(m.size_mm[0]), num(m.size_mm[1]),
                           num(m.size_mm[2]));
  if (m.thickness_mm)
    std::cout << fmt::format("thickness  {} mm ({})\n", num(*m.thickness_mm),
                             core::near(*m.thickness_mm, m.size_mm[2], 1e-6) ? "sheet" : "walls");
  std::cout << fmt::format("volume     {} mm3\n", num(m.volume_mm3));
  if (m.mass_g) std::cout << fmt::format("mass       {} g ({})\n", num(*m.mass_g), args.material);
  if (m.kind == core::GeometryKind::brep)
    std::cout << fmt::format("faces      {}\n", m.face_count);
  else
    std::cout << fmt::format("triangles  {}\n", m.triangle_count);
  print_holes(m.holes);
  print_openings(m.openings);
}

int run_measure(const MeasureArgs& args) {
  core::MeasureOptions options;
  options.max_bytes = args.max_size;
  if (!args.unit.empty()) {
    options.unit = core::parse_unit(args.unit);
    if (!options.unit)
      return report_error(core::Error{core::Errc::usage,
                                      "unknown unit \"" + args.unit + "\" (expected mm, cm, m, in, ft, um)",
                                      {}, {}});
  }
  if (!args.material.empty()) options.material = args.material;
  auto measured = [&] {
    ProgressLine progress(args.file);
    options.progress = progress.callback();
    return core::measure_file(args.file, options);
  }();
  if (!measured) return report_error(measured.error());
  // Warnings go to stderr with --json too: the JSON lists them as well.
  print_warnings(args.file, measured->warnings);
  if (args.json)
    print_ordered_json(core::measurement_to_json(*measured));
  else
    print_human(args.file, *measured, args);
  return exit_ok;
}

}  // namespace

void register_measure(CLI::App& app, Dispatch& dispatch) {
  auto* sub = app.add_subcommand("measure", "Measure a geometry file (no verdict)");
  auto args = std::make_shared<MeasureArgs>();
  sub->add_option("file", args->file, "STEP, IGES, BREP, STL, OBJ, PLY, 3MF or glTF file")->required();
  sub->add_option("--unit", args->unit, "Unit of a unit-less file (STL, OBJ, PLY): mm, cm, m, in, ft, um");
  sub->add_option("--material", args->material, "Material, for the mass (e.g. steel, aluminium, pla)");
  sub->add_option("--max-size", args->max_size, "Refuse files larger than this many bytes (default 200 MB)");
  add_json_flag(sub, args->json);
  on_run(sub, dispatch, [args] { return run_measure(*args); });
}

}  // namespace archipel::cli
