// Manifest → JSON, keys in the schema's order, optional fields omitted when absent, so that
// reading a manifest and writing it back gives the same document.
#include <cmath>

#include "archipel/core/manifest.hpp"

namespace archipel::core {
namespace {

using ojson = nlohmann::ordered_json;

// Whole numbers are written without a fraction (2 rather than 2.0), as people write them.
ojson number(double value) {
  if (std::isfinite(value) && std::abs(value) < 9.0e15 && value == std::floor(value))
    return static_cast<std::int64_t>(value);
  return value;
}

template <class T>
void put(ojson& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

void put_number(ojson& j, const char* key, const std::optional<double>& value) {
  if (value) j[key] = number(*value);
}

template <class T, class F>
void put_list(ojson& j, const char* key, const std::vector<T>& items, F&& convert) {
  if (items.empty()) return;
  ojson list = ojson::array();
  for (const auto& item : items) list.push_back(convert(item));
  j[key] = std::move(list);
}

ojson designer_json(const Designer& d) {
  ojson j{{"name", d.name}, {"email", d.email}};
  put(j, "url", d.url);
  return j;
}

ojson material_json(const Material& m) {
  ojson j{{"name", m.name}, {"form", to_string(m.form)}};
  put_number(j, "thickness_mm", m.thickness_mm);
  put_number(j, "density_g_cm3", m.density_g_cm3);
  return j;
}

ojson file_json(const FileEntry& f) {
  ojson j{{"path", f.path}, {"role", to_string(f.role)}, {"format", f.format}};
  put(j, "sha256", f.sha256);
  if (f.unit) j["unit"] = to_string(*f.unit);
  return j;
}

ojson step_json(const FabricationStep& s) {
  ojson j{{"process", to_string(s.process)}};
  put(j, "file", s.file);
  put(j, "notes", s.notes);
  return j;
}

ojson source_json(const Source& s) {
  ojson j{{"supplier", s.supplier}};
  put(j, "url", s.url);
  put(j, "reference", s.reference);
  if (s.price) j["price"] = ojson{{"amount", number(s.price->amount)}, {"currency", s.price->currency}};
  return j;
}

ojson ancestor_json(const Ancestor& a) {
  return {{"serial", a.serial}, {"version", a.version.to_string()}, {"relation", to_string(a.relation)}};
}

ojson member_json(const Member& m) {
  return {{"serial", m.serial}, {"version", m.version.to_string()}, {"quantity", m.quantity}};
}

ojson joint_json(const Joint& j) {
  const Placement& p = j.placement;
  return {{"a", j.a}, {"b", j.b},
          {"placement", {{"dx", p.dx}, {"dy", p.dy}, {"rotation", p.rotation}, {"flip", p.flip}}}};
}

}  // namespace

ojson to_json(const Manifest& m) {
  ojson j{{"schema", m.schema}, {"kind", to_string(m.kind)}, {"name", m.name},
          {"version", m.version.to_string()}};
  put(j, "serial", m.serial);
  j["designer"] = designer_json(m.designer);
  j["licence"] = m.licence;
  put_list(j, "materials", m.materials, material_json);
  if (m.dimensions)
    j["dimensions"] = {{"width_mm", number(m.dimensions->width_mm)},
                       {"depth_mm", number(m.dimensions->depth_mm)},
                       {"height_mm", number(m.dimensions->height_mm)}};
  if (m.grid) {
    j["grid"] = {{"standard", m.grid->standard}, {"size", m.grid->units}};
    put(j["grid"], "role", m.grid->role);
  }
  put_list(j, "files", m.files, file_json);
  put_list(j, "fabrication", m.fabrication, step_json);
  put_list(j, "sourcing", m.sourcing, source_json);
  if (!m.derived_from.empty()) {
    j["lineage"] = ojson::object();
    put_list(j["lineage"], "derived_from", m.derived_from, ancestor_json);
  }
  put_list(j, "composition", m.composition, member_json);
  put_list(j, "joints", m.joints, joint_json);
  put(j, "description", m.description);
  put_list(j, "tags", m.tags, [](const std::string& t) { return ojson(t); });
  return j;
}

std::string manifest_text(const Manifest& manifest) {
  return to_json(manifest).dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace archipel::core
