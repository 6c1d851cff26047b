// 3MF unit: the package is a ZIP (read with minizip); the unit is an attribute of <model>.
#include "mesh/threemf.hpp"

#include <memory>
#include <optional>
#include <string>

#include <unzip.h>

namespace archipel::core::detail {
namespace {

// The model element's attributes and the relationships part are near the start of their files.
constexpr std::size_t head_bytes = 64 * 1024;

struct ZipCloser {
  void operator()(void* zip) const { unzClose(static_cast<unzFile>(zip)); }
};
using Zip = std::unique_ptr<void, ZipCloser>;

// The first `head_bytes` of a member (case-insensitive name), or nothing when it is absent.
std::optional<std::string> read_member_head(unzFile zip, const std::string& name) {
  if (unzLocateFile(zip, name.c_str(), 2) != UNZ_OK) return std::nullopt;
  if (unzOpenCurrentFile(zip) != UNZ_OK) return std::nullopt;
  std::string data(head_bytes, '\0');
  const int n = unzReadCurrentFile(zip, data.data(), static_cast<unsigned>(data.size()));
  unzCloseCurrentFile(zip);
  if (n < 0) return std::nullopt;
  data.resize(static_cast<std::size_t>(n));
  return data;
}

// The value of attribute `name` inside the first tag `<tag ...>` of `xml`.
std::optional<std::string> attribute(const std::string& xml, const std::string& tag,
                                     const std::string& name) {
  std::size_t at = 0;
  while ((at = xml.find("<" + tag, at)) != std::string::npos) {
    const char after = at + tag.size() + 1 < xml.size() ? xml[at + tag.size() + 1] : '\0';
    if (after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == '>') break;
    at += tag.size() + 1;
  }
  if (at == std::string::npos) return std::nullopt;
  const std::size_t end = xml.find('>', at);
  const std::string element = xml.substr(at, end == std::string::npos ? end : end - at);
  for (std::size_t p = element.find(name); p != std::string::npos; p = element.find(name, p + 1)) {
    const char before = element[p - 1];
    std::size_t q = p + name.size();
    while (q < element.size() && (element[q] == ' ' || element[q] == '\t')) ++q;
    if ((before != ' ' && before != '\t' && before != '\n' && before != '\r') ||
        q >= element.size() || element[q] != '=')
      continue;
    ++q;
    while (q < element.size() && (element[q] == ' ' || element[q] == '\t')) ++q;
    if (q >= element.size() || (element[q] != '"' && element[q] != '\'')) return std::nullopt;
    const std::size_t close = element.find(element[q], q + 1);
    if (close == std::string::npos) return std::nullopt;
    return element.substr(q + 1, close - q - 1);
  }
  return std::nullopt;
}

// The model part named by the package relationships (the 3MF start part), without its '/'.
std::string model_part_name(unzFile zip) {
  const std::string fallback = "3D/3dmodel.model";
  const auto rels = read_member_head(zip, "_rels/.rels");
  if (!rels) return fallback;
  std::size_t at = 0;
  while ((at = rels->find("<Relationship", at)) != std::string::npos) {
    const std::size_t end = rels->find('>', at);
    const std::string element = rels->substr(at, end == std::string::npos ? end : end - at + 1);
    const auto type = attribute(element, "Relationship", "Type");
    const auto target = attribute(element, "Relationship", "Target");
    if (type && target && type->ends_with("/3dmodel") && !target->empty())
      return target->front() == '/' ? target->substr(1) : *target;
    at += 13;
  }
  return fallback;
}

std::optional<LengthUnit> threemf_unit(const std::string& name) {
  if (name == "micron") return LengthUnit::um;
  if (name == "millimeter") return LengthUnit::mm;
  if (name == "centimeter") return LengthUnit::cm;
  if (name == "inch") return LengthUnit::inch;
  if (name == "foot") return LengthUnit::ft;
  if (name == "meter") return LengthUnit::m;
  return std::nullopt;
}

}  // namespace

Result<LengthUnit> read_3mf_unit(const std::filesystem::path& path) {
  const Zip zip(unzOpen64(path.c_str()));
  if (!zip) return fail(Errc::io, "not a readable 3MF package (ZIP archive)", path.string());
  auto* handle = static_cast<unzFile>(zip.get());
  const std::string part = model_part_name(handle);
  const auto model = read_member_head(handle, part);
  if (!model) return fail(Errc::io, "3MF package without a 3D model part (" + part + ")", path.string());
  if (model->find("<model") == std::string::npos)
    return fail(Errc::io, "3MF model part " + part + " has no <model> element", path.string());
  const auto unit = attribute(*model, "model", "unit");
  if (!unit) return LengthUnit::mm;
  if (auto u = threemf_unit(*unit)) return *u;
  return fail(Errc::io, "3MF model declares an unknown unit \"" + *unit + "\"", path.string());
}

}  // namespace archipel::core::detail
