// The OpenCASCADE side of export: meshing for STL/3MF, the sheet section for DXF/SVG.
#include "export/brep_export.hpp"

#include <cmath>
#include <numbers>
#include <optional>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <IMeshTools_Parameters.hxx>
#include <BRepTools.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GCPnts_QuasiUniformDeflection.hxx>
#include <Poly_Triangulation.hxx>
#include <ShapeAnalysis_FreeBounds.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_HSequenceOfShape.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <fmt/format.h>

#include "mesh/weld.hpp"
#include "occt/natural_frame.hpp"

namespace archipel::core::detail {
namespace {

constexpr double level_mm = 1e-4;       // a cap lies at z = 0 or z = thickness within this
constexpr double parallel = 1e-6;       // |n.z| within this of 1: a cap; of 0: a wall
constexpr double curve_deflection_mm = 1e-3;

std::string mm(double v) { return fmt::format("{:.3f}", std::abs(v) < 5e-4 ? 0.0 : v); }

Result<void> not_a_sheet(const std::string& why) {
  return fail(Errc::invalid, "not a sheet part: " + why +
                                 " (a sheet has two parallel planar faces and walls perpendicular "
                                 "to them through the whole thickness)");
}

// Whether every sampled normal of the face's surface is perpendicular to z.
bool vertical_surface(const TopoDS_Face& face) {
  BRepAdaptor_Surface s(face, false);
  double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
  BRepTools::UVBounds(face, u0, u1, v0, v1);
  for (int i = 0; i <= 4; ++i)
    for (int j = 0; j <= 4; ++j) {
      gp_Pnt p;
      gp_Vec du, dv;
      s.D1(u0 + (u1 - u0) * i / 4, v0 + (v1 - v0) * j / 4, p, du, dv);
      const gp_Vec n = du.Crossed(dv);
      if (n.Magnitude() < 1e-12) continue;  // a singular point (apex, pole)
      if (std::abs(n.Normalized().Z()) > parallel * 100) return false;
    }
  return true;
}

struct Caps {
  std::vector<TopoDS_Face> bottom;
  std::size_t top = 0;
};

// The first reason of each kind, reported in order: a face between the two sides says most.
struct Refusals {
  std::optional<std::string> level, slope, wall;
  std::optional<std::string> first() const { return level ? level : slope ? slope : wall; }
};

Result<Caps> check_sheet(const TopoDS_Shape& framed, double thickness) {
  Caps caps;
  Refusals why;
  int index = 0;
  for (TopExp_Explorer e(framed, TopAbs_FACE); e.More(); e.Next(), ++index) {
    const TopoDS_Face& face = TopoDS::Face(e.Current());
    BRepAdaptor_Surface s(face, false);
    if (s.GetType() == GeomAbs_Plane && std::abs(std::abs(s.Plane().Axis().Direction().Z()) - 1) <= parallel) {
      const double z = s.Plane().Location().Z();
      if (std::abs(z) <= level_mm)
        caps.bottom.push_back(face);
      else if (std::abs(z - thickness) <= level_mm)
        ++caps.top;
      else if (!why.level)
        why.level = fmt::format("a planar face lies at z = {} mm, between the faces at 0 and {} mm (a step, a "
                                "pocket or a bend: the thickness is not constant)", mm(z), mm(thickness));
      continue;
    }
    if (!vertical_surface(face)) {
      if (!why.slope)
        why.slope = fmt::format("face {} is neither parallel nor perpendicular to the faces {} mm apart (a slope, "
                                "chamfer or rounded edge)", index + 1, mm(thickness));
      continue;
    }
    Bnd_Box box;
    BRepBndLib::AddOptimal(face, box, false, false);
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    if ((z0 > level_mm || z1 < thickness - level_mm) && !why.wall)
      why.wall = fmt::format("a wall spans only z = {} to {} mm of the {} mm between the faces", mm(z0), mm(z1),
                             mm(thickness));
  }
  if (const auto reason = why.first()) return std::unexpected(not_a_sheet(*reason).error());
  if (caps.bottom.empty() || caps.top == 0)
    return std::unexpected(not_a_sheet("it has no planar face on one side").error());
  return caps;
}

P2 xy(const gp_Pnt& p) { return {p.X(), p.Y()}; }

// One edge of a wire, in the wire's direction, appended to `out`.
void add_edge(const TopoDS_Edge& edge, std::vector<ProfileSegment>& out, std::vector<std::string>& warnings) {
  BRepAdaptor_Curve c(edge);
  const bool forward = edge.Orientation() != TopAbs_REVERSED;
  const double f = c.FirstParameter(), l = c.LastParameter();
  const gp_Pnt a = c.Value(forward ? f : l), b = c.Value(forward ? l : f);
  if (c.GetType() == GeomAbs_Line) {
    out.push_back({xy(a), xy(b), 0});
    return;
  }
  if (c.GetType() == GeomAbs_Circle) {
    const double up = c.Circle().Axis().Direction().Z() > 0 ? 1 : -1;
    const double sweep = (l - f) * up * (forward ? 1 : -1);
    if (std::abs(sweep) >= 2 * std::numbers::pi - 1e-9) {  // a closed edge: two halves
      const gp_Pnt m = c.Value(0.5 * (f + l));
      out.push_back({xy(a), xy(m), std::tan(sweep / 8)});
      out.push_back({xy(m), xy(b), std::tan(sweep / 8)});
    } else {
      out.push_back({xy(a), xy(b), std::tan(sweep / 4)});
    }
    return;
  }
  GCPnts_QuasiUniformDeflection sampler(c, curve_deflection_mm);
  if (!sampler.IsDone() || sampler.NbPoints() < 2) {
    out.push_back({xy(a), xy(b), 0});
    return;
  }
  const int n = sampler.NbPoints();
  for (int k = 1; k < n; ++k) {
    const int i = forward ? k : n - k + 1, j = forward ? k + 1 : n - k;
    out.push_back({xy(sampler.Value(i)), xy(sampler.Value(j)), 0});
  }
  warnings.push_back(fmt::format("an edge that is neither a line nor a circle is written as {} straight segments "
                                 "within {} mm", n - 1, curve_deflection_mm));
}

// The boundary edges of the lower faces (those not shared by two of them), chained into wires.
Handle(TopTools_HSequenceOfShape) boundary_wires(const std::vector<TopoDS_Face>& bottom) {
  TopoDS_Compound all;
  BRep_Builder builder;
  builder.MakeCompound(all);
  for (const auto& f : bottom) builder.Add(all, f);
  TopTools_IndexedDataMapOfShapeListOfShape edge_faces;
  TopExp::MapShapesAndAncestors(all, TopAbs_EDGE, TopAbs_FACE, edge_faces);
  Handle(TopTools_HSequenceOfShape) edges = new TopTools_HSequenceOfShape;
  for (int i = 1; i <= edge_faces.Extent(); ++i) {
    const TopoDS_Edge& e = TopoDS::Edge(edge_faces.FindKey(i));
    if (edge_faces(i).Extent() == 1 && !BRep_Tool::Degenerated(e)) edges->Append(e);
  }
  Handle(TopTools_HSequenceOfShape) wires = new TopTools_HSequenceOfShape;
  ShapeAnalysis_FreeBounds::ConnectEdgesToWires(edges, 10 * level_mm, true, wires);
  return wires;
}

bool every_face_meshed(const TopoDS_Shape& shape) {
  for (TopExp_Explorer e(shape, TopAbs_FACE); e.More(); e.Next()) {
    TopLoc_Location location;
    const Handle(Poly_Triangulation) t = BRep_Tool::Triangulation(TopoDS::Face(e.Current()), location);
    if (t.IsNull() || t->NbTriangles() == 0) return false;
  }
  return true;
}

}  // namespace

Result<Mesh> mesh_brep(const TopoDS_Shape& shape, double linear_mm, double angular_rad,
                       const Tolerances& tolerances) {
  // Delabella first: OpenCASCADE's default (Watson) triangulation slows down with the number of
  // holes in a planar face (every hole's boundary is a frontier to recover), and meshing the
  // 900-hole plate at 0.01 mm took minutes; Delabella's sweep-hull triangulation gives the same
  // nodes and triangle count (the boundary discretisation is the same) in a fraction of the time.
  // A face it leaves without triangles is meshed again with the default algorithm.
  IMeshTools_Parameters parameters;
  parameters.Deflection = linear_mm;
  parameters.Angle = angular_rad;
  parameters.InParallel = false;
  parameters.MeshAlgo = IMeshTools_MeshAlgoType_Delabella;
  if (!BRepMesh_IncrementalMesh(shape, parameters).IsDone())
    return fail(Errc::io, "OpenCASCADE's mesher failed on the shape");
  if (!every_face_meshed(shape)) {
    BRepTools::Clean(shape);
    parameters.MeshAlgo = IMeshTools_MeshAlgoType_Watson;
    if (!BRepMesh_IncrementalMesh(shape, parameters).IsDone())
      return fail(Errc::io, "OpenCASCADE's mesher failed on the shape");
  }
  Welder welder(tolerances.mesh_weld_mm, 1024);
  Mesh mesh;
  for (TopExp_Explorer e(shape, TopAbs_FACE); e.More(); e.Next()) {
    const TopoDS_Face& face = TopoDS::Face(e.Current());
    TopLoc_Location location;
    const Handle(Poly_Triangulation) t = BRep_Tool::Triangulation(face, location);
    if (t.IsNull()) return fail(Errc::io, "OpenCASCADE's mesher left a face without triangles");
    const gp_Trsf trsf = location.Transformation();
    std::vector<std::uint32_t> ids(static_cast<std::size_t>(t->NbNodes()) + 1);
    for (int i = 1; i <= t->NbNodes(); ++i) {
      const gp_Pnt p = t->Node(i).Transformed(trsf);
      ids[static_cast<std::size_t>(i)] = welder.add({p.X(), p.Y(), p.Z()});
    }
    const bool reversed = face.Orientation() == TopAbs_REVERSED;
    for (int i = 1; i <= t->NbTriangles(); ++i) {
      int a = 0, b = 0, c = 0;
      t->Triangle(i).Get(a, b, c);
      if (reversed) std::swap(b, c);
      const Triangle tri{ids[static_cast<std::size_t>(a)], ids[static_cast<std::size_t>(b)],
                         ids[static_cast<std::size_t>(c)]};
      if (tri[0] == tri[1] || tri[1] == tri[2] || tri[0] == tri[2]) continue;
      mesh.triangles.push_back(tri);
    }
  }
  mesh.vertices = welder.take();
  mesh.source_triangles = mesh.triangles.size();
  if (mesh.triangles.empty()) return fail(Errc::io, "the shape has no surface to mesh");
  return mesh;
}

Result<SheetProfile> brep_sheet_profile(const TopoDS_Shape& shape, const Tolerances& tolerances) {
  auto frame = find_natural_frame(shape, tolerances);
  if (!frame) return std::unexpected(frame.error());
  const TopoDS_Shape framed = BRepBuilderAPI_Transform(shape, frame->to_frame, false).Shape();
  const double thickness = frame->extents[2];
  auto caps = check_sheet(framed, thickness);
  if (!caps) return std::unexpected(caps.error());
  SheetProfile profile;
  profile.thickness_mm = thickness;
  const auto wires = boundary_wires(caps->bottom);
  for (int i = 1; i <= wires->Length(); ++i) {
    ProfileContour contour;
    for (BRepTools_WireExplorer w(TopoDS::Wire(wires->Value(i))); w.More(); w.Next())
      add_edge(w.Current(), contour.segments, profile.warnings);
    if (!contour.segments.empty()) profile.contours.push_back(std::move(contour));
  }
  if (profile.contours.empty()) return fail(Errc::invalid, "not a sheet part: its section is empty");
  merge_circles(profile, 1e-6);
  mark_openings(profile);
  sort_contours(profile);
  return profile;
}

}  // namespace archipel::core::detail
