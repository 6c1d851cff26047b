// The rights engine: walks derivation and composition, answers each use, reports.
#include "archipel/core/rights.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"
#include "archipel/core/licence_rules.hpp"
#include "rights_eval.hpp"

namespace archipel::core {
namespace {

struct Walker {
  const RightsLookup& lookup;
  std::vector<RightsSubject> subjects;
  std::set<std::string> derivation_seen, member_seen;  // "SERIAL@VERSION" per side

  static RightsSubject subject_of(const RightsNode& n, RightsRelation r, std::string via) {
    return {n.serial, n.version, n.name, n.designer, n.licence, r, std::move(via), true};
  }

  Result<void> ancestors(const RightsNode& node, RightsRelation relation, const std::string& via) {
    auto& seen = relation == RightsRelation::ancestor ? derivation_seen : member_seen;
    for (const auto& [serial, version] : node.derived_from) {
      auto found = lookup(serial, version.empty() ? "*" : "=" + version);
      if (!found) return std::unexpected(found.error());
      std::string here = via + " < " + serial;
      if (!*found) {
        if (seen.insert(serial + "@" + version).second)
          subjects.push_back({serial, version, "", "", "", relation, here, false});
        continue;
      }
      if (!seen.insert((*found)->serial + "@" + (*found)->version).second) continue;  // shared or a cycle
      subjects.push_back(subject_of(**found, relation, here));
      if (auto ok = ancestors(**found, relation, here); !ok) return ok;
    }
    return {};
  }

