#include "part_source.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "archipel/core/geometry.hpp"
#include "archipel/core/grid.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/core/validate.hpp"

namespace archipel::cli {
namespace fs = std::filesystem;
using core::Errc;
using core::Result;

namespace {

// The part's role (stated, else recognised as validate does) fixes the grid its interface uses.
Result<LoadedPart> measure_on_grid(const std::string& label, const fs::path& file,
                                   std::optional<core::LengthUnit> unit, const std::string& grid_id,
                                   const std::string& stated_role = {}, const core::UniqueFd* fd = nullptr,
                                   const fs::path& folder = {}) {
  auto grid = core::load_grid(grid_id);
  if (!grid) return std::unexpected(grid.error());
  core::MeasureOptions options;
  options.unit = unit;
  if (fd != nullptr) {
    options.part_folder = folder;
    options.path_in_folder = file.lexically_relative(folder).string();
  }
  auto m = fd != nullptr ? core::measure_file(fd->get(), file, options) : core::measure_file(file, options);
  if (!m) return std::unexpected(m.error());
  core::GridStandard view = *grid;
  std::string role;
  if (!grid->roles.empty()) {
    auto choice = core::choose_role(*m, *grid, stated_role);
    if (!choice) return core::fail(core::Errc::invalid, choice.error().message, label, "/grid/role");
    role = choice->name;
    if (auto v = core::apply_role(*grid, role)) view = std::move(*v);
  }
  auto interface_opts = core::interface_options(view, *m);
  interface_opts.role = role;
  return LoadedPart{label, core::derive_interface(*m, interface_opts), *m};
}

Result<LoadedPart> from_manifest(const std::string& arg) {
  auto manifest = core::read_manifest(arg);
  if (!manifest) return std::unexpected(manifest.error());
  const std::string grid = manifest->grid ? manifest->grid->standard : "openstructures";
  const fs::path root = fs::path(arg).has_parent_path() ? fs::path(arg).parent_path() : fs::path(".");
  for (const auto& f : manifest->files)
    if (f.role == core::FileRole::geometry) {
      auto fd = core::open_beneath(root, f.path);  // as publish reads it: no link at any level
      if (!fd) return core::fail(fd.error().code, fd.error().message, arg);
      return measure_on_grid(arg, root / f.path, f.unit, grid,
                             manifest->grid ? manifest->grid->role.value_or("") : std::string{}, &*fd, root);
    }
  return core::fail(Errc::invalid, "the manifest lists no geometry file", arg, "/files");
}

Result<LoadedPart> from_registry(const std::string& arg, const PartSourceOptions& options) {
  auto ref = registry::parse_serial_ref(arg);
  if (!ref)
    return core::fail(Errc::usage,
                      fmt::format("\"{}\" is neither an existing file nor a registry serial (like BXL-P0042)", arg));
  auto reg = registry::Registry::open(registry::registry_location(options.registry));
  if (!reg) return std::unexpected(reg.error());
  auto info = reg->show(*ref);
  if (!info) return std::unexpected(info.error());
  return part_from_registry(*info);
}

}  // namespace

Result<LoadedPart> part_from_registry(const registry::VersionInfo& info) {
  const std::string label = info.serial + "@" + info.version;
  if (info.measured.is_object() && info.measured.contains("files"))
    for (const auto& f : info.measured["files"]) {
      if (!f.contains("interface")) continue;
      auto interface = core::interface_from_json(f["interface"], label + "/measured.json");
      if (!interface) return std::unexpected(interface.error());
      LoadedPart part{label, *interface, {}};
      part.measurement.size_mm = interface->size_mm;
      return part;
    }
  return core::fail(Errc::invalid, "no measured connection interface is stored for this version (it has no geometry file)", label);
}

Result<LoadedPart> load_part(const std::string& arg, const PartSourceOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(arg, ec)) return from_registry(arg, options);
  if (fs::path(arg).extension() == ".json") return from_manifest(arg);
  std::optional<core::LengthUnit> unit;
  if (options.unit) {
    unit = core::parse_unit(*options.unit);
    if (!unit) return core::fail(Errc::usage, fmt::format("unknown unit \"{}\" (mm, cm, m, inch, ft, um)", *options.unit));
  }
  return measure_on_grid(arg, arg, unit, options.grid.value_or("openstructures"));
}

}  // namespace archipel::cli
