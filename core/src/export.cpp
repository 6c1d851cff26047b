// export_part: a STEP copy is done here; every other export runs in the geometry worker
// (worker/export_client.hpp), and the file is written here, atomically.
#include "archipel/core/export.hpp"
#include "archipel/core/export_source.hpp"

#include <array>
#include <cmath>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/safe_fs.hpp"
#include "worker/export_client.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::array export_names{"stl", "3mf", "dxf", "svg", "step"};
constexpr std::array source_names{"step", "iges", "brep", "stl", "obj", "ply", "3mf", "gltf", "glb"};
constexpr std::array methods{"copy", "brep-mesh", "mesh", "brep-section", "mesh-section"};

bool is_profile(ExportFormat f) { return f == ExportFormat::dxf || f == ExportFormat::svg; }
bool is_mesh(ExportFormat f) { return f == ExportFormat::stl || f == ExportFormat::threemf; }

// A strict reader over one JSON object: every key read once, none left over.
class Reader {
 public:
  explicit Reader(const json& doc) : doc_(doc) {}
  void check(bool ok, const std::string& key, const char* what) {
    if (ok || !what_.empty()) return;
    error_ = key;
    what_ = what;
  }
  const json* get(const std::string& key) {
    ++used_;
    if (!doc_.contains(key)) {
      check(false, key, "missing");
      return nullptr;
    }
    return &doc_[key];
  }
  template <class T>
  void number(const std::string& key, T& out) {
    const json* v = get(key);
    if (!v) return;
    const bool ok = std::is_integral_v<T> ? v->is_number_unsigned() : (v->is_number() && std::isfinite(v->get<double>()));
    check(ok, key, "not a number of the right kind");
    if (ok) out = v->get<T>();
  }
  void optional_number(const std::string& key, std::optional<double>& out) {
    const json* v = get(key);
    if (!v || v->is_null()) return;
    const bool ok = v->is_number() && std::isfinite(v->get<double>());
    check(ok, key, "not a number");
    if (ok) out = v->get<double>();
  }
  template <std::size_t N>
  int name(const std::string& key, const std::array<const char*, N>& names) {
    const json* v = get(key);
    if (!v) return 0;
    for (std::size_t i = 0; i < N; ++i)
      if (v->is_string() && v->get<std::string>() == names[i]) return static_cast<int>(i);
    check(false, key, "unknown value");
    return 0;
  }
  Result<void> finish() {
    if (what_.empty() && (!doc_.is_object() || doc_.size() != used_)) what_ = "unexpected key";
    if (what_.empty()) return {};
    return fail(Errc::invalid, what_, {}, "/" + error_);
  }

 private:
  const json& doc_;
  std::size_t used_ = 0;
  std::string error_, what_;
};

Result<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::io, "cannot open the file", path.string());
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail(Errc::io, "cannot read the file", path.string());
  return bytes;
}

// STEP as published: the file's bytes, read here (no geometry library needed).
Result<ExportedFile> copy_step(const std::filesystem::path& in, const ExportOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(in, ec);
  if (!ec && size > options.max_bytes)
    return fail(Errc::io, fmt::format("file is too large ({} bytes; the limit is {} bytes, see --max-size)", size,
                                      options.max_bytes), in.string());
  auto bytes = read_all(in);
  if (!bytes) return std::unexpected(bytes.error());
  ExportedFile file{std::move(*bytes), {}};
  file.report.format = ExportFormat::step;
  file.report.source_format = GeometryFormat::step;
  file.report.method = "copy";
  return file;
}

}  // namespace

std::string_view export_format_name(ExportFormat format) {
  return export_names[static_cast<std::size_t>(format)];
}

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (std::size_t i = 0; i < export_names.size(); ++i)
    if (name == export_names[i]) return static_cast<ExportFormat>(i);
  return std::nullopt;
}

ordered_json export_report_to_json(const ExportReport& r) {
  ordered_json doc{{"format", export_format_name(r.format)},
                   {"source_format", format_name(r.source_format)},
                   {"method", r.method},
                   {"bytes", r.bytes},
                   {"sha256", r.sha256}};
  if (is_mesh(r.format)) {
    doc["triangles"] = r.triangles;
    doc["linear_deflection_mm"] = r.linear_deflection_mm ? json(*r.linear_deflection_mm) : json(nullptr);
    doc["angular_deflection_rad"] = r.angular_deflection_rad ? json(*r.angular_deflection_rad) : json(nullptr);
  }
  if (is_profile(r.format)) {
    doc["thickness_mm"] = r.thickness_mm ? json(*r.thickness_mm) : json(nullptr);
    doc["outline_mm"] = r.outline_mm;
    doc["contours"] = r.contours;
    doc["circles"] = r.circles;
    doc["arcs"] = r.arcs;
    doc["lines"] = r.lines;
  }
  doc["warnings"] = r.warnings;
  return doc;
}

