#pragma once
/// \file
/// The clauses of each licence as the rights engine applies them, loaded from the embedded
/// schemas/licence-rules.json (checked against schemas/licence-rules.schema.json). See
/// docs/rights.md for what each clause means for derivation and aggregation.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// May the licensed design be used commercially.
enum class Commercial {
  yes,          ///< allowed
  no,           ///< non-commercial only (CC BY-NC*)
  conditional,  ///< allowed to some users only (the Peer Production License)
};

/// What a source obligation covers.
enum class SourceObligation {
  none,           ///< no source has to be provided
  covered,        ///< the source of the licensed design and its adaptations (GPL, CERN-OHL-W)
  whole_product,  ///< the Complete Source of the whole product it is part of (CERN-OHL-S)
};

/// What including the design unchanged in a kit or product does to the other members.
enum class Aggregation {
  independent,        ///< each member keeps its terms; nothing reaches the others (CC, GPL)
  whole_product,      ///< reciprocity reaches the whole product, except Available Components
  except_interfaced,  ///< as whole_product, except External Material joined through an interface
};

/// The clauses of one licence.
struct LicenceRule {
  std::string id;                        ///< the SPDX id the rule is stored under
  Commercial commercial = Commercial::no;
  std::string condition;                 ///< who may use it commercially (conditional only)
  bool derivatives = false;              ///< may adaptations be made
  bool share_alike = false;              ///< adaptations must use a licence of `compatible`
  std::vector<std::string> compatible;   ///< licences an adaptation may use (share-alike)
  bool attribution = false;              ///< the designer must be credited
  bool notices = false;                  ///< licence and copyright notices must be kept
  SourceObligation source = SourceObligation::none;
  Aggregation aggregation = Aggregation::independent;
  /// The clause each term comes from, by term name ("commercial", "derivatives",
  /// "share_alike", "attribution", "source", "aggregation"); empty when not recorded.
  std::vector<std::pair<std::string, std::string>> cites;

  /// The citation of `term`, or "" when none is recorded.
  [[nodiscard]] std::string cite(std::string_view term) const;
};

/// The rule of licence `id`, following aliases (`LicenseRef-PPL` → `PPL`) and deprecated ids to
/// their replacement; nullptr for an id without rules (an unknown `LicenseRef-*`).
[[nodiscard]] const LicenceRule* find_licence_rule(std::string_view id);

/// Every rule, sorted by id.
[[nodiscard]] const std::vector<LicenceRule>& licence_rules();

/// The alias table: (alias, id), sorted by alias.
[[nodiscard]] const std::vector<std::pair<std::string, std::string>>& licence_rule_aliases();

/// Checks the embedded rules: valid against their schema and covering exactly the ids of the
/// built-in SPDX list (aliases aside). Used by tests.
[[nodiscard]] Result<void> check_licence_rules();

/// The folder of the official SPDX npm data (holding spdx-license-list/): `$ARCHIPEL_SPDX_DATA`
/// when set, else the one build.sh installs into the build folder.
[[nodiscard]] std::string spdx_data_dir();

/// The full text of licence `id` from spdx-license-list (aliases followed: `LicenseRef-PPL` gives
/// the text of `PPL`); nothing when the id is not in the built-in list or the data is absent.
[[nodiscard]] Result<std::optional<std::string>> licence_text(std::string_view id);

}  // namespace archipel::core
