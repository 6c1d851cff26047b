#pragma once
/// \file
/// The JSON form of a PartMeasurement, shared by `archipel measure` and `archipel validate`.

#include <nlohmann/json.hpp>

#include "archipel/core/measurement.hpp"

namespace archipel::core {

/// A length rounded to 1e-6 mm (enough to compare at 0.001 mm, stable in text), never -0.
[[nodiscard]] double round_mm(double value);

/// `{"method", "origin", "x_axis", "y_axis", "z_axis"}`, numbers rounded with round_mm.
[[nodiscard]] nlohmann::ordered_json frame_to_json(const Frame& frame);

/// `{"diameter_mm", "center_mm", "axis", "depth_mm", "through", "boss"}`.
[[nodiscard]] nlohmann::ordered_json hole_to_json(const Hole& hole);

/// Every measured field: format, kind, unit ("mm"), source_unit, frame, size_mm, volume_mm3,
/// thickness_mm and mass_g (null when not set), face_count or triangle_count, holes, warnings.
[[nodiscard]] nlohmann::ordered_json measurement_to_json(const PartMeasurement& m);

}  // namespace archipel::core
