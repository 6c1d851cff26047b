#pragma once
/// \file
/// SPDX licence expressions checked against Archipel's built-in SPDX list
/// (schemas/spdx-licences.json, embedded), with the terms a kit producer needs to know.

#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// How far a share-alike obligation reaches.
enum class Copyleft {
  none,    ///< no share-alike obligation
  weak,    ///< only the covered files or design must keep the licence (LGPL, MPL, CERN-OHL-W)
  strong,  ///< the whole derivative must use a compatible licence (GPL, CC BY-SA, CERN-OHL-S)
};

/// One licence of the built-in list.
struct LicenceInfo {
  std::string id;                                   ///< SPDX id, e.g. "CERN-OHL-S-2.0"
  std::string name;                                 ///< full name
  bool commercial = false;                          ///< allows commercial use
  bool derivatives = false;                         ///< allows derivatives
  bool share_alike = false;                         ///< derivatives must use a compatible licence
  bool attribution = false;                         ///< requires crediting the designer
  bool hardware = false;                            ///< written for hardware designs
  std::vector<std::string> share_alike_compatible;  ///< ids a derivative may use (share-alike)
  bool deprecated = false;                          ///< a deprecated SPDX id, accepted with a note
  Copyleft copyleft = Copyleft::none;               ///< weak or strong share-alike
  std::string replaced_by;                          ///< for a deprecated id, the id to write
  std::string note;                                 ///< caveat shown to users, may be empty
};

/// The licence with exactly this id (ids are case-sensitive), or nullptr.
[[nodiscard]] const LicenceInfo* find_licence(std::string_view id);

/// Every licence of the built-in list, in the list's order.
[[nodiscard]] const std::vector<LicenceInfo>& known_licences();

/// The SPDX License List version the built-in list follows, e.g. "3.24".
[[nodiscard]] std::string_view spdx_list_version();

/// True when `id` is a known SPDX licence exception (the right-hand side of WITH).
[[nodiscard]] bool is_licence_exception(std::string_view id);

/// A parsed SPDX licence expression: a licence, or AND / OR of sub-expressions.
struct LicenceExpression {
  /// What this node is.
  enum class Op {
    licence,  ///< one licence: `id`, `or_later`, `exception`
    all_of,   ///< AND: every operand applies
    any_of,   ///< OR: the user chooses one operand
  };
  Op op = Op::licence;                      ///< the node type
  std::string id;                           ///< licence id (may be a `LicenseRef-*`)
  bool or_later = false;                    ///< written with `+`
  std::string exception;                    ///< exception id after WITH, empty when none
  std::vector<LicenceExpression> operands;  ///< AND / OR operands (two or more, flattened)
};

/// Parses an SPDX expression (ids, `+`, `AND`, `OR`, `WITH`, parentheses, `LicenseRef-*`).
/// Unknown ids read `"CC-BY-5.0" is not a known SPDX licence; did you mean "CC-BY-4.0"?`.
[[nodiscard]] Result<LicenceExpression> parse_licence(std::string_view text);

/// What an expression lets a user do, taken over all its licences.
struct LicenceTerms {
  bool commercial = false;   ///< commercial use allowed
  bool derivatives = false;  ///< derivatives allowed
  bool share_alike = false;  ///< derivatives must keep a compatible licence
  bool attribution = false;  ///< credit required
  bool hardware = false;     ///< at least one licence is a hardware licence
  bool known = true;         ///< false when a `LicenseRef-*` outside the list was assumed strict
};

/// Effective terms: for OR the most permissive choice (each property separately), for AND the
/// most restrictive combination. An unknown `LicenseRef-*` counts as forbidding commercial use
/// and derivatives.
[[nodiscard]] LicenceTerms terms(const LicenceExpression& expr);

/// The licence ids in the expression, in order of first appearance, without duplicates.
[[nodiscard]] std::vector<std::string> ids(const LicenceExpression& expr);

/// Canonical text: single spaces, operands that are themselves AND/OR in parentheses.
[[nodiscard]] std::string to_string(const LicenceExpression& expr);

/// Notes worth a warning: deprecated ids (with their replacement) and `LicenseRef-*` ids whose
/// terms are unknown.
[[nodiscard]] std::vector<std::string> licence_warnings(const LicenceExpression& expr);

/// The known id closest to `id` (case-insensitive edit distance), or "" when none is close.
[[nodiscard]] std::string suggest_licence(std::string_view id);

}  // namespace archipel::core
