#pragma once
/// \file
/// Semantic versions (semver 2.0.0) and version requirements (`^1.2`, `~1.2.3`, `>=1.0.0 <2.0.0`),
/// used by manifests, the registry and the bill of materials.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// A semantic version `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
struct Version {
  std::uint64_t major = 0;  ///< incompatible changes
  std::uint64_t minor = 0;  ///< compatible additions
  std::uint64_t patch = 0;  ///< compatible fixes
  std::string prerelease;   ///< dot-separated identifiers after `-`, empty when absent
  std::string build;        ///< dot-separated build metadata after `+`, empty when absent

  /// Parses a full semantic version; the error says what is wrong (origin and pointer empty).
  [[nodiscard]] static Result<Version> parse(std::string_view text);

  /// The canonical text, e.g. "1.2.0-rc.1+b5".
  [[nodiscard]] std::string to_string() const;

  /// Semver 2.0 precedence: build metadata is ignored; a pre-release sorts before its release.
  [[nodiscard]] std::strong_ordering operator<=>(const Version& other) const;

  /// Equal precedence (so 1.0.0+a == 1.0.0+b); use `same_text` to compare build metadata too.
  [[nodiscard]] bool operator==(const Version& other) const {
    return (*this <=> other) == std::strong_ordering::equal;
  }

  /// True when every field, build metadata included, is the same.
  [[nodiscard]] bool same_text(const Version& other) const {
    return *this == other && build == other.build;
  }
};

/// One comparison of a requirement, e.g. `>= 1.2.0`.
struct VersionComparator {
  /// The comparison operator.
  enum class Op { eq, lt, le, gt, ge };
  Op op = Op::eq;   ///< how the candidate is compared with `version`
  Version version;  ///< the bound

  /// True when `candidate op version` holds (precedence order).
  [[nodiscard]] bool holds(const Version& candidate) const;
};

/// A version requirement: comparators that must all hold (space means AND). Accepted forms:
/// `*`, `1.2.3` and `=1.2.3` (exact), `1.2` / `1.x` / `1.2.*` (ranges), `^1.2` (compatible:
/// same first non-zero part), `~1.2.3` (same minor), `>=`, `>`, `<=`, `<` with full or partial
/// versions. A pre-release version only matches when a comparator names a pre-release of the same
/// MAJOR.MINOR.PATCH (as in npm and Cargo).
struct VersionRequirement {
  std::vector<VersionComparator> comparators;  ///< all must hold; empty means any version
  std::string text;                            ///< the requirement as written (trimmed)

  /// Parses a requirement; the error names the offending part.
  [[nodiscard]] static Result<VersionRequirement> parse(std::string_view text);

  /// True when `version` satisfies every comparator.
  [[nodiscard]] bool matches(const Version& version) const;

  /// The requirement as written.
  [[nodiscard]] const std::string& to_string() const { return text; }
};

}  // namespace archipel::core
