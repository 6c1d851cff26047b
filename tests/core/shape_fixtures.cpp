// Test support: shapes with known answers. The tessellation repeats mesh_fixtures.cpp's private
// one on purpose: that file is another module's fixture, and this one takes any shape.
#include "shape_fixtures.hpp"

#include <cmath>
#include <numbers>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRep_Tool.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <GC_MakeSegment.hxx>
#include <Poly_Triangulation.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_Trsf.hxx>

namespace archipel::test {
namespace {

constexpr double pi = std::numbers::pi;

TopoDS_Shape placed(const TopoDS_Shape& s, double cx, double cy, double degrees) {
  gp_Trsf turn, move;
  turn.SetRotation(gp_Ax1(gp::Origin(), gp::DZ()), degrees * pi / 180);
  move.SetTranslation(gp_Vec(cx, cy, 0));
  return BRepBuilderAPI_Transform(s, move * turn, true).Shape();
}

}  // namespace

Soup tessellate_shape(const TopoDS_Shape& shape, double deflection) {
  BRepMesh_IncrementalMesh mesher(shape, deflection, false, 0.5, false);
  Soup soup;
  for (TopExp_Explorer ex(shape, TopAbs_FACE); ex.More(); ex.Next()) {
    const TopoDS_Face& face = TopoDS::Face(ex.Current());
    TopLoc_Location loc;
    const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(face, loc);
    if (tri.IsNull()) continue;
    const bool reversed = face.Orientation() == TopAbs_REVERSED;
    for (int i = 1; i <= tri->NbTriangles(); ++i) {
      int n[3];
      tri->Triangle(i).Get(n[0], n[1], n[2]);
      if (reversed) std::swap(n[1], n[2]);
      std::array<P3, 3> t{};
      for (int k = 0; k < 3; ++k) {
        const gp_Pnt p = tri->Node(n[k]).Transformed(loc.Transformation());
        t[k] = {p.X(), p.Y(), p.Z()};
      }
      soup.push_back(t);
    }
  }
  return soup;
}

TopoDS_Shape rounded_prism(double cx, double cy, double w, double l, double r, double z0, double h,
                           double degrees) {
  // The outline, counter-clockwise, centred at the origin: straight sides between corner arcs.
  const double x = w / 2, y = l / 2;
  BRepBuilderAPI_MakeWire wire;
  const gp_Pnt corners[4] = {{x - r, y - r, z0}, {-x + r, y - r, z0}, {-x + r, -y + r, z0}, {x - r, -y + r, z0}};
  for (int i = 0; i < 4; ++i) {
    const double a0 = i * pi / 2, a1 = a0 + pi / 2;
    const gp_Pnt& c = corners[i];
    const gp_Pnt start(c.X() + r * std::cos(a0), c.Y() + r * std::sin(a0), z0);
    const gp_Pnt mid(c.X() + r * std::cos(a0 + pi / 4), c.Y() + r * std::sin(a0 + pi / 4), z0);
    const gp_Pnt end(c.X() + r * std::cos(a1), c.Y() + r * std::sin(a1), z0);
    wire.Add(BRepBuilderAPI_MakeEdge(GC_MakeArcOfCircle(start, mid, end).Value()).Edge());
    const gp_Pnt& n = corners[(i + 1) % 4];
    const double b = a1;
    const gp_Pnt next(n.X() + r * std::cos(b), n.Y() + r * std::sin(b), z0);
    if (end.Distance(next) > 1e-9) wire.Add(BRepBuilderAPI_MakeEdge(end, next).Edge());
  }
  const TopoDS_Face face = BRepBuilderAPI_MakeFace(wire.Wire()).Face();
  return placed(BRepPrimAPI_MakePrism(face, gp_Vec(0, 0, h)).Shape(), cx, cy, degrees);
}

TopoDS_Shape hexagon_prism(double cx, double cy, double across_flats, double z0, double h, double degrees) {
  const double r = across_flats / std::sqrt(3.0);  // circumradius
  BRepBuilderAPI_MakePolygon polygon;
  for (int i = 0; i < 6; ++i) polygon.Add(gp_Pnt(r * std::cos(i * pi / 3), r * std::sin(i * pi / 3), z0));
  polygon.Close();
  const TopoDS_Face face = BRepBuilderAPI_MakeFace(polygon.Wire()).Face();
  return placed(BRepPrimAPI_MakePrism(face, gp_Vec(0, 0, h)).Shape(), cx, cy, degrees);
}

TopoDS_Shape z_cylinder(double x, double y, double z0, double d, double h) {
  return BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(x, y, z0), gp::DZ()), d / 2, h).Shape();
}

TopoDS_Shape gridfinity_baseplate(int nx, int ny) {
  TopoDS_Shape s = BRepPrimAPI_MakeBox(42.0 * nx, 42.0 * ny, 5).Shape();
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j)
      s = BRepAlgoAPI_Cut(s, rounded_prism(21 + 42.0 * i, 21 + 42.0 * j, 36, 36, 4, -1, 7)).Shape();
  return s;
}

TopoDS_Shape gridfinity_bin(int nx, int ny, int units) {
  const double w = 42.0 * nx - 0.5, d = 42.0 * ny - 0.5, h = 7.0 * units;
  const TopoDS_Shape body = rounded_prism(w / 2, d / 2, w, d, 3.75, 0, h);
  return BRepAlgoAPI_Cut(body, rounded_prism(w / 2, d / 2, w - 2.4, d - 2.4, 2.55, 2, h)).Shape();
}

std::filesystem::path write_shape_stl(const TopoDS_Shape& shape, const std::filesystem::path& path) {
  return write_binary_stl(tessellate_shape(shape), path);
}

}  // namespace archipel::test
