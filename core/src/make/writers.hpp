#pragma once
// Private: the STEP file `archipel make` writes from a shape, reproducible byte for byte. Its STL
// and 3MF come from the export writers (export/brep_export.hpp, export/mesh_writers.hpp).
#include <optional>
#include <string>

#include <TopoDS_Shape.hxx>

namespace archipel::core::detail {

/// STEP AP214 in millimetres with a fixed header (name, time stamp 2000-01-01T00:00:00, system
/// "Archipel make"), written through a private temporary folder; nothing on failure.
std::optional<std::string> step_bytes(const TopoDS_Shape& shape, const std::string& name);

}  // namespace archipel::core::detail
