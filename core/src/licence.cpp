// The built-in SPDX list: loaded once from the embedded schemas/spdx-licences.json.
#include "archipel/core/licence.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "archipel/core/resources.hpp"
#include "archipel/core/suggest.hpp"

namespace archipel::core {
namespace {

struct LicenceList {
  std::string version;
  std::vector<LicenceInfo> licences;
  std::vector<std::string> exceptions;
};

Copyleft copyleft_from(const std::string& s) {
  if (s == "weak") return Copyleft::weak;
  if (s == "strong") return Copyleft::strong;
  return Copyleft::none;
}

LicenceInfo licence_from(const nlohmann::json& j) {
  LicenceInfo info;
  info.id = j.at("id").get<std::string>();
  info.name = j.at("name").get<std::string>();
  info.commercial = j.at("commercial").get<bool>();
  info.derivatives = j.at("derivatives").get<bool>();
  info.share_alike = j.at("share_alike").get<bool>();
  info.attribution = j.at("attribution").get<bool>();
  info.hardware = j.at("hardware").get<bool>();
  info.share_alike_compatible = j.at("share_alike_compatible").get<std::vector<std::string>>();
  info.deprecated = j.at("deprecated").get<bool>();
  info.copyleft = copyleft_from(j.at("copyleft").get<std::string>());
  info.replaced_by = j.value("replaced_by", std::string());
  info.note = j.value("note", std::string());
  return info;
}

LicenceList load_list() {
  LicenceList list;
  const auto text = resource("spdx-licences.json");
  if (!text) return list;  // a build without the data: every id is unknown (tests catch this)
  try {
    const auto doc = nlohmann::json::parse(*text);
    list.version = doc.at("spdx_list_version").get<std::string>();
    for (const auto& j : doc.at("licences")) list.licences.push_back(licence_from(j));
    list.exceptions = doc.at("exceptions").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return {};
  }
  return list;
}

const LicenceList& list() {
  static const LicenceList instance = load_list();
  return instance;
}

}  // namespace

const LicenceInfo* find_licence(std::string_view id) {
  const auto& all = list().licences;
  const auto it = std::ranges::find(all, id, &LicenceInfo::id);
  return it == all.end() ? nullptr : &*it;
}

const std::vector<LicenceInfo>& known_licences() { return list().licences; }

std::string_view spdx_list_version() { return list().version; }

bool is_licence_exception(std::string_view id) {
  return std::ranges::find(list().exceptions, id) != list().exceptions.end();
}

std::string suggest_licence(std::string_view id) {
  std::vector<std::string_view> candidates;
  for (const auto& l : list().licences) candidates.push_back(l.id);
  return closest_match(id, candidates);
}

namespace detail {
/// The closest known exception id, or "" (used by the expression parser).
std::string suggest_exception(std::string_view id) {
  std::vector<std::string_view> candidates(list().exceptions.begin(), list().exceptions.end());
  return closest_match(id, candidates);
}
}  // namespace detail

}  // namespace archipel::core