Result<ExportReport> export_report_from_json(const json& doc) {
  if (!doc.is_object()) return fail(Errc::invalid, "not an object");
  ExportReport r;
  Reader in(doc);
  r.format = static_cast<ExportFormat>(in.name("format", export_names));
  r.source_format = static_cast<GeometryFormat>(in.name("source_format", source_names));
  r.method = methods[static_cast<std::size_t>(in.name("method", methods))];
  in.number("bytes", r.bytes);
  if (const json* sha = in.get("sha256")) {
    in.check(sha->is_string(), "sha256", "not a string");
    if (sha->is_string()) r.sha256 = sha->get<std::string>();
  }
  if (is_mesh(r.format)) {
    in.number("triangles", r.triangles);
    in.optional_number("linear_deflection_mm", r.linear_deflection_mm);
    in.optional_number("angular_deflection_rad", r.angular_deflection_rad);
  }
  if (is_profile(r.format)) {
    in.optional_number("thickness_mm", r.thickness_mm);
    if (const json* o = in.get("outline_mm")) {
      const bool ok = o->is_array() && o->size() == 2 && (*o)[0].is_number() && (*o)[1].is_number() &&
                      std::isfinite((*o)[0].get<double>()) && std::isfinite((*o)[1].get<double>());
      in.check(ok, "outline_mm", "not two numbers");
      if (ok) r.outline_mm = {(*o)[0].get<double>(), (*o)[1].get<double>()};
    }
    in.number("contours", r.contours);
    in.number("circles", r.circles);
    in.number("arcs", r.arcs);
    in.number("lines", r.lines);
  }
  if (const json* w = in.get("warnings")) {
    bool ok = w->is_array();
    if (ok)
      for (const auto& item : *w) ok = ok && item.is_string();
    in.check(ok, "warnings", "not a list of strings");
    if (ok) r.warnings = w->get<std::vector<std::string>>();
  }
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return r;
}

Result<FileEntry> choose_export_file(const Manifest& manifest, ExportFormat format,
                                     const std::optional<std::string>& requested) {
  const auto geometry = [](const FileEntry& f) { return f.role == FileRole::geometry; };
  if (requested) {
    for (const auto& f : manifest.files)
      if (f.path == *requested && geometry(f)) return f;
    return fail(Errc::invalid, fmt::format("\"{}\" is not a geometry file of this part", *requested), {}, "/files");
  }
  const auto first = [&](auto&& accept) -> const FileEntry* {
    for (const auto& f : manifest.files)
      if (geometry(f) && accept(f)) return &f;
    return nullptr;
  };
  if (format == ExportFormat::step) {
    if (const auto* f = first([](const FileEntry& e) { return e.format == "step" || e.format == "stp"; })) return *f;
    return fail(Errc::invalid, "the part lists no STEP file to export as published", {}, "/files");
  }
  if (const auto* f = first([](const FileEntry& e) {
        return e.format == "step" || e.format == "stp" || e.format == "iges" || e.format == "igs" || e.format == "brep";
      }))
    return *f;
  if (const auto* f = first([](const FileEntry&) { return true; })) return *f;
  return fail(Errc::invalid, "the part lists no geometry file", {}, "/files");
}

Result<ExportedFile> export_bytes(const std::filesystem::path& in, ExportFormat format, const ExportOptions& options) {
  Result<ExportedFile> file = [&]() -> Result<ExportedFile> {
    if (format == ExportFormat::step) {
      auto detected = detect_format(in);
      if (!detected) return std::unexpected(detected.error());
      if (*detected == GeometryFormat::step) return copy_step(in, options);
    }  // other sources: the worker explains why it refuses
    return detail::export_in_worker(in, format, options);
  }();
  if (!file) return file;
  file->report.bytes = file->bytes.size();
  file->report.sha256 = sha256_hex(file->bytes);
  return file;
}

Result<ExportReport> export_part(const std::filesystem::path& in, ExportFormat format, const ExportOptions& options,
                                 const std::filesystem::path& out) {
  auto file = export_bytes(in, format, options);
  if (!file) return std::unexpected(file.error());
  if (auto ok = write_file_atomic(out, file->bytes); !ok) return std::unexpected(ok.error());
  return std::move(file->report);
}

}  // namespace archipel::core
