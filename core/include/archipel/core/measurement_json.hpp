#pragma once
/// \file
/// The JSON form of a PartMeasurement, shared by `archipel measure` and `archipel validate`, and
/// the form in which the geometry worker hands its measurement back (see docs/geometry-worker.md).

#include <nlohmann/json.hpp>

#include "archipel/core/measurement.hpp"
#include "archipel/core/result.hpp"

namespace archipel::core {

/// A length rounded to 1e-6 mm (enough to compare at 0.001 mm, stable in text), never -0.
[[nodiscard]] double round_mm(double value);

/// How numbers are written: rounded with round_mm (stable text for people and the registry), or
/// exact (the shortest text that reads back as the same double, for the geometry worker).
enum class JsonNumbers { rounded, exact };

/// `{"method", "origin", "x_axis", "y_axis", "z_axis"}`, numbers rounded with round_mm.
[[nodiscard]] nlohmann::ordered_json frame_to_json(const Frame& frame,
                                                   JsonNumbers numbers = JsonNumbers::rounded);

/// `[{"kind", "diameter_mm", "depth_mm", "offset_mm"}, ...]`.
[[nodiscard]] nlohmann::ordered_json features_to_json(const std::vector<HoleFeature>& features,
                                                      JsonNumbers numbers = JsonNumbers::rounded);

/// `{"diameter_mm", "center_mm", "axis", "depth_mm", "through", "boss", "features"}`.
[[nodiscard]] nlohmann::ordered_json hole_to_json(const Hole& hole,
                                                  JsonNumbers numbers = JsonNumbers::rounded);

/// `{"shape", "center_mm", "axis", "direction", "width_mm", "length_mm", "depth_mm", "through",
/// "sides"}`.
[[nodiscard]] nlohmann::ordered_json opening_to_json(const Opening& opening,
                                                     JsonNumbers numbers = JsonNumbers::rounded);

/// `{"rule", "message"}`.
[[nodiscard]] nlohmann::ordered_json warning_to_json(const Warning& warning);

/// Every measured field: format, kind, unit ("mm"), source_unit, frame, size_mm, volume_mm3,
/// thickness_mm and mass_g (null when not set), face_count or triangle_count, holes, openings,
/// warnings.
/// A number that is not finite cannot be written (JSON has no NaN): it becomes null, which
/// measurement_from_json refuses.
[[nodiscard]] nlohmann::ordered_json measurement_to_json(const PartMeasurement& m,
                                                         JsonNumbers numbers = JsonNumbers::rounded);

/// The inverse of measurement_to_json: `measurement_from_json(measurement_to_json(m,
/// JsonNumbers::exact))` equals `m` bit for bit (the count a kind does not write, face_count of
/// a mesh or triangle_count of a B-rep, is 0). Strict: every key must be present with its type,
/// no other key is accepted, "unit" must be "mm" and every number finite. Errors (invalid) carry
/// `origin` and the JSON pointer of the first offending value.
[[nodiscard]] Result<PartMeasurement> measurement_from_json(const nlohmann::json& doc,
                                                            const std::string& origin = {});

}  // namespace archipel::core