  Result<void> members(const RightsNode& node, const std::string& via, std::vector<std::string>& path) {
    for (const auto& m : node.members) {
      if (std::ranges::find(path, m.serial) != path.end()) continue;  // a cycle: bom reports it
      auto found = lookup(m.serial, m.requirement);
      if (!found) return std::unexpected(found.error());
      std::string here = via + " > " + m.serial;
      if (!*found) {
        if (member_seen.insert(m.serial + "@" + m.requirement).second)
          subjects.push_back({m.serial, m.requirement, "", "", "", RightsRelation::member, here, false});
        continue;
      }
      const RightsNode& child = **found;
      if (!member_seen.insert(child.serial + "@" + child.version).second) continue;
      subjects.push_back(subject_of(child, RightsRelation::member, here));
      if (auto ok = ancestors(child, RightsRelation::member_ancestor, here); !ok) return ok;
      path.push_back(child.serial);
      if (auto ok = members(child, here, path); !ok) return ok;
      path.pop_back();
    }
    return {};
  }
};

UseAnswer answer_for(Use use, const std::vector<RightsSubject>& subjects) {
  detail::Outcome all;
  for (const auto& s : subjects) detail::require_both(all, detail::evaluate_subject(s, use));
  UseAnswer a;
  a.use = use;
  a.verdict = detail::verdict_of(all);
  a.conditions = std::move(all.conditions);
  a.obligations = std::move(all.obligations);
  a.reasons = std::move(all.reasons);
  if (use == Use::derive && all.adaptation_licences) a.licences_for_adaptation = *all.adaptation_licences;
  return a;
}

std::vector<Credit> credits_of(const std::vector<RightsSubject>& subjects) {
  std::vector<Credit> out;
  std::set<std::string> seen;
  for (const auto& s : subjects) {
    if (!s.found) continue;
    auto parsed = parse_licence(s.licence);
    if (parsed && !terms(*parsed).attribution) continue;
    if (!seen.insert(s.serial + "@" + s.version).second) continue;
    out.push_back({s.designer, s.serial, s.version, s.licence, s.relation});
  }
  return out;
}

}  // namespace

std::string_view to_string(Use use) {
  switch (use) {
    case Use::make: return "make";
    case Use::derive: return "derive";
    case Use::sell_kit: return "sell-kit";
    case Use::sell_product: return "sell-product";
  }
  return "make";
}

std::optional<Use> parse_use(std::string_view text) {
  for (Use u : all_uses)
    if (to_string(u) == text) return u;
  return std::nullopt;
}

std::string_view to_string(RightsVerdict verdict) {
  switch (verdict) {
    case RightsVerdict::allowed: return "allowed";
    case RightsVerdict::allowed_with_obligations: return "allowed-with-obligations";
    case RightsVerdict::conditional: return "conditional";
    case RightsVerdict::forbidden: return "forbidden";
  }
  return "forbidden";
}

std::string_view to_string(RightsRelation relation) {
  switch (relation) {
    case RightsRelation::self: return "self";
    case RightsRelation::ancestor: return "ancestor";
    case RightsRelation::member: return "member";
    case RightsRelation::member_ancestor: return "ancestor of member";
  }
  return "self";
}

const UseAnswer& RightsReport::answer(Use use) const {
  for (const auto& a : answers)
    if (a.use == use) return a;
  return answers.front();
}

Result<RightsReport> evaluate_rights(const RightsNode& root, const RightsLookup& lookup) {
  Walker w{lookup, {}, {}, {}};
  w.subjects.push_back(Walker::subject_of(root, RightsRelation::self, root.serial));
  w.derivation_seen.insert(root.serial + "@" + root.version);
  if (auto ok = w.ancestors(root, RightsRelation::ancestor, root.serial); !ok) return std::unexpected(ok.error());
  std::vector<std::string> path{root.serial};
  if (auto ok = w.members(root, root.serial, path); !ok) return std::unexpected(ok.error());
  RightsReport report;
  report.root = w.subjects.front();
  for (Use use : all_uses) report.answers.push_back(answer_for(use, w.subjects));
  report.credits = credits_of(w.subjects);
  report.subjects = std::move(w.subjects);
  return report;
}

Result<RightsReport> evaluate_rights(const std::string& serial, const std::string& requirement,
                                     const RightsLookup& lookup) {
  auto root = lookup(serial, requirement);
  if (!root) return std::unexpected(root.error());
  if (!*root) return fail(Errc::invalid, fmt::format("{} {} is not in the registry", serial, requirement));
  return evaluate_rights(**root, lookup);
}

bool licence_allows(const std::string& licence, Use use) {
  RightsSubject s{"-", "-", "", "", licence, RightsRelation::self, "", true};
  return detail::evaluate_subject(s, use).level == 0;
}

bool stricter_than(const std::string& a, const std::string& b) {
  auto pa = parse_licence(a), pb = parse_licence(b);
  if (!pa || !pb) return pa.has_value() != pb.has_value() ? !pa.has_value() : false;
  for (Use use : {Use::sell_product, Use::derive})
    if (!licence_allows(a, use) && licence_allows(b, use)) return true;
  const auto ta = terms(*pa), tb = terms(*pb);
  if (ta.attribution && !tb.attribution) return true;
  if (!ta.share_alike) return false;
  // b must be one of the licences a's share-alike allows.
  RightsSubject s{"-", "-", "", "", a, RightsRelation::ancestor, "", true};
  auto allowed = detail::evaluate_subject(s, Use::derive).adaptation_licences;
  if (!allowed) return false;
  for (const auto& id : ids(*pb))
    if (std::ranges::find(*allowed, id) == allowed->end()) return true;
  return false;
}

std::vector<std::string> overclaims(const RightsReport& report) {
  std::vector<std::string> out;
  const std::string& own = report.root.licence;
  auto inherited = [&](Use use, const char* what) {
    const auto& a = report.answer(use);
    if (!licence_allows(own, use) || a.verdict == RightsVerdict::allowed || a.verdict == RightsVerdict::allowed_with_obligations)
      return;
    for (const auto& r : a.reasons) {
      if (r.relation != RightsRelation::ancestor) continue;  // members are not adapted: their terms bind the use
      if (r.clause != "commercial" && r.clause != "derivatives" && r.clause != "unknown") continue;
      out.push_back(fmt::format("{} allows {}, but its {} {} is under {}, which binds every adaptation: {}", own,
                                what, to_string(r.relation), r.subject, r.licence, r.text));
    }
  };
  inherited(Use::sell_product, "commercial use");
  inherited(Use::derive, "derivatives");
  auto parsed = parse_licence(own);
  if (parsed && !terms(*parsed).attribution) {
    for (const auto& c : report.credits)
      if (c.relation == RightsRelation::ancestor)
        out.push_back(fmt::format("{} waives credit, but {} must still be credited for {}@{} ({})", own, c.designer,
                                  c.serial, c.version, c.licence));
  }
  const auto& derive = report.answer(Use::derive);
  if (parsed && derive.verdict != RightsVerdict::forbidden) {
    for (const auto& r : derive.reasons) {
      if (r.relation != RightsRelation::ancestor || r.clause != "share_alike") continue;
      RightsSubject s{"-", "-", "", "", r.licence, RightsRelation::ancestor, "", true};
      auto allowed = detail::evaluate_subject(s, Use::derive).adaptation_licences.value_or(std::vector<std::string>{});
      for (const auto& id : ids(*parsed))
        if (std::ranges::find(allowed, id) == allowed.end())
          out.push_back(fmt::format("{} is not a licence the share-alike {} of ancestor {} allows ({})", id, r.licence,
                                    r.subject, fmt::join(allowed, ", ")));
    }
  }
  std::vector<std::string> unique;
  for (auto& s : out)
    if (std::ranges::find(unique, s) == unique.end()) unique.push_back(std::move(s));
  return unique;
}

}  // namespace archipel::core
