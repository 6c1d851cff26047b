#pragma once
/// \file
/// Length units. Millimetres everywhere inside; a unit is settled when a file is read.

#include <optional>
#include <string_view>

namespace archipel::core {

/// A length unit a file may be declared in (the manifest's `files[].unit`, `--unit`).
enum class LengthUnit { mm, cm, m, inch, ft, um };

/// Parses "mm", "cm", "m", "in"/"inch", "ft", "um" (and their long names); nothing otherwise.
[[nodiscard]] std::optional<LengthUnit> parse_unit(std::string_view text);

/// The unit's canonical name ("mm", "cm", "m", "inch", "ft", "um").
[[nodiscard]] std::string_view unit_name(LengthUnit unit);

/// How many millimetres one `unit` is (25.4 for inch).
[[nodiscard]] double unit_to_mm(LengthUnit unit);

}  // namespace archipel::core
