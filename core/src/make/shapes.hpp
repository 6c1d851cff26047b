#pragma once
// Private: the B-rep of each family, built from OpenCASCADE primitives with one boolean per part
// (every tool at once), in millimetres, modelled on the axes with the outline's corner at the
// origin.
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>
#include <gp_Pnt.hxx>
#include <nlohmann/json.hpp>

namespace archipel::core::detail {

/// The shape of `family` with checked `parameters` (see plan_part); a null shape when the family
/// is unknown or a boolean failed.
TopoDS_Shape family_shape(const std::string& family, const nlohmann::json& parameters);

/// Gridfinity shapes (gridfinity_shapes.cpp).
TopoDS_Shape gridfinity_bin(const nlohmann::json& parameters);
TopoDS_Shape gridfinity_baseplate(const nlohmann::json& parameters);

/// A cylinder of `diameter` from `base` along `dir`, `length` long.
TopoDS_Shape rod(const gp_Pnt& base, const gp_Dir& dir, double diameter, double length);
/// `body` less every tool, in one boolean (BRepAlgoAPI_Cut with the list of tools).
TopoDS_Shape cut_all(const TopoDS_Shape& body, const std::vector<TopoDS_Shape>& tools);
/// The union of `shapes`, in one boolean.
TopoDS_Shape fuse_all(const std::vector<TopoDS_Shape>& shapes);

}  // namespace archipel::core::detail
