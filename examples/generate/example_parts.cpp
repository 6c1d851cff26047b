// The example parts. Each is modelled on the axes, so its natural frame is the file's frame.
#include "example_parts.hpp"

#include <cmath>
#include <numbers>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <TopTools_ListOfShape.hxx>
#include <gp_Ax2.hxx>

namespace archipel::examples {
namespace {

// A cylinder of `diameter` from `base` along `dir`, `length` long.
TopoDS_Shape rod(gp_Pnt base, gp_Dir dir, double diameter, double length) {
  return BRepPrimAPI_MakeCylinder(gp_Ax2(base, dir), diameter / 2, length).Shape();
}

// Cuts every tool at once, so the result is one clean solid.
TopoDS_Shape cut_all(const TopoDS_Shape& body, const std::vector<TopoDS_Shape>& tools) {
  TopTools_ListOfShape args, cutters;
  args.Append(body);
  for (const auto& t : tools) cutters.Append(t);
  BRepAlgoAPI_Cut cut;
  cut.SetArguments(args);
  cut.SetTools(cutters);
  cut.SetRunParallel(false);
  cut.Build();
  return cut.Shape();
}

// Grid-pitch hole rows: 20 mm pitch, 10 mm from the edges.
std::vector<std::pair<double, double>> grid_nodes(double x, double y) {
  std::vector<std::pair<double, double>> nodes;
  for (double j = 10; j < y; j += 20)
    for (double i = 10; i < x; i += 20) nodes.emplace_back(i, j);
  return nodes;
}

TopoDS_Shape l_bracket() {
  // The L profile in the yz plane, extruded 40 mm along x: base along y, upright leg at y = 0.
  BRepBuilderAPI_MakePolygon profile;
  for (const auto& [y, z] : std::vector<std::pair<double, double>>{
           {0, 0}, {40, 0}, {40, 3}, {3, 3}, {3, 40}, {0, 40}})
    profile.Add(gp_Pnt(0, y, z));
  profile.Close();
  const TopoDS_Shape body =
      BRepPrimAPI_MakePrism(BRepBuilderAPI_MakeFace(profile.Wire()).Face(), gp_Vec(40, 0, 0)).Shape();
  std::vector<TopoDS_Shape> tools;
  for (double x : {10.0, 30.0}) tools.push_back(rod(gp_Pnt(x, 30, -1), gp_Dir(0, 0, 1), 5.5, 5));
  for (double x : {10.0, 30.0})
    for (double z : {10.0, 30.0}) tools.push_back(rod(gp_Pnt(x, -1, z), gp_Dir(0, 1, 0), 5.5, 5));
  return cut_all(body, tools);
}

TopoDS_Shape bolt_circle_disc() {
  const TopoDS_Shape body = rod(gp_Pnt(60, 60, 0), gp_Dir(0, 0, 1), 120, 4);
  std::vector<TopoDS_Shape> tools{rod(gp_Pnt(60, 60, -1), gp_Dir(0, 0, 1), 20, 6)};
  for (int k = 0; k < 4; ++k) {
    const double a = k * std::numbers::pi / 2;
    tools.push_back(rod(gp_Pnt(60 + 40 * std::cos(a), 60 + 40 * std::sin(a), -1), gp_Dir(0, 0, 1), 5.5, 6));
  }
  return cut_all(body, tools);
}

TopoDS_Shape gridfinity_foot() {
  const TopoDS_Shape body = BRepPrimAPI_MakeBox(41.5, 41.5, 7).Shape();
  std::vector<TopoDS_Shape> tools;
  for (double x : {7.75, 33.75})
    for (double y : {7.75, 33.75}) tools.push_back(rod(gp_Pnt(x, y, -1), gp_Dir(0, 0, 1), 6.5, 3.4));
  return cut_all(body, tools);
}

}  // namespace

TopoDS_Shape drilled_plate(double x, double y, double z, double diameter,
                           const std::vector<std::pair<double, double>>& centres) {
  std::vector<TopoDS_Shape> tools;
  for (const auto& [cx, cy] : centres) tools.push_back(rod(gp_Pnt(cx, cy, -1), gp_Dir(0, 0, 1), diameter, z + 2));
  return cut_all(BRepPrimAPI_MakeBox(x, y, z).Shape(), tools);
}

std::vector<ExamplePart> example_parts() {
  return {
      {"os-plate-120x40", "OpenStructures plate 120 x 40 x 3 mm with 12 assembly holes on the 20 mm sub-grid",
       "openstructures", {3, 1}, {120, 40, 3}, "aluminium", "sheet", 3, "laser-cutting", {"plate", "openstructures"},
       drilled_plate(120, 40, 3, 5.5, grid_nodes(120, 40))},
      {"os-bracket-l", "OpenStructures L-bracket 40 x 40 x 40 mm in 3 mm sheet, holes on the grid",
       "openstructures", {1, 1}, {40, 40, 40}, "steel", "sheet", 3, "bending", {"bracket", "openstructures"},
       l_bracket()},
      {"os-disc-d120", "OpenStructures disc, diameter 120 mm, 4 mm, bolt circle 4 x 5.5 on diameter 80, centre hole 20",
       "openstructures", {3, 3}, {120, 120, 4}, "plywood", "sheet", 4, "laser-cutting", {"disc", "openstructures"},
       bolt_circle_disc()},
      {"off-grid-plate", "A deliberately off-grid plate 73 x 41 x 3 mm with holes 7.5 mm from the edges",
       "openstructures", {2, 1}, {73, 41, 3}, "acrylic", "sheet", 3, "laser-cutting", {"plate", "counter-example"},
       drilled_plate(73, 41, 3, 5.5, {{7.5, 7.5}, {65.5, 7.5}, {7.5, 33.5}, {65.5, 33.5}, {50.5, 33.5}})},
      {"gridfinity-1x1-foot", "Gridfinity 1x1 bin foot 41.5 x 41.5 x 7 mm with four 6.5 x 2.4 mm magnet holes",
       "gridfinity", {1, 1}, {41.5, 41.5, 7}, "pla", "filament", std::nullopt, "3d-printing", {"gridfinity", "bin"},
       gridfinity_foot()},
  };
}

}  // namespace archipel::examples
