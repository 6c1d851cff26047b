// One subject's licence against one use, clause by clause (schemas/licence-rules.json).
#include "rights_eval.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"
#include "archipel/core/licence_rules.hpp"

namespace archipel::core::detail {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::ranges::find(list, item) == list.end()) list.push_back(item);
}

bool on_member_side(RightsRelation r) { return r == RightsRelation::member || r == RightsRelation::member_ancestor; }

// Builds the outcome of one licence id of subject `s`.
class Leaf {
 public:
  Leaf(const RightsSubject& s, std::string id, Use use) : s_(s), id_(std::move(id)), use_(use) {
    ref_ = s.serial + "@" + s.version;
  }

  Outcome run() {
    const LicenceRule* rule = find_licence_rule(id_);
    if (rule == nullptr) return unknown();
    rule_ = rule;
    switch (use_) {
      case Use::make: break;
      case Use::derive: derive(); break;
      case Use::sell_kit:
      case Use::sell_product: sell(); break;
    }
    return std::move(out_);
  }

 private:
  void reason(const std::string& clause, const std::string& fallback) {
    std::string text = rule_ ? rule_->cite(clause) : std::string();
    out_.reasons.push_back({ref_, s_.relation, s_.via, id_, clause, text.empty() ? fallback : text});
  }

  Outcome unknown() {
    reason("unknown", fmt::format("Archipel has no rules for {}: it is assumed to forbid commercial use and "
                                  "derivatives",
                                  id_));
    if (use_ == Use::make) {
      add_unique(out_.obligations, fmt::format("read the terms of {} ({})", id_, ref_));
    } else {
      out_.level = 2;
    }
    return std::move(out_);
  }

  void credit() {
    if (rule_->attribution && rule_->notices) {
      add_unique(out_.obligations, fmt::format("credit {} for {} and keep its {} notice", s_.designer, ref_, id_));
    } else if (rule_->attribution) {
      add_unique(out_.obligations, fmt::format("credit {} for {} ({})", s_.designer, ref_, id_));
    } else if (rule_->notices) {
      add_unique(out_.obligations, fmt::format("keep the {} notice of {}", id_, ref_));
    } else {
      return;
    }
    reason("attribution", rule_->attribution ? "credit the designer" : "keep the licence notice");
  }

  void derive() {
    if (on_member_side(s_.relation)) {
      // An adaptation of a component or object includes its members unchanged.
      if (!rule_->derivatives) {
        add_unique(out_.obligations, fmt::format("include {} unchanged ({} allows no derivatives)", ref_, id_));
        reason("derivatives", fmt::format("{} allows no derivatives", id_));
      }
      return;
    }
    if (!rule_->derivatives) {
      out_.level = 2;
      reason("derivatives", fmt::format("{} allows no derivatives", id_));
      return;
    }
    credit();
    if (rule_->share_alike) {
      out_.adaptation_licences = rule_->compatible;
      add_unique(out_.obligations, fmt::format("license the adaptation under {}{} (share-alike of {}, {})",
                                               rule_->compatible.size() > 1 ? "one of " : "",
                                               fmt::join(rule_->compatible, ", "), id_, ref_));
      reason("share_alike", fmt::format("{} is share-alike", id_));
    }
    if (rule_->commercial == Commercial::no) {
      add_unique(out_.obligations, fmt::format("the adaptation may not be used commercially ({} of {})", id_, ref_));
      reason("commercial", fmt::format("{} does not allow commercial use", id_));
    } else if (rule_->commercial == Commercial::conditional) {
      add_unique(out_.obligations, fmt::format("commercial use of the adaptation {} ({} of {})", rule_->condition,
                                               id_, ref_));
      reason("commercial", rule_->condition);
    }
    if (rule_->source != SourceObligation::none) {
      add_unique(out_.obligations, fmt::format("publish the source of the adaptation ({} of {})", id_, ref_));
      reason("source", fmt::format("{} asks for the source", id_));
    }
  }

  void sell() {
    if (rule_->commercial == Commercial::no) {
      out_.level = 2;
      reason("commercial", fmt::format("{} does not allow commercial use", id_));
    } else if (rule_->commercial == Commercial::conditional) {
      out_.level = std::max(out_.level, 1);
      add_unique(out_.conditions, fmt::format("{} ({}): commercial use {}", ref_, id_, rule_->condition));
      reason("commercial", rule_->condition);
    }
    credit();
    source_for_sale();
    if (on_member_side(s_.relation) && rule_->share_alike && rule_->aggregation == Aggregation::independent) {
      reason("aggregation", fmt::format("{} is included unchanged: its share-alike does not reach the kit", ref_));
    }
  }

