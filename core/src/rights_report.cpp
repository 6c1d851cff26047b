// The rights report as JSON (--json) and as text.
#include <fmt/format.h>

#include "archipel/core/rights.hpp"

namespace archipel::core {
namespace {

nlohmann::json reason_json(const RightsReason& r) {
  return {{"subject", r.subject}, {"relation", to_string(r.relation)}, {"via", r.via},
          {"licence", r.licence}, {"clause", r.clause}, {"text", r.text}};
}

// The reasons that decided a refusal or a condition, else all of them.
std::vector<const RightsReason*> deciding(const UseAnswer& a) {
  std::vector<const RightsReason*> out;
  const bool blocked = a.verdict == RightsVerdict::forbidden || a.verdict == RightsVerdict::conditional;
  for (const auto& r : a.reasons) {
    bool decides = r.clause == "commercial" || r.clause == "derivatives" || r.clause == "unknown" ||
                   (r.clause == "share_alike" && r.subject.empty());
    if (a.use == Use::derive && r.clause == "commercial") decides = false;
    if (!blocked || decides) out.push_back(&r);
  }
  return out;
}

std::string reason_line(const RightsReason& r) {
  if (r.subject.empty()) return r.text;
  std::string who = r.relation == RightsRelation::self ? r.subject : fmt::format("{} {}", to_string(r.relation), r.subject);
  if (r.relation != RightsRelation::self && r.via.find(' ') != std::string::npos) who += fmt::format(" (via {})", r.via);
  return r.licence.empty() ? fmt::format("{}: {}", who, r.text)
                           : fmt::format("{}, {}, {}: {}", who, r.licence, r.clause, r.text);
}

}  // namespace

nlohmann::json to_json(const RightsReport& report) {
  nlohmann::json uses = nlohmann::json::array(), subjects = nlohmann::json::array(),
                 credits = nlohmann::json::array();
  for (const auto& a : report.answers) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : a.reasons) reasons.push_back(reason_json(r));
    nlohmann::json u{{"use", to_string(a.use)}, {"verdict", to_string(a.verdict)}, {"conditions", a.conditions},
                     {"obligations", a.obligations}, {"reasons", reasons}};
    if (a.use == Use::derive) u["licences_for_adaptation"] = a.licences_for_adaptation;
    uses.push_back(std::move(u));
  }
  for (const auto& s : report.subjects)
    subjects.push_back({{"serial", s.serial}, {"version", s.version}, {"name", s.name}, {"designer", s.designer},
                        {"licence", s.licence}, {"relation", to_string(s.relation)}, {"via", s.via},
                        {"found", s.found}});
  for (const auto& c : report.credits)
    credits.push_back({{"designer", c.designer}, {"serial", c.serial}, {"version", c.version},
                       {"licence", c.licence}, {"relation", to_string(c.relation)}});
  const auto& r = report.root;
  return {{"serial", r.serial}, {"version", r.version}, {"name", r.name}, {"licence", r.licence},
          {"uses", uses}, {"credits", credits}, {"subjects", subjects}};
}

std::string to_text(const RightsReport& report, std::optional<Use> only) {
  const auto& r = report.root;
  std::string out = fmt::format("{}@{} \"{}\" ({})\n", r.serial, r.version, r.name, r.licence);
  for (const auto& a : report.answers) {
    if (only && a.use != *only) continue;
    out += fmt::format("  {:<13}{}\n", to_string(a.use), to_string(a.verdict));
    for (const auto& c : a.conditions) out += fmt::format("    if {}\n", c);
    if (a.verdict == RightsVerdict::forbidden || a.verdict == RightsVerdict::conditional) {
      for (const auto* reason : deciding(a)) out += fmt::format("    because {}\n", reason_line(*reason));
      continue;
    }
    for (const auto& o : a.obligations) out += fmt::format("    - {}\n", o);
  }
  return out;
}

}  // namespace archipel::core
