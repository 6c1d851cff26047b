// The licence rules: loaded once from the embedded schemas/licence-rules.json.
#include "archipel/core/licence_rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archipel/core/json.hpp"
#include "archipel/core/licence.hpp"
#include "archipel/core/resources.hpp"
#include "archipel/core/schema_check.hpp"

namespace archipel::core {
namespace {

constexpr const char* rules_name = "licence-rules.json";

struct RuleTable {
  std::vector<LicenceRule> rules;
  std::vector<std::pair<std::string, std::string>> aliases;
};

Commercial commercial_from(const std::string& s) {
  if (s == "yes") return Commercial::yes;
  if (s == "conditional") return Commercial::conditional;
  return Commercial::no;
}

SourceObligation source_from(const std::string& s) {
  if (s == "covered") return SourceObligation::covered;
  if (s == "whole-product") return SourceObligation::whole_product;
  return SourceObligation::none;
}

Aggregation aggregation_from(const std::string& s) {
  if (s == "whole-product") return Aggregation::whole_product;
  if (s == "except-interfaced") return Aggregation::except_interfaced;
  return Aggregation::independent;
}

LicenceRule rule_from(const std::string& id, const nlohmann::json& j) {
  LicenceRule r;
  r.id = id;
  r.commercial = commercial_from(j.at("commercial").get<std::string>());
  r.condition = j.value("condition", std::string());
  r.derivatives = j.at("derivatives").get<bool>();
  r.share_alike = !j.at("share_alike").is_null();
  if (r.share_alike) r.compatible = j.at("share_alike").get<std::vector<std::string>>();
  r.attribution = j.at("attribution").get<bool>();
  r.notices = j.at("notices").get<bool>();
  r.source = source_from(j.at("source").get<std::string>());
  r.aggregation = aggregation_from(j.at("aggregation").get<std::string>());
  if (j.contains("cite"))
    for (const auto& [term, text] : j.at("cite").items()) r.cites.emplace_back(term, text.get<std::string>());
  return r;
}

RuleTable load_rules() {
  RuleTable table;
  const auto text = resource(rules_name);
  if (!text) return table;  // a build without the data: every licence is unknown (tests catch this)
  try {
    const auto doc = nlohmann::json::parse(*text);
    for (const auto& [id, j] : doc.at("licences").items()) table.rules.push_back(rule_from(id, j));
    for (const auto& [alias, id] : doc.at("aliases").items()) table.aliases.emplace_back(alias, id.get<std::string>());
  } catch (const nlohmann::json::exception&) {
    return {};
  }
  std::ranges::sort(table.rules, {}, &LicenceRule::id);
  std::ranges::sort(table.aliases);
  return table;
}

const RuleTable& table() {
  static const RuleTable instance = load_rules();
  return instance;
}

const LicenceRule* exact(std::string_view id) {
  const auto& rules = table().rules;
  auto it = std::ranges::lower_bound(rules, id, {}, &LicenceRule::id);
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

}  // namespace

std::string LicenceRule::cite(std::string_view term) const {
  for (const auto& [t, text] : cites)
    if (t == term) return text;
  return {};
}

const LicenceRule* find_licence_rule(std::string_view id) {
  if (const auto* r = exact(id)) return r;
  for (const auto& [alias, target] : table().aliases)
    if (alias == id) return exact(target);
  if (const auto* info = find_licence(id); info != nullptr && !info->replaced_by.empty())
    return exact(info->replaced_by);
  return nullptr;
}

const std::vector<LicenceRule>& licence_rules() { return table().rules; }

const std::vector<std::pair<std::string, std::string>>& licence_rule_aliases() { return table().aliases; }

Result<void> check_licence_rules() {
  const auto text = resource(rules_name);
  if (!text) return fail(Errc::io, "not embedded", rules_name);
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded()) return fail(Errc::io, "not valid JSON", rules_name);
  if (auto ok = check_against_schema(doc, "licence-rules.schema.json", rules_name); !ok) return ok;
  std::set<std::string> covered;
  for (const auto& r : licence_rules()) covered.insert(r.id);
  for (const auto& [alias, id] : licence_rule_aliases()) {
    if (!covered.contains(id))
      return fail(Errc::invalid, fmt::format("alias {} names {}, which has no rule", alias, id), rules_name,
                  "/aliases/" + alias);
    covered.insert(alias);
  }
  std::set<std::string> listed;
  for (const auto& l : known_licences()) {
    listed.insert(l.id);
    if (!covered.contains(l.id))
      return fail(Errc::invalid, fmt::format("{} is in spdx-licences.json but has no rule", l.id), rules_name,
                  "/licences");
  }
  for (const auto& id : covered)
    if (!listed.contains(id))
      return fail(Errc::invalid, fmt::format("{} has a rule but is not in spdx-licences.json", id), rules_name,
                  "/licences/" + id);
  return {};
}

std::string spdx_data_dir() {
  const char* env = std::getenv("ARCHIPEL_SPDX_DATA");
  if (env != nullptr && *env != '\0') return env;
#ifdef ARCHIPEL_SPDX_DATA_DIR
  return ARCHIPEL_SPDX_DATA_DIR;
#else
  return {};
#endif
}

Result<std::optional<std::string>> licence_text(std::string_view id) {
  std::string name(id);
  for (const auto& [alias, target] : licence_rule_aliases())
    if (alias == id) name = target;
  // Only ids of the built-in list name a file: no user text reaches the path.
  if (find_licence(name) == nullptr) return std::optional<std::string>{};
  const std::string dir = spdx_data_dir();
  if (dir.empty()) return std::optional<std::string>{};
  std::filesystem::path file = std::filesystem::path(dir) / "spdx-license-list" / "licenses" / (name + ".json");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::optional<std::string>{};
  auto doc = read_json_file(file, 4u * 1024u * 1024u);
  if (!doc) return std::unexpected(doc.error());
  if (!doc->contains("licenseText") || !(*doc)["licenseText"].is_string())
    return fail(Errc::io, "no licenseText", file.string());
  return std::optional<std::string>{(*doc)["licenseText"].get<std::string>()};
}

}  // namespace archipel::core
