// The geometry worker's request and answer lines (see protocol.hpp).
#include "worker/protocol.hpp"

#include <cmath>
#include <optional>

#include <openssl/evp.h>

#include "archipel/core/measurement_json.hpp"

namespace archipel::core::detail {
namespace {

using nlohmann::json;

// A new tolerance must be sent to the worker too: this fails to compile until it is added here.
static_assert(sizeof(Tolerances) == 10 * sizeof(double), "send every tolerance to the worker");

json tolerances_to_json(const Tolerances& t) {
  return {{"linear_mm", t.linear_mm},         {"angular_rad", t.angular_rad},
          {"hole_group_mm", t.hole_group_mm}, {"mesh_weld_mm", t.mesh_weld_mm},
          {"path_agreement_mm", t.path_agreement_mm}, {"sheet_ratio", t.sheet_ratio},
          {"frame_tie_mm", t.frame_tie_mm},   {"round_mm", t.round_mm},
          {"outline_mm", t.outline_mm},       {"outline_rad", t.outline_rad}};
}

Result<void> bad_request(const std::string& what) {
  return fail(Errc::usage, "malformed geometry worker request: " + what);
}

bool read_double(const json& doc, const char* key, double& out) {
  if (!doc.contains(key) || !doc[key].is_number()) return false;
  out = doc[key].get<double>();
  return std::isfinite(out);
}

Result<void> read_tolerances(const json& doc, Tolerances& t) {
  if (!doc.is_object()) return bad_request("tolerances");
  const bool ok = read_double(doc, "linear_mm", t.linear_mm) &&
                  read_double(doc, "angular_rad", t.angular_rad) &&
                  read_double(doc, "hole_group_mm", t.hole_group_mm) &&
                  read_double(doc, "mesh_weld_mm", t.mesh_weld_mm) &&
                  read_double(doc, "path_agreement_mm", t.path_agreement_mm) &&
                  read_double(doc, "sheet_ratio", t.sheet_ratio) &&
                  read_double(doc, "frame_tie_mm", t.frame_tie_mm) &&
                  read_double(doc, "round_mm", t.round_mm) &&
                  read_double(doc, "outline_mm", t.outline_mm) &&
                  read_double(doc, "outline_rad", t.outline_rad);
  if (!ok) return bad_request("tolerances");
  return {};
}

template <class T>
bool read_unsigned(const json& doc, const char* key, T& out) {
  if (!doc.contains(key) || !doc[key].is_number_unsigned()) return false;
  out = doc[key].get<T>();
  return true;
}

Result<void> read_options(const json& doc, MeasureOptions& o) {
  if (!doc.contains("unit") || !doc.contains("material")) return bad_request("options");
  if (doc["unit"].is_string()) {
    o.unit = parse_unit(doc["unit"].get<std::string>());
    if (!o.unit) return bad_request("unit");
  } else if (!doc["unit"].is_null()) {
    return bad_request("unit");
  }
  if (doc["material"].is_string())
    o.material = doc["material"].get<std::string>();
  else if (!doc["material"].is_null())
    return bad_request("material");
  if (!read_unsigned(doc, "max_bytes", o.max_bytes) || !doc.contains("tolerances"))
    return bad_request("max_bytes");
  for (const char* key : {"part_folder", "path_in_folder"}) {  // absent: empty
    if (doc.contains(key) && !doc[key].is_string()) return bad_request(key);
  }
  o.part_folder = doc.value("part_folder", std::string{});
  o.path_in_folder = doc.value("path_in_folder", std::string{});
  return read_tolerances(doc["tolerances"], o.tolerances);
}

// Strings from files (names, reader messages) may hold invalid UTF-8: replaced, never thrown on.
template <class Json>
std::string line(const Json& doc) {
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}


const char* op_name(WorkerRequest::Op op) {
  switch (op) {
    case WorkerRequest::Op::measure: return "measure";
    case WorkerRequest::Op::export_file: return "export";
    default: return "versions";
  }
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.size() % 4 != 0 || text.size() > (std::size_t{1} << 31)) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

}  // namespace

json request_to_json(const WorkerRequest& r) {
  json doc{{"protocol", worker_protocol_version},
           {"op", op_name(r.op)},
           {"parent", r.parent_pid},
           {"memory_bytes", r.memory_bytes},
           {"cpu_seconds", r.cpu_seconds}};
  if (r.op == WorkerRequest::Op::versions) return doc;
  const MeasureOptions& o = r.options;
  doc["name"] = r.name;
  doc["inherited_fd"] = r.inherited_fd;
  doc["progress"] = r.progress;
  doc["unit"] = o.unit ? json(std::string(unit_name(*o.unit))) : json(nullptr);
  doc["material"] = o.material ? json(*o.material) : json(nullptr);
  doc["max_bytes"] = o.max_bytes;
  doc["tolerances"] = tolerances_to_json(o.tolerances);
  doc["part_folder"] = o.part_folder.string();
  doc["path_in_folder"] = o.path_in_folder;
  if (r.op == WorkerRequest::Op::export_file) {
    doc["format"] = export_format_name(r.export_format);
    doc["linear_deflection_mm"] = r.linear_deflection_mm;
    doc["angular_deflection_rad"] = r.angular_deflection_rad;
  }
  return doc;
}

Result<WorkerRequest> request_from_json(const json& doc) {
  WorkerRequest r;
  if (!doc.is_object() || !doc.contains("protocol") || doc["protocol"] != worker_protocol_version)
    return std::unexpected(bad_request("protocol version").error());
  if (!doc.contains("op") || !doc.contains("parent") || !doc["parent"].is_number_integer() ||
      !read_unsigned(doc, "memory_bytes", r.memory_bytes) ||
      !read_unsigned(doc, "cpu_seconds", r.cpu_seconds))
    return std::unexpected(bad_request("op, parent or limits").error());
  r.parent_pid = doc["parent"].get<long>();
  if (doc["op"] == "versions") {
    r.op = WorkerRequest::Op::versions;
    return r;
  }
  const bool exporting = doc["op"] == "export";
  if (exporting) r.op = WorkerRequest::Op::export_file;
  if ((doc["op"] != "measure" && !exporting) || !doc.contains("name") || !doc["name"].is_string() ||
      !doc.contains("inherited_fd") || !doc["inherited_fd"].is_boolean() ||
      !doc.contains("progress") || !doc["progress"].is_boolean())
    return std::unexpected(bad_request("op, name, inherited_fd or progress").error());
  r.name = doc["name"].get<std::string>();
  r.inherited_fd = doc["inherited_fd"].get<bool>();
  r.progress = doc["progress"].get<bool>();
  if (auto ok = read_options(doc, r.options); !ok) return std::unexpected(ok.error());
  if (!exporting) return r;
  const auto format = doc.contains("format") && doc["format"].is_string()
                          ? parse_export_format(doc["format"].get<std::string>())
                          : std::nullopt;
  if (!format || !read_double(doc, "linear_deflection_mm", r.linear_deflection_mm) ||
      !read_double(doc, "angular_deflection_rad", r.angular_deflection_rad) || r.linear_deflection_mm <= 0 ||
      r.angular_deflection_rad <= 0)
    return std::unexpected(bad_request("export format or deflections").error());
  r.export_format = *format;
  return r;
}

std::string progress_line(std::string_view stage, double fraction) {
  return line(json{{"progress", stage}, {"fraction", fraction}});
}

std::string measurement_line(const PartMeasurement& m) {
  return line(nlohmann::ordered_json{{"measurement", measurement_to_json(m, JsonNumbers::exact)}});
}

std::string error_line(const Error& e) {
  return line(json{{"error",
                    {{"code", static_cast<int>(e.code)},
                     {"message", e.message},
                     {"origin", e.origin},
                     {"pointer", e.pointer}}}});
}

std::string versions_line(std::string_view versions) { return line(json{{"versions", versions}}); }

std::string export_line(const ExportedFile& file) {
  return line(nlohmann::ordered_json{
      {"export", {{"report", export_report_to_json(file.report)}, {"bytes", base64(file.bytes)}}}});
}

Result<ExportedFile> exported_from_json(const json& doc) {
  const auto bad = [](const std::string& what) {
    return fail(Errc::io, "the geometry reader gave an answer that cannot be read (export " + what + ")");
  };
  if (!doc.is_object() || doc.size() != 2 || !doc.contains("report") || !doc.contains("bytes") ||
      !doc["bytes"].is_string())
    return bad("answer");
  auto report = export_report_from_json(doc["report"]);
  if (!report) return bad("report at " + report.error().pointer + ": " + report.error().message);
  auto bytes = unbase64(doc["bytes"].get_ref<const std::string&>());
  if (!bytes) return bad("bytes");
  return ExportedFile{std::move(*bytes), std::move(*report)};
}

bool all_finite(const PartMeasurement& m) {
  bool ok = std::isfinite(m.volume_mm3);
  const auto vec = [&](const Vec3& v) {
    for (double d : v) ok = ok && std::isfinite(d);
  };
  vec(m.size_mm);
  vec(m.frame.origin);
  vec(m.frame.x_axis);
  vec(m.frame.y_axis);
  vec(m.frame.z_axis);
  if (m.thickness_mm) ok = ok && std::isfinite(*m.thickness_mm);
  if (m.mass_g) ok = ok && std::isfinite(*m.mass_g);
  for (const Hole& h : m.holes) {
    ok = ok && std::isfinite(h.diameter_mm) && std::isfinite(h.depth_mm);
    vec(h.center_mm);
    vec(h.axis);
    for (const HoleFeature& f : h.features)
      ok = ok && std::isfinite(f.diameter_mm) && std::isfinite(f.depth_mm) && std::isfinite(f.offset_mm);
  }
  for (const Opening& o : m.openings) {
    ok = ok && std::isfinite(o.width_mm) && std::isfinite(o.length_mm) && std::isfinite(o.depth_mm);
    vec(o.center_mm);
    vec(o.axis);
    vec(o.direction);
  }
  return ok;
}

bool json_depth_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace archipel::core::detail
