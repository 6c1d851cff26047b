// Test support: OpenCASCADE shapes tessellated with BRepMesh, and hand-written mesh files.
#include "mesh_fixtures.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>

#include <unistd.h>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepTools.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRep_Tool.hxx>
#include <Poly_Triangulation.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Ax2.hxx>
#include <gp_Trsf.hxx>
#include <zip.h>

namespace archipel::test {
namespace {

TopoDS_Shape cylinder(double x, double y, double z0, double d, double h) {
  return BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(x, y, z0), gp::DZ()), d / 2, h).Shape();
}

Soup tessellate(const TopoDS_Shape& shape) {
  BRepMesh_IncrementalMesh mesher(shape, 0.01, false, 0.5, false);
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

// Distinct corners (exact) and indexed triangles, for the indexed formats.
struct Indexed {
  std::vector<P3> points;
  std::vector<std::array<std::size_t, 3>> faces;
};

Indexed indexed(const Soup& soup) {
  Indexed out;
  std::map<P3, std::size_t> seen;
  for (const auto& t : soup) {
    std::array<std::size_t, 3> f{};
    for (int k = 0; k < 3; ++k) {
      auto [it, fresh] = seen.try_emplace(t[k], out.points.size());
      if (fresh) out.points.push_back(t[k]);
      f[k] = it->second;
    }
    out.faces.push_back(f);
  }
  return out;
}

std::string num(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8) | std::uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += table[(n >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const auto n = std::uint8_t(in[i]) << 16;
    out += {table[(n >> 18) & 63], table[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const auto n = (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8);
    out += {table[(n >> 18) & 63], table[(n >> 12) & 63], table[(n >> 6) & 63], '='};
  }
  return out;
}

}  // namespace

namespace {

TopoDS_Shape plate_shape() {
  TopoDS_Shape s = BRepPrimAPI_MakeBox(80, 40, 4).Shape();
  s = BRepAlgoAPI_Cut(s, cylinder(10, 10, -1, 5, 6)).Shape();
  s = BRepAlgoAPI_Cut(s, cylinder(70, 30, -1, 5, 6)).Shape();
  return BRepAlgoAPI_Cut(s, cylinder(40, 20, 2, 6, 3)).Shape();
}

TopoDS_Shape washer_shape() {
  return BRepAlgoAPI_Cut(cylinder(0, 0, 0, 30, 3), cylinder(0, 0, -1, 8, 5)).Shape();
}

TopoDS_Shape pin_shape() {
  return BRepAlgoAPI_Fuse(BRepPrimAPI_MakeBox(40, 40, 3).Shape(), cylinder(20, 20, 3, 6, 5)).Shape();
}

TopoDS_Shape tilted_shape() {
  const gp_Dir axis(std::sin(std::numbers::pi / 6), 0, std::cos(std::numbers::pi / 6));
  const gp_Pnt start = gp_Pnt(30, 20, 3).Translated(gp_Vec(axis) * -10);
  const TopoDS_Shape drill = BRepPrimAPI_MakeCylinder(gp_Ax2(start, axis), 3, 20).Shape();
  return BRepAlgoAPI_Cut(BRepPrimAPI_MakeBox(60, 40, 6).Shape(), drill).Shape();
}

TopoDS_Shape bin_shape() {
  const TopoDS_Shape inside = BRepPrimAPI_MakeBox(gp_Pnt(1.2, 1.2, 1.2), gp_Pnt(40.3, 40.3, 101)).Shape();
  return BRepAlgoAPI_Cut(BRepPrimAPI_MakeBox(41.5, 41.5, 100).Shape(), inside).Shape();
}

TopoDS_Shape perforated_shape() {
  TopoDS_Shape s = BRepPrimAPI_MakeBox(100, 60, 3).Shape();
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j) s = BRepAlgoAPI_Cut(s, cylinder(10 + 20 * i, 10 + 20 * j, -1, 5.5, 5)).Shape();
  return s;
}

TopoDS_Shape shape_of(Part part, const Placement& placement) {
  const TopoDS_Shape s = [&] {
    switch (part) {
      case Part::plate: return plate_shape();
      case Part::washer: return washer_shape();
      case Part::pin: return pin_shape();
      case Part::tilted: return tilted_shape();
      case Part::bin: return bin_shape();
      case Part::perforated: return perforated_shape();
    }
    return plate_shape();
  }();
  gp_Trsf rotation, translation;
  const auto& a = placement.axis;
  rotation.SetRotation(gp_Ax1(gp::Origin(), gp_Dir(a[0], a[1], a[2])),
                       placement.degrees * std::numbers::pi / 180);
  const auto& o = placement.offset;
  translation.SetTranslation(gp_Vec(o[0], o[1], o[2]));
  return BRepBuilderAPI_Transform(s, translation * rotation, true).Shape();
}

}  // namespace

Soup plate_with_holes() { return tessellate(plate_shape()); }

Soup box(double x, double y, double z) { return tessellate(BRepPrimAPI_MakeBox(x, y, z).Shape()); }

Soup washer() { return tessellate(washer_shape()); }

Soup plate_with_pin() { return tessellate(pin_shape()); }

Soup tessellated(Part part, const Placement& placement) {
  return tessellate(shape_of(part, placement));
}

std::filesystem::path write_brep(Part part, const Placement& placement,
                                 const std::filesystem::path& path) {
  BRepTools::Write(shape_of(part, placement), path.c_str());
  return path;
}

Soup moved(const Soup& soup, const P3& axis, double degrees, const P3& offset) {
  const double n = std::sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
  const P3 k{axis[0] / n, axis[1] / n, axis[2] / n};
  const double a = degrees * std::numbers::pi / 180, c = std::cos(a), s = std::sin(a);
  Soup out = soup;
  for (auto& t : out)
    for (auto& p : t) {  // Rodrigues' rotation
      const double kd = k[0] * p[0] + k[1] * p[1] + k[2] * p[2];
      const P3 kx{k[1] * p[2] - k[2] * p[1], k[2] * p[0] - k[0] * p[2], k[0] * p[1] - k[1] * p[0]};
      for (int i = 0; i < 3; ++i) p[i] = p[i] * c + kx[i] * s + k[i] * kd * (1 - c) + offset[i];
    }
  return out;
}

Soup scaled(const Soup& soup, double factor) {
  Soup out = soup;
  for (auto& t : out)
    for (auto& p : t)
      for (double& v : p) v *= factor;
  return out;
}

std::filesystem::path write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::filesystem::path write_binary_stl(const Soup& soup, const std::filesystem::path& path) {
  std::string bytes(80, ' ');
  const auto n = static_cast<std::uint32_t>(soup.size());
  bytes.append(reinterpret_cast<const char*>(&n), 4);
  for (const auto& t : soup) {
    float v[12] = {0, 0, 0};
    for (int k = 0; k < 3; ++k)
      for (int i = 0; i < 3; ++i) v[3 + 3 * k + i] = static_cast<float>(t[k][i]);
    bytes.append(reinterpret_cast<const char*>(v), 48);
    bytes.append(2, '\0');
  }
  return write_bytes(path, bytes);
}

std::filesystem::path write_ascii_stl(const Soup& soup, const std::filesystem::path& path) {
  std::ostringstream s;
  s << "solid fixture\n";
  for (const auto& t : soup) {
    s << "facet normal 0 0 0\nouter loop\n";
    for (const auto& p : t) s << "vertex " << num(p[0]) << ' ' << num(p[1]) << ' ' << num(p[2]) << '\n';
    s << "endloop\nendfacet\n";
  }
  s << "endsolid fixture\n";
  return write_bytes(path, s.str());
}

std::filesystem::path write_obj(const Soup& soup, const std::filesystem::path& path) {
  const Indexed m = indexed(soup);
  std::ostringstream s;
  for (const auto& p : m.points) s << "v " << num(p[0]) << ' ' << num(p[1]) << ' ' << num(p[2]) << '\n';
  for (const auto& f : m.faces) s << "f " << f[0] + 1 << ' ' << f[1] + 1 << ' ' << f[2] + 1 << '\n';
  return write_bytes(path, s.str());
}

std::filesystem::path write_ply(const Soup& soup, const std::filesystem::path& path) {
  const Indexed m = indexed(soup);
  std::ostringstream s;
  s << "ply\nformat ascii 1.0\nelement vertex " << m.points.size()
    << "\nproperty double x\nproperty double y\nproperty double z\nelement face " << m.faces.size()
    << "\nproperty list uchar int vertex_indices\nend_header\n";
  for (const auto& p : m.points) s << num(p[0]) << ' ' << num(p[1]) << ' ' << num(p[2]) << '\n';
  for (const auto& f : m.faces) s << "3 " << f[0] << ' ' << f[1] << ' ' << f[2] << '\n';
  return write_bytes(path, s.str());
}

std::filesystem::path write_zip(const std::filesystem::path& path,
                                const std::vector<std::pair<std::string, std::string>>& members) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : members) {
    zipOpenNewFileInZip(zip, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                        Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  return path;
}

std::filesystem::path write_3mf(const Soup& soup, const std::filesystem::path& path,
                                const std::string& unit) {
  const Indexed m = indexed(soup);
  std::ostringstream model;
  model << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model"
        << (unit.empty() ? "" : " unit=\"" + unit + "\"")
        << " xml:lang=\"en-US\" xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\">\n"
        << "<resources><object id=\"1\" type=\"model\"><mesh><vertices>\n";
  for (const auto& p : m.points)
    model << "<vertex x=\"" << num(p[0]) << "\" y=\"" << num(p[1]) << "\" z=\"" << num(p[2]) << "\"/>\n";
  model << "</vertices><triangles>\n";
  for (const auto& f : m.faces)
    model << "<triangle v1=\"" << f[0] << "\" v2=\"" << f[1] << "\" v3=\"" << f[2] << "\"/>\n";
  model << "</triangles></mesh></object></resources><build><item objectid=\"1\"/></build></model>\n";
  const std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/"
      "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
      "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"model\" "
      "ContentType=\"application/vnd.ms-package.3dmanufacturing-3dmodel+xml\"/></Types>\n";
  const std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas."
      "openxmlformats.org/package/2006/relationships\"><Relationship Target=\"/3D/3dmodel.model\" "
      "Id=\"rel0\" Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel\"/>"
      "</Relationships>\n";
  return write_zip(path, {{"[Content_Types].xml", types}, {"_rels/.rels", rels},
                          {"3D/3dmodel.model", model.str()}});
}

namespace {

// The glTF JSON and its binary buffer (positions as float, indices as uint32); the buffer is
// embedded as a data URI, or left to a GLB's binary chunk when `uri` is false.
std::pair<std::string, std::string> gltf_parts(const Soup& soup, bool uri) {
  const Indexed m = indexed(soup);
  std::string buffer;
  P3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
  for (const auto& p : m.points)
    for (int i = 0; i < 3; ++i) {
      const auto f = static_cast<float>(p[i]);
      buffer.append(reinterpret_cast<const char*>(&f), 4);
      lo[i] = std::min(lo[i], double(f));
      hi[i] = std::max(hi[i], double(f));
    }
  const std::size_t vbytes = buffer.size();
  for (const auto& f : m.faces)
    for (auto i : f) {
      const auto u = static_cast<std::uint32_t>(i);
      buffer.append(reinterpret_cast<const char*>(&u), 4);
    }
  std::ostringstream s;
  s << R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],)"
    << R"("meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1,"mode":4}]}],)"
    << R"("buffers":[{"byteLength":)" << buffer.size();
  if (uri) s << R"(,"uri":"data:application/octet-stream;base64,)" << base64(buffer) << '"';
  s << R"(}],"bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":)" << vbytes
    << R"(,"target":34962},{"buffer":0,"byteOffset":)" << vbytes << R"(,"byteLength":)"
    << buffer.size() - vbytes << R"(,"target":34963}],)"
    << R"("accessors":[{"bufferView":0,"componentType":5126,"count":)" << m.points.size()
    << R"(,"type":"VEC3","min":[)" << num(lo[0]) << ',' << num(lo[1]) << ',' << num(lo[2])
    << R"(],"max":[)" << num(hi[0]) << ',' << num(hi[1]) << ',' << num(hi[2]) << "]},"
    << R"({"bufferView":1,"componentType":5125,"count":)" << m.faces.size() * 3
    << R"(,"type":"SCALAR"}]})";
  return {s.str(), buffer};
}

