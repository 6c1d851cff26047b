// The OpenStructures and Bitbeam generators, and the one-boolean helpers shared with Gridfinity.
#include "make/shapes.hpp"

#include <cmath>
#include <numbers>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <TopTools_ListOfShape.hxx>
#include <gp_Ax2.hxx>

namespace archipel::core::detail {
namespace {

using nlohmann::json;

int unit(const json& p, std::size_t axis) { return p.at("size").at(axis).get<int>(); }
double number(const json& p, const char* name) { return p.at(name).get<double>(); }

// Vertical through holes of `diameter` at `centres` in a slab `thickness` thick.
std::vector<TopoDS_Shape> z_holes(const std::vector<std::pair<double, double>>& centres, double diameter,
                                  double thickness) {
  std::vector<TopoDS_Shape> tools;
  for (const auto& [x, y] : centres) tools.push_back(rod(gp_Pnt(x, y, -1), gp_Dir(0, 0, 1), diameter, thickness + 2));
  return tools;
}

TopoDS_Shape os_plate(const json& p) {
  const int nx = unit(p, 0), ny = unit(p, 1);
  const double t = number(p, "thickness");
  const std::string pattern = p.at("pattern").get<std::string>();
  std::vector<std::pair<double, double>> centres;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const bool edge_x = i == 0 || i == nx - 1, edge_y = j == 0 || j == ny - 1;
      if (pattern == "perimeter" && !edge_x && !edge_y) continue;
      if (pattern == "corners" && !(edge_x && edge_y)) continue;
      centres.emplace_back(20 + 40.0 * i, 20 + 40.0 * j);
    }
  return cut_all(BRepPrimAPI_MakeBox(40.0 * nx, 40.0 * ny, t).Shape(),
                 z_holes(centres, number(p, "hole-diameter"), t));
}

TopoDS_Shape os_strip(const json& p) {
  const int n = unit(p, 0);
  const double t = number(p, "thickness");
  std::vector<std::pair<double, double>> centres;
  for (int k = 0; k < 2 * n; ++k) centres.emplace_back(10 + 20.0 * k, 20);
  return cut_all(BRepPrimAPI_MakeBox(40.0 * n, 40, t).Shape(), z_holes(centres, number(p, "hole-diameter"), t));
}

TopoDS_Shape os_bracket(const json& p) {
  const double w = 40.0 * unit(p, 0), a = 40.0 * unit(p, 1), b = 40.0 * unit(p, 2);
  const double t = number(p, "thickness"), d = number(p, "hole-diameter");
  // The L profile in the yz plane, extruded along x: base leg along y, upright leg at y = 0.
  BRepBuilderAPI_MakePolygon profile;
  for (const auto& [y, z] : std::vector<std::pair<double, double>>{{0, 0}, {a, 0}, {a, t}, {t, t}, {t, b}, {0, b}})
    profile.Add(gp_Pnt(0, y, z));
  profile.Close();
  const TopoDS_Shape body =
      BRepPrimAPI_MakePrism(BRepBuilderAPI_MakeFace(profile.Wire()).Face(), gp_Vec(w, 0, 0)).Shape();
  std::vector<TopoDS_Shape> tools;
  for (double x = 20; x < w; x += 40) {
    for (double y = 20; y < a; y += 40) tools.push_back(rod(gp_Pnt(x, y, -1), gp_Dir(0, 0, 1), d, t + 2));
    for (double z = 20; z < b; z += 40) tools.push_back(rod(gp_Pnt(x, -1, z), gp_Dir(0, 1, 0), d, t + 2));
  }
  return cut_all(body, tools);
}

TopoDS_Shape os_disc(const json& p) {
  const double dia = number(p, "diameter"), t = number(p, "thickness"), d = number(p, "hole-diameter");
  const double r = number(p, "bolt-circle") / 2, centre = number(p, "centre-hole");
  const int n = p.at("holes").get<int>();
  const double c = dia / 2;
  std::vector<std::pair<double, double>> centres;
  for (int k = 0; k < n; ++k) {
    const double angle = 2 * std::numbers::pi * k / n;
    centres.emplace_back(c + r * std::cos(angle), c + r * std::sin(angle));
  }
  auto tools = z_holes(centres, d, t);
  if (centre > 0) tools.push_back(rod(gp_Pnt(c, c, -1), gp_Dir(0, 0, 1), centre, t + 2));
  return cut_all(rod(gp_Pnt(c, c, 0), gp_Dir(0, 0, 1), dia, t), tools);
}

TopoDS_Shape os_spacer(const json& p) {
  const double length = number(p, "length");
  return cut_all(rod(gp_Pnt(20, 20, 0), gp_Dir(0, 0, 1), 40, length),
                 {rod(gp_Pnt(20, 20, -1), gp_Dir(0, 0, 1), number(p, "hole-diameter"), length + 2)});
}

// Bitbeam holes are 4.8 mm, 4 mm from the edges, 8 mm apart.
TopoDS_Shape bitbeam(int nx, int ny, double thickness) {
  std::vector<std::pair<double, double>> centres;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) centres.emplace_back(4 + 8.0 * i, 4 + 8.0 * j);
  return cut_all(BRepPrimAPI_MakeBox(8.0 * nx, 8.0 * ny, thickness).Shape(), z_holes(centres, 4.8, thickness));
}

}  // namespace

TopoDS_Shape rod(const gp_Pnt& base, const gp_Dir& dir, double diameter, double length) {
  return BRepPrimAPI_MakeCylinder(gp_Ax2(base, dir), diameter / 2, length).Shape();
}

TopoDS_Shape cut_all(const TopoDS_Shape& body, const std::vector<TopoDS_Shape>& tools) {
  if (tools.empty()) return body;
  TopTools_ListOfShape args, cutters;
  args.Append(body);
  for (const auto& t : tools) cutters.Append(t);
  BRepAlgoAPI_Cut cut;
  cut.SetArguments(args);
  cut.SetTools(cutters);
  cut.SetRunParallel(false);  // the same result every run
  cut.Build();
  if (!cut.IsDone() || cut.HasErrors()) return {};
  return cut.Shape();
}

TopoDS_Shape fuse_all(const std::vector<TopoDS_Shape>& shapes) {
  if (shapes.size() == 1) return shapes.front();
  TopTools_ListOfShape args, tools;
  args.Append(shapes.front());
  for (std::size_t i = 1; i < shapes.size(); ++i) tools.Append(shapes[i]);
  BRepAlgoAPI_Fuse fuse;
  fuse.SetArguments(args);
  fuse.SetTools(tools);
  fuse.SetRunParallel(false);
  fuse.Build();
  if (!fuse.IsDone() || fuse.HasErrors()) return {};
  fuse.SimplifyResult();  // one face per flat side, not one per fused piece
  return fuse.Shape();
}

TopoDS_Shape family_shape(const std::string& family, const json& p) {
  if (family == "os-plate") return os_plate(p);
  if (family == "os-strip") return os_strip(p);
  if (family == "os-bracket") return os_bracket(p);
  if (family == "os-disc") return os_disc(p);
  if (family == "os-spacer") return os_spacer(p);
  if (family == "gridfinity-bin") return gridfinity_bin(p);
  if (family == "gridfinity-baseplate") return gridfinity_baseplate(p);
  if (family == "bitbeam-beam") return bitbeam(unit(p, 0), 1, 8);
  if (family == "bitbeam-plate") return bitbeam(unit(p, 0), unit(p, 1), number(p, "thickness"));
  return {};
}

}  // namespace archipel::core::detail
