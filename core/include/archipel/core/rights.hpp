#pragma once
/// \file
/// Effective rights: what a maker may do with a published part, component or object, given the
/// licences of its whole derivation graph (`lineage.derived_from`: an adaptation carries its
/// ancestors' terms) and of its composition (members are included unchanged: each keeps its own
/// terms, and the kit inherits their restrictions on the use). The clauses come from
/// schemas/licence-rules.json (licence_rules.hpp). Storage-agnostic: the registry supplies a
/// lookup, as for the bill of materials. See docs/rights.md.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/bom.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// The four ways to use an open design (OpenStructures' three, with derivation apart).
enum class Use {
  make,          ///< download it and make it yourself
  derive,        ///< publish an adaptation (a fork, variant or remix)
  sell_kit,      ///< sell it as a kit of parts and files
  sell_product,  ///< sell the finished product
};

/// Every use, in the order reports list them.
inline constexpr Use all_uses[] = {Use::make, Use::derive, Use::sell_kit, Use::sell_product};

/// "make", "derive", "sell-kit", "sell-product".
[[nodiscard]] std::string_view to_string(Use use);
/// The use named `text`, or nothing.
[[nodiscard]] std::optional<Use> parse_use(std::string_view text);

/// The answer for one use.
enum class RightsVerdict {
  allowed,                   ///< nothing to do
  allowed_with_obligations,  ///< allowed, with obligations (credit, notices, source...)
  conditional,               ///< allowed only under a condition the registry cannot check
  forbidden,                 ///< a licence in the chain forbids it
};

/// "allowed", "allowed-with-obligations", "conditional", "forbidden".
[[nodiscard]] std::string_view to_string(RightsVerdict verdict);

/// One published version as the rights engine needs it.
struct RightsNode {
  std::string serial;    ///< e.g. "EVU-P0003"
  std::string version;   ///< exact version
  std::string name;
  std::string kind;      ///< "part", "component" or "object"
  std::string designer;  ///< designer's name
  std::string licence;   ///< SPDX expression as published
  std::vector<std::pair<std::string, std::string>> derived_from;  ///< (serial, version or "")
  std::vector<BomMember> members;                                 ///< composition
};

/// Resolves (serial, requirement) to a node: a value, nothing (absent), or an error. Ancestors
/// are asked with "=VERSION" (or "*" when the link names no version).
using RightsLookup = std::function<Result<std::optional<RightsNode>>(const std::string& serial,
                                                                    const std::string& requirement)>;

/// How a subject of the report is related to the part asked about.
enum class RightsRelation {
  self,             ///< the part itself
  ancestor,         ///< reached through derived_from
  member,           ///< reached through composition
  member_ancestor,  ///< an ancestor of a member
};

/// "self", "ancestor", "member", "ancestor of member".
[[nodiscard]] std::string_view to_string(RightsRelation relation);

/// One version whose licence was taken into account.
struct RightsSubject {
  std::string serial, version, name, designer, licence;
  RightsRelation relation = RightsRelation::self;
  std::string via;     ///< the path from the part: "A < B" (derivation), "A > C" (composition)
  bool found = true;   ///< false when the registry does not hold it (its terms are unknown)
};

/// One link of the chain of reasons behind a verdict.
struct RightsReason {
  std::string subject;   ///< "SERIAL@VERSION"
  RightsRelation relation = RightsRelation::self;
  std::string via;       ///< as in RightsSubject
  std::string licence;   ///< the licence id whose clause applies
  std::string clause;    ///< "commercial", "derivatives", "share_alike", "attribution", "source",
                         ///< "aggregation" or "unknown"
  std::string text;      ///< the clause as cited in licence-rules.json, or an explanation
};

/// The answer for one use.
struct UseAnswer {
  Use use = Use::make;
  RightsVerdict verdict = RightsVerdict::allowed;
  std::vector<std::string> conditions;   ///< what must hold (conditional)
  std::vector<std::string> obligations;  ///< what must be done (credit, notices, source...)
  std::vector<RightsReason> reasons;     ///< every clause that shaped the answer
  /// derive only: the licences an adaptation may use (empty: any licence); share-alike
  /// licences of the chain intersected.
  std::vector<std::string> licences_for_adaptation;
};

/// A designer to credit.
struct Credit {
  std::string designer, serial, version, licence;
  RightsRelation relation = RightsRelation::self;
};

/// Everything `archipel rights` reports.
struct RightsReport {
  RightsSubject root;
  std::vector<RightsSubject> subjects;  ///< the root first, then in walk order, each once per side
  std::vector<UseAnswer> answers;       ///< one per use, in the order of `all_uses`
  std::vector<Credit> credits;          ///< designers whose licence requires credit, each once

  /// The answer for `use`.
  [[nodiscard]] const UseAnswer& answer(Use use) const;
};

/// Walks the derivation graph of `root` and, recursively, its composition (each member with its
/// own ancestors), and answers every use. Errors only when the lookup fails.
[[nodiscard]] Result<RightsReport> evaluate_rights(const RightsNode& root, const RightsLookup& lookup);

/// The same for a published version: looks `serial` up with `requirement` first (invalid error
/// when absent).
[[nodiscard]] Result<RightsReport> evaluate_rights(const std::string& serial, const std::string& requirement,
                                                   const RightsLookup& lookup);

/// Where the root's own licence claims more than its effective terms allow (it allows
/// commercial use, derivation or waives credit or share-alike while an ancestor's licence does
/// not): one sentence per claim, naming the ancestor, its licence and clause. Empty when the
/// claim is honest. Used by fork and publish.
[[nodiscard]] std::vector<std::string> overclaims(const RightsReport& report);

/// Does the expression `licence` alone allow `use` (ignoring ancestors and members)?
[[nodiscard]] bool licence_allows(const std::string& licence, Use use);

/// Is licence `a` stricter than `b` on some clause (commercial, derivatives, attribution,
/// share-alike)? Used to refuse republishing a stricter design's files under looser terms.
[[nodiscard]] bool stricter_than(const std::string& a, const std::string& b);

/// `--json` form.
[[nodiscard]] nlohmann::json to_json(const RightsReport& report);

/// The human report: one block per use (or only `only` when given), with the chain of reasons.
[[nodiscard]] std::string to_text(const RightsReport& report, std::optional<Use> only = std::nullopt);

}  // namespace archipel::core