void append_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

std::filesystem::path write_gltf(const Soup& soup, const std::filesystem::path& path) {
  return write_bytes(path, gltf_parts(soup, true).first);
}

std::filesystem::path write_glb(const Soup& soup, const std::filesystem::path& path) {
  auto [json, bin] = gltf_parts(soup, false);
  json.append((4 - json.size() % 4) % 4, ' ');
  bin.append((4 - bin.size() % 4) % 4, '\0');
  std::string out = "glTF";
  append_u32(out, 2);
  append_u32(out, static_cast<std::uint32_t>(12 + 8 + json.size() + 8 + bin.size()));
  append_u32(out, static_cast<std::uint32_t>(json.size()));
  out += "JSON" + json;
  append_u32(out, static_cast<std::uint32_t>(bin.size()));
  out += std::string("BIN\0", 4) + bin;
  return write_bytes(path, out);
}

namespace {

// The test folders are removed when the test program ends.
struct Cleanup {
  std::vector<std::filesystem::path> dirs;
  ~Cleanup() {
    std::error_code ec;
    for (const auto& d : dirs) std::filesystem::remove_all(d, ec);
  }
};

}  // namespace

std::filesystem::path fresh_dir(const std::string& name) {
  static Cleanup cleanup;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("archipel-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  cleanup.dirs.push_back(dir);
  return dir;
}

}  // namespace archipel::test
