// SPDX-License-Identifier: Apache-2.0
// A kit's fabrication/ folder: each member's published files, and the exports its declared
// processes need (a DXF for laser cutting and water-jet, an STL for 3D printing), made by
// core::export_bytes from the stored bytes copied into a private folder.
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "archipel/core/export_source.hpp"
#include "archipel/core/manifest.hpp"
#include "archipel/core/safe_fs.hpp"
#include "archipel/registry/kit.hpp"
#include "manifest_view.hpp"

namespace archipel::registry {
namespace fs = std::filesystem;
using core::Result;
using nlohmann::json;

namespace {

std::string sanitized(std::string s) {
  for (char& c : s) {
    auto u = static_cast<unsigned char>(c);
    c = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : (c == '.' ? '.' : '-');
  }
  return s.empty() ? "unknown" : s;
}

// The export formats the processes need, with the processes each serves (docs/rights.md).
std::map<core::ExportFormat, std::vector<std::string>> needed_exports(const core::Manifest& m) {
  std::map<core::ExportFormat, std::vector<std::string>> out;
  for (const auto& step : m.fabrication) {
    const std::string process{core::to_string(step.process)};
    std::optional<core::ExportFormat> format;
    if (process == "laser-cutting" || process == "waterjet") format = core::ExportFormat::dxf;
    if (process == "3d-printing") format = core::ExportFormat::stl;
    if (!format) continue;
    auto& processes = out[*format];
    if (std::ranges::find(processes, process) == processes.end()) processes.push_back(process);
  }
  return out;
}

// The published file to export from: the first process's own file when it is a geometry file,
// else the one `archipel export` would choose.
Result<core::FileEntry> export_source(const core::Manifest& m, core::ExportFormat format,
                                      const std::vector<std::string>& processes) {
  for (const auto& step : m.fabrication) {
    if (!step.file || std::ranges::find(processes, core::to_string(step.process)) == processes.end()) continue;
    for (const auto& f : m.files)
      if (f.path == *step.file && f.role == core::FileRole::geometry) return f;
  }
  return core::choose_export_file(m, format, std::nullopt);
}

}  // namespace

json export_lock(const FabricationFile& f) {
  json doc{{"path", "fabrication/" + f.name}, {"from", f.from}, {"format", f.format},
           {"processes", f.processes}, {"sha256", f.report ? f.report->sha256 : std::string()}};
  if (f.report && f.report->linear_deflection_mm) doc["linear_deflection_mm"] = *f.report->linear_deflection_mm;
  if (f.report && f.report->angular_deflection_rad) doc["angular_deflection_rad"] = *f.report->angular_deflection_rad;
  return doc;
}

Result<Fabrication> fabrication_files(const Registry& reg, const KitMember& m) {
  std::string material = "unspecified", thickness;
  const auto& doc = m.info.manifest;
  if (doc.contains("materials") && !doc["materials"].empty()) {
    const auto& first = doc["materials"][0];
    material = sanitized(first.value("name", "unspecified"));
    if (first.contains("thickness_mm")) thickness = fmt::format("-{:g}mm", first["thickness_mm"].get<double>());
  }
  const std::string label = m.serial + "@" + m.version;
  const auto name_of = [&](const std::string& base) {
    return fmt::format("{}{}--{}-{}--{}", material, thickness, m.serial, m.version, sanitized(base));
  };
  auto ref = parse_serial_ref(label);
  if (!ref) return std::unexpected(ref.error());
  Fabrication out;
  std::set<std::string> published_formats;
  for (const auto& f : detail::files(doc)) {
    if (f.role != "geometry" && f.role != "fabrication") continue;
    auto bytes = reg.read_file(*ref, f.path);
    if (!bytes) return std::unexpected(bytes.error());
    const std::string base = f.path.substr(f.path.rfind('/') + 1);
    const std::string format = doc["files"][f.index].value("format", "");
    published_formats.insert(format);
    out.files.push_back({name_of(base), std::move(*bytes), f.path, format, {}, std::nullopt});
  }
  auto manifest = core::parse_manifest(doc, label + "/part.json");
  if (!manifest) return out;  // a stored manifest the core cannot read: its files only
  core::ScratchDir scratch("archipel-kit");
  for (const auto& [format, processes] : needed_exports(*manifest)) {
    const std::string extension{core::export_format_name(format)};
    if (published_formats.contains(extension)) continue;  // the designer's own file serves
    const std::string upper = extension == "dxf" ? "DXF" : "STL";
    auto source = export_source(*manifest, format, processes);
    if (!source) {
      out.warnings.push_back(fmt::format("{}: no {} for {}: {}", label, upper, fmt::join(processes, " and "),
                                         source.error().message));
      continue;
    }
    if (scratch.path().empty()) return core::fail(core::Errc::io, "cannot create a temporary folder", label);
    auto bytes = reg.read_file(*ref, source->path);
    if (!bytes) return std::unexpected(bytes.error());
    const fs::path copy = scratch.path() / sanitized(source->path);
    if (auto ok = core::write_file_atomic(copy, *bytes); !ok) return std::unexpected(ok.error());
    core::ExportOptions options;
    options.unit = source->unit;
    auto exported = core::export_bytes(copy, format, options);
    if (!exported && exported.error().code == core::Errc::invalid) {
      out.warnings.push_back(fmt::format("{}: no {} for {}: {}", label, upper, fmt::join(processes, " and "),
                                         exported.error().message));
      continue;
    }
    if (!exported) return std::unexpected(core::with_origin(exported.error(), label + "/" + source->path));
    const std::string stem = fs::path(source->path).stem().string();
    out.files.push_back({name_of(stem + "." + extension), std::move(exported->bytes), source->path, extension,
                         processes, std::move(exported->report)});
  }
  return out;
}

}  // namespace archipel::registry
