#include "measure.hpp"

#include <fmt/format.h>

#include "archipel/core/version.hpp"
#include "archipel/core/geometry.hpp"
#include "archipel/core/grid.hpp"
#include "archipel/core/interface.hpp"
#include "archipel/core/measurement_json.hpp"
#include "archipel/core/validate.hpp"
#include "archipel/core/warnings.hpp"
#include "impl.hpp"
#include "manifest_view.hpp"

namespace archipel::registry::detail {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

// Worse verdicts win: fails > conforms-with-warnings > conforms.
int rank(core::Verdict v) {
  switch (v) {
    case core::Verdict::conforms: return 0;
    case core::Verdict::conforms_with_warnings: return 1;
    case core::Verdict::fails: return 2;
  }
  return 2;
}

core::Declared declared_of(const json& manifest, const std::string& origin) {
  core::Declared d;
  auto dims = dimensions(manifest);
  if (dims[0] > 0) d.dimensions_mm = core::Vec3{dims[0], dims[1], dims[2]};
  d.grid = grid_standard(manifest);
  if (manifest.contains("grid") && manifest["grid"].contains("size")) {
    for (const auto& u : manifest["grid"]["size"]) d.grid_units.push_back(u.get<int>());
  }
  d.origin = origin;
  return d;
}

std::string stated_role(const json& manifest) {
  if (!manifest.contains("grid") || !manifest["grid"].is_object()) return {};
  return manifest["grid"].value("role", std::string{});
}

// The interface on the grid as the part's role sees it (a Gridfinity baseplate has no clearance).
core::ConnectionInterface interface_of(const core::PartMeasurement& m, const core::GridStandard& grid,
                                       const core::ValidationReport& report) {
  core::GridStandard view = grid;
  if (!report.role.name.empty())
    if (auto v = core::apply_role(grid, report.role.name)) view = std::move(*v);
  auto options = core::interface_options(view, m);
  options.role = report.role.name;
  return core::derive_interface(m, options);
}

std::string first_error(const core::ValidationReport& report) {
  for (const auto& f : report.findings) {
    if (f.severity == "error") return f.rule + ": " + f.message;
  }
  return "fails";
}

}  // namespace

json measured_by(const std::string& grid_id) {
  json by = {{"archipel", core::version()}};
  if (auto grid = core::find_grid(grid_id)) by["grid_sha256"] = sha256_hex(canonical(grid->document));
  return by;
}

Result<Measured> measure_part(const json& manifest, const fs::path& dir,
                              const std::map<std::string, core::UniqueFd>& contents,
                              const RegistryConfig& config, bool allow_nonconforming,
                              const std::string& origin) {
  std::string grid_id = grid_standard(manifest).empty() ? config.grid : grid_standard(manifest);
  Measured out;
  out.verdict = "not-measured";
  auto d = dimensions(manifest);
  out.document = json{{"grid", grid_id},
                      {"declared", {{"width_mm", d[0]}, {"depth_mm", d[1]}, {"height_mm", d[2]}}},
                      {"files", json::array()}};
  int worst = -1;
  std::optional<core::GridStandard> grid;
  for (const auto& f : files(manifest)) {
    if (f.role != "geometry") continue;
    std::string pointer = fmt::format("/files/{}/path", f.index);
    if (!grid) {
      auto loaded = core::find_grid(grid_id);
      if (!loaded) return core::fail(core::Errc::invalid, loaded.error().message, origin, "/grid/standard");
      grid = std::move(*loaded);
      if (const auto role = stated_role(manifest); !role.empty())
        if (auto view = core::apply_role(*grid, role); !view)
          return core::fail(core::Errc::invalid, view.error().message, origin, "/grid/role");
    }
    core::MeasureOptions options;
    if (!f.unit.empty()) options.unit = core::parse_unit(f.unit);
    options.part_folder = dir;  // a glTF's buffers: only inside the part folder, without links
    options.path_in_folder = f.path;
    const auto content = contents.find(f.path);
    if (content == contents.end())
      return core::fail(core::Errc::io, fmt::format("internal: \"{}\" was not read before measuring", f.path),
                        origin, pointer);
    auto m = core::measure_file(content->second.get(), dir / f.path, options);
    if (!m) {
      return core::fail(m.error().code, fmt::format("\"{}\" cannot be measured: {}", f.path, m.error().message),
                        origin, pointer);
    }
    auto report = core::validate(*m, *grid, {stated_role(manifest)});
    core::check_declared(report, *m, *grid, declared_of(manifest, origin));
    worst = std::max(worst, rank(report.verdict));
    for (auto& w : core::validation_warnings(report, *m))
      out.warnings.push_back({w.rule, fmt::format("\"{}\": {}", f.path, w.message)});
    out.document["files"].push_back({{"path", f.path},
                                     {"verdict", std::string(core::verdict_name(report.verdict))},
                                     {"measurement", core::measurement_to_json(*m)},
                                     {"validation", core::to_json(report, *m)},
                                     {"interface", core::to_json(interface_of(*m, *grid, report))}});
    if (report.verdict != core::Verdict::fails) continue;
    if (!config.policy.accept_nonconforming) {
      return core::fail(core::Errc::invalid,
                        fmt::format("\"{}\" does not conform to {} ({}); this registry accepts only "
                                    "conforming parts",
                                    f.path, grid_id, first_error(report)),
                        origin, pointer);
    }
    if (!allow_nonconforming) {
      return core::fail(core::Errc::invalid,
                        fmt::format("\"{}\" does not conform to {} ({}); pass --allow-nonconforming "
                                    "to publish it flagged",
                                    f.path, grid_id, first_error(report)),
                        origin, pointer);
    }
  }
  if (worst >= 0) {
    out.verdict = worst == 0 ? "conforms" : worst == 1 ? "conforms-with-warnings" : "fails";
  }
  out.document["verdict"] = out.verdict;
  out.document["measured_by"] = measured_by(grid_id);
  return out;
}

}  // namespace archipel::registry::detail
