// JSON → Manifest. Runs after schema validation, so fields have the right types; anything the
// schema cannot say (licence, versions, paths, references) is checked afterwards.
#include <fmt/format.h>

#include "archipel/core/schema_check.hpp"
#include "manifest/manifest_internal.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

std::optional<std::string> opt_string(const json& j, const char* key) {
  if (!j.contains(key)) return std::nullopt;
  return j[key].get<std::string>();
}

std::optional<double> opt_number(const json& j, const char* key) {
  if (!j.contains(key)) return std::nullopt;
  return j[key].get<double>();
}

template <class E>
E enum_at(const json& j, const char* key) {
  return enum_from_string<E>(j.at(key).get<std::string>()).value();  // the schema checked it
}

template <class T, class F>
std::vector<T> list_of(const json& doc, const char* key, F&& convert) {
  std::vector<T> out;
  if (doc.contains(key))
    for (const auto& item : doc[key]) out.push_back(convert(item));
  return out;
}

Material material_from(const json& j) {
  return {j.at("name").get<std::string>(), enum_at<MaterialForm>(j, "form"),
          opt_number(j, "thickness_mm"), opt_number(j, "density_g_cm3")};
}

FileEntry file_from(const json& j) {
  FileEntry f{j.at("path").get<std::string>(), enum_at<FileRole>(j, "role"),
              j.at("format").get<std::string>(), opt_string(j, "sha256"), std::nullopt};
  if (j.contains("unit")) f.unit = enum_at<LengthUnit>(j, "unit");
  return f;
}

FabricationStep step_from(const json& j) {
  return {enum_at<Process>(j, "process"), opt_string(j, "file"), opt_string(j, "notes")};
}

Source source_from(const json& j) {
  Source s{j.at("supplier").get<std::string>(), opt_string(j, "url"), opt_string(j, "reference"),
           std::nullopt};
  if (j.contains("price"))
    s.price = Price{j["price"].at("amount").get<double>(), j["price"].at("currency").get<std::string>()};
  return s;
}

Joint joint_from(const json& j) {
  const json& p = j.at("placement");
  return {j.at("a").get<std::string>(), j.at("b").get<std::string>(),
          {p.at("dx").get<int>(), p.at("dy").get<int>(), p.at("rotation").get<int>(),
           p.at("flip").get<bool>()}};
}

Result<Version> version_at(const json& value, const std::string& origin, const std::string& pointer) {
  auto v = Version::parse(value.get<std::string>());
  if (!v) return fail(Errc::invalid, v.error().message, origin, pointer);
  return v;
}

Result<void> read_lineage(const json& doc, Manifest& m, const std::string& origin) {
  if (!doc.contains("lineage")) return {};
  const json& list = doc["lineage"]["derived_from"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto v = version_at(list[i]["version"], origin, fmt::format("/lineage/derived_from/{}/version", i));
    if (!v) return std::unexpected(v.error());
    m.derived_from.push_back({list[i]["serial"].get<std::string>(), std::move(*v),
                              enum_at<Relation>(list[i], "relation")});
  }
  return {};
}

Result<void> read_composition(const json& doc, Manifest& m, const std::string& origin) {
  if (!doc.contains("composition")) return {};
  const json& list = doc["composition"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto req = VersionRequirement::parse(list[i]["version"].get<std::string>());
    if (!req)
      return fail(Errc::invalid, req.error().message, origin, fmt::format("/composition/{}/version", i));
    m.composition.push_back({list[i]["serial"].get<std::string>(), std::move(*req),
                             list[i]["quantity"].get<int>()});
  }
  return {};
}

// The plain fields; the ones needing parsing (version, licence, lineage, composition) follow.
Manifest basic_fields(const json& doc) {
  Manifest m;
  m.schema = doc.at("schema").get<int>();
  m.kind = enum_at<Kind>(doc, "kind");
  m.name = doc.at("name").get<std::string>();
  m.serial = opt_string(doc, "serial");
  const json& d = doc.at("designer");
  m.designer = {d.at("name").get<std::string>(), d.at("email").get<std::string>(), opt_string(d, "url")};
  m.licence = doc.at("licence").get<std::string>();
  m.materials = list_of<Material>(doc, "materials", material_from);
  if (doc.contains("dimensions")) {
    const json& dim = doc["dimensions"];
    m.dimensions = Dimensions{dim.at("width_mm").get<double>(), dim.at("depth_mm").get<double>(),
                              dim.at("height_mm").get<double>()};
  }
  if (doc.contains("grid"))
    m.grid = GridSize{doc["grid"].at("standard").get<std::string>(),
                      doc["grid"].at("size").get<std::vector<int>>(), opt_string(doc["grid"], "role")};
  m.files = list_of<FileEntry>(doc, "files", file_from);
  m.fabrication = list_of<FabricationStep>(doc, "fabrication", step_from);
  m.sourcing = list_of<Source>(doc, "sourcing", source_from);
  m.joints = list_of<Joint>(doc, "joints", joint_from);
  m.description = opt_string(doc, "description");
  m.tags = list_of<std::string>(doc, "tags", [](const json& t) { return t.get<std::string>(); });
  return m;
}

Result<Manifest> build_manifest(const json& doc, const std::string& origin) {
  Manifest m = basic_fields(doc);
  auto version = version_at(doc.at("version"), origin, "/version");
  if (!version) return std::unexpected(version.error());
  m.version = std::move(*version);
  auto licence = parse_licence(m.licence);
  if (!licence) return fail(Errc::invalid, licence.error().message, origin, "/licence");
  m.licence_expression = std::move(*licence);
  if (auto r = read_lineage(doc, m, origin); !r) return std::unexpected(r.error());
  if (auto r = read_composition(doc, m, origin); !r) return std::unexpected(r.error());
  return m;
}

}  // namespace

Result<Manifest> parse_manifest(const json& doc, const std::string& origin) {
  if (auto valid = check_against_schema(doc, "part.schema.json", origin); !valid)
    return std::unexpected(valid.error());
  Result<Manifest> manifest;
  try {
    manifest = build_manifest(doc, origin);
  } catch (const std::exception& e) {  // only if the schema and this code disagree
    return fail(Errc::invalid, fmt::format("internal: manifest does not fit the model: {}", e.what()), origin);
  }
  if (!manifest) return manifest;
  if (auto ok = detail::check_manifest_semantics(*manifest, origin); !ok)
    return std::unexpected(ok.error());
  return manifest;
}

}  // namespace archipel::core
