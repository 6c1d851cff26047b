#pragma once
/// \file
/// Serial numbers (`BXL-P0042`), `SERIAL@VERSION` references and where a serial lives in the
/// registry tree (sharded by thousands so that no folder grows past a thousand serials).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "archipel/core/result.hpp"

namespace archipel::registry {

/// A registry-assigned serial: namespace, kind letter (P part, C component, O object), number.
struct Serial {
  std::string ns;            ///< the registry namespace, e.g. "BXL"
  char kind = 'P';           ///< 'P', 'C' or 'O'
  std::uint64_t number = 0;  ///< 1, 2, ... never reused inside a namespace and kind

  /// `BXL-P0042` (at least four digits).
  [[nodiscard]] std::string to_string() const;
  /// The folder holding every version: `parts/BXL/P/000/BXL-P0042`.
  [[nodiscard]] std::string folder() const;
  friend bool operator==(const Serial&, const Serial&) = default;
};

/// A serial with an optional version: `BXL-P0042` or `BXL-P0042@1.2.0`.
struct SerialRef {
  Serial serial;
  std::optional<std::string> version;  ///< nothing: the latest version that is not yanked
  /// `BXL-P0042` or `BXL-P0042@1.2.0`.
  [[nodiscard]] std::string to_string() const;
};

/// True when `ns` is a valid namespace: an upper-case letter then 1 to 7 upper-case letters or
/// digits (`BXL`, `OS2`).
[[nodiscard]] bool valid_namespace(std::string_view ns);

/// The serial letter for a manifest kind ("part" → 'P', "component" → 'C', "object" → 'O').
[[nodiscard]] std::optional<char> kind_letter(std::string_view kind);

/// Parses `BXL-P0042`. Errors are usage errors naming the text.
[[nodiscard]] core::Result<Serial> parse_serial(std::string_view text);

/// Parses `BXL-P0042` or `BXL-P0042@1.0.0`.
[[nodiscard]] core::Result<SerialRef> parse_serial_ref(std::string_view text);

/// The folder of one kind in a namespace: `parts/BXL/P`.
[[nodiscard]] std::string kind_folder(std::string_view ns, char kind);

}  // namespace archipel::registry