  void source_for_sale() {
    const bool member = on_member_side(s_.relation);
    std::string text;
    if (rule_->source == SourceObligation::whole_product ||
        (member && rule_->aggregation == Aggregation::whole_product)) {
      text = fmt::format("provide the Complete Source of the whole product under {}, except Available Components "
                         "(required by {})",
                         id_, ref_);
      reason(member ? "aggregation" : "source", fmt::format("{} reciprocity covers the whole product", id_));
    } else if (member && rule_->aggregation == Aggregation::except_interfaced) {
      text = fmt::format("provide the source of {} under {}; parts joined to it through the grid interface are "
                         "External Material and keep their own terms",
                         ref_, id_);
      reason("aggregation", fmt::format("{} reciprocity stops at the interface", id_));
    } else if (rule_->source == SourceObligation::covered) {
      text = fmt::format("provide the source of {} ({})", ref_, id_);
      reason("source", fmt::format("{} asks for the source", id_));
    }
    if (!text.empty()) add_unique(out_.obligations, text);
  }

  const RightsSubject& s_;
  std::string id_;
  Use use_;
  std::string ref_;
  const LicenceRule* rule_ = nullptr;
  Outcome out_;
};

// Is `a` a better choice than `b` for the user (OR): lower level, then fewer obligations.
bool better(const Outcome& a, const Outcome& b) {
  if (a.level != b.level) return a.level < b.level;
  if (a.conditions.size() != b.conditions.size()) return a.conditions.size() < b.conditions.size();
  return a.obligations.size() < b.obligations.size();
}

Outcome evaluate(const LicenceExpression& e, const RightsSubject& s, Use use) {
  if (e.op == LicenceExpression::Op::licence) return Leaf(s, e.id, use).run();
  std::optional<Outcome> out;
  for (const auto& operand : e.operands) {
    Outcome o = evaluate(operand, s, use);
    if (!out) out = std::move(o);
    else if (e.op == LicenceExpression::Op::all_of) require_both(*out, o);
    else if (better(o, *out)) out = std::move(o);
  }
  return out.value_or(Outcome{});
}

}  // namespace

void require_both(Outcome& into, const Outcome& other) {
  into.level = std::max(into.level, other.level);
  for (const auto& c : other.conditions) add_unique(into.conditions, c);
  for (const auto& o : other.obligations) add_unique(into.obligations, o);
  into.reasons.insert(into.reasons.end(), other.reasons.begin(), other.reasons.end());
  if (!other.adaptation_licences) return;
  if (!into.adaptation_licences) {
    into.adaptation_licences = other.adaptation_licences;
    return;
  }
  std::vector<std::string> both;
  for (const auto& id : *into.adaptation_licences)
    if (std::ranges::find(*other.adaptation_licences, id) != other.adaptation_licences->end()) both.push_back(id);
  into.adaptation_licences = std::move(both);
  if (into.adaptation_licences->empty()) {  // no licence satisfies every share-alike licence
    into.level = 2;
    into.reasons.push_back({"", RightsRelation::self, "", "", "share_alike",
                            "no licence satisfies every share-alike licence of the chain"});
  }
}

Outcome evaluate_subject(const RightsSubject& s, Use use) {
  std::string ref = s.serial + "@" + s.version;
  if (!s.found) {
    Outcome o;
    o.level = 1;
    o.conditions.push_back(fmt::format("{} is not in this registry: its terms are unknown, read them", ref));
    o.reasons.push_back({ref, s.relation, s.via, "", "unknown", "not in this registry"});
    return o;
  }
  auto parsed = parse_licence(s.licence);
  if (!parsed) {
    LicenceExpression unknown;
    unknown.id = s.licence;
    return evaluate(unknown, s, use);
  }
  return evaluate(*parsed, s, use);
}

RightsVerdict verdict_of(const Outcome& o) {
  if (o.level >= 2) return RightsVerdict::forbidden;
  if (o.level == 1) return RightsVerdict::conditional;
  return o.obligations.empty() ? RightsVerdict::allowed : RightsVerdict::allowed_with_obligations;
}

}  // namespace archipel::core::detail
