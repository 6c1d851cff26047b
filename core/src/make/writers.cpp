// STEP through OpenCASCADE's writer (fixed header); STL and 3MF written here from the shape's
// triangulation, because OCCT 7.6 writes neither 3MF nor to memory, and both files must be the
// same bytes on every run (libzip with fixed entry dates for the 3MF package).
#include "make/writers.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <APIHeaderSection_MakeHeader.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRep_Tool.hxx>
#include <Interface_Static.hxx>
#include <Poly_Triangulation.hxx>
#include <STEPControl_Controller.hxx>
#include <STEPControl_Writer.hxx>
#include <TCollection_HAsciiString.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <fmt/format.h>
#include <zip.h>

namespace archipel::core::detail {
namespace {

std::optional<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return std::nullopt;
  return bytes.str();
}

// A private temporary folder, removed with what is in it.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/archipel-make-XXXXXX";
    if (::mkdtemp(pattern.data())) path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_f32(std::string& out, double v) {
  const float f = static_cast<float>(v);
  char b[4];
  std::memcpy(b, &f, 4);  // little-endian hosts only (x86-64, arm64), as STL requires
  out.append(b, 4);
}

// One zip entry: the bytes are copied into libzip, which frees them.
bool add_entry(zip_t* zip, const char* name, const std::string& data) {
  void* copy = std::malloc(data.size());
  if (copy == nullptr) return false;
  std::memcpy(copy, data.data(), data.size());
  zip_source_t* source = zip_source_buffer(zip, copy, data.size(), 1);
  if (source == nullptr) return std::free(copy), false;
  const zip_int64_t index = zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0) return zip_source_free(source), false;
  constexpr time_t fixed = 315532800 + 12 * 3600;  // 1980-01-01 12:00 UTC: a DOS date in every zone
  return zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), fixed, 0) == 0 &&
         zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9) == 0;
}

std::string model_xml(const Triangles& mesh, const std::string& name) {
  std::string xml = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\" xml:lang=\"en-US\" "
      "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\">\n <metadata name=\"Title\">{}</metadata>\n"
      " <resources>\n  <object id=\"1\" type=\"model\">\n   <mesh>\n    <vertices>\n", name);
  for (const auto& v : mesh.vertices) xml += fmt::format("     <vertex x=\"{}\" y=\"{}\" z=\"{}\"/>\n", v[0], v[1], v[2]);
  xml += "    </vertices>\n    <triangles>\n";
  for (const auto& t : mesh.triangles) xml += fmt::format("     <triangle v1=\"{}\" v2=\"{}\" v3=\"{}\"/>\n", t[0], t[1], t[2]);
  xml += "    </triangles>\n   </mesh>\n  </object>\n </resources>\n <build>\n  <item objectid=\"1\"/>\n </build>\n</model>\n";
  return xml;
}

}  // namespace

std::optional<std::string> step_bytes(const TopoDS_Shape& shape, const std::string& name) {
  STEPControl_Controller::Init();
  STEPControl_Writer writer;
  Interface_Static::SetCVal("write.step.unit", "MM");
  Interface_Static::SetCVal("write.step.schema", "AP214IS");
  if (writer.Transfer(shape, STEPControl_AsIs) != IFSelect_RetDone) return std::nullopt;
  APIHeaderSection_MakeHeader header(writer.Model());
  header.SetName(new TCollection_HAsciiString(name.c_str()));
  header.SetTimeStamp(new TCollection_HAsciiString("2000-01-01T00:00:00"));
  header.SetOriginatingSystem(new TCollection_HAsciiString("Archipel make"));
  header.SetAuthorValue(1, new TCollection_HAsciiString("Archipel generic parts"));
  header.SetOrganizationValue(1, new TCollection_HAsciiString("Archipel"));
  TempDir temp;
  if (temp.path.empty()) return std::nullopt;
  const auto file = temp.path / "part.step";
  if (writer.Write(file.c_str()) != IFSelect_RetDone) return std::nullopt;
  return read_all(file);
}

std::optional<Triangles> mesh_shape(const TopoDS_Shape& shape) {
  BRepMesh_IncrementalMesh mesher(shape, 0.01, false, 0.1, false);
  if (!mesher.IsDone()) return std::nullopt;
  Triangles out;
  // Faces meet on shared edge nodes whose coordinates may differ in the last bits: vertices are
  // merged on a 1e-6 mm lattice, far below any tolerance of the standards.
  std::map<std::array<long long, 3>, std::uint32_t> index;
  const auto vertex = [&](const gp_Pnt& p) {
    const std::array<long long, 3> key{std::llround(p.X() * 1e6), std::llround(p.Y() * 1e6), std::llround(p.Z() * 1e6)};
    const auto [it, added] = index.emplace(key, static_cast<std::uint32_t>(out.vertices.size()));
    if (added) out.vertices.push_back({key[0] / 1e6, key[1] / 1e6, key[2] / 1e6});
    return it->second;
  };
  for (TopExp_Explorer e(shape, TopAbs_FACE); e.More(); e.Next()) {
    const TopoDS_Face& face = TopoDS::Face(e.Current());
    TopLoc_Location location;
    const Handle(Poly_Triangulation) tri = BRep_Tool::Triangulation(face, location);
    if (tri.IsNull()) return std::nullopt;
    const bool reversed = face.Orientation() == TopAbs_REVERSED;
    for (int i = 1; i <= tri->NbTriangles(); ++i) {
      int a = 0, b = 0, c = 0;
      tri->Triangle(i).Get(a, b, c);
      if (reversed) std::swap(b, c);
      const auto t = location.Transformation();
      std::array<std::uint32_t, 3> ids{vertex(tri->Node(a).Transformed(t)), vertex(tri->Node(b).Transformed(t)),
                                       vertex(tri->Node(c).Transformed(t))};
      if (ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2]) continue;  // degenerate after merging
      out.triangles.push_back(ids);
    }
  }
  return out;
}

std::string stl_bytes(const Triangles& mesh) {
  std::string out = "binary STL written by Archipel make";
  out.resize(80, ' ');
  put_u32(out, static_cast<std::uint32_t>(mesh.triangles.size()));
  for (const auto& t : mesh.triangles) {
    const auto& a = mesh.vertices[t[0]];
    const auto& b = mesh.vertices[t[1]];
    const auto& c = mesh.vertices[t[2]];
    const std::array<double, 3> u{b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v{c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    std::array<double, 3> n{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    const double length = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    for (double& x : n) x = length > 0 ? x / length : 0;
    for (double x : n) put_f32(out, x);
    for (const auto* p : {&a, &b, &c})
      for (double x : *p) put_f32(out, x);
    out += std::string(2, '\0');
  }
  return out;
}

std::optional<std::string> threemf_bytes(const Triangles& mesh, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return std::nullopt;
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (zip == nullptr) return zip_source_free(buffer), std::nullopt;
  const bool ok =
      add_entry(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"model\" ContentType=\"application/vnd.ms-package.3dmanufacturing-3dmodel+xml\"/></Types>\n") &&
      add_entry(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                "<Relationship Target=\"/3D/3dmodel.model\" Id=\"rel0\" Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel\"/></Relationships>\n") &&
      add_entry(zip, "3D/3dmodel.model", model_xml(mesh, name));
  if (!ok || zip_close(zip) != 0) {
    if (!ok) zip_discard(zip);
    zip_source_free(buffer);
    return std::nullopt;
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    bytes.resize(static_cast<std::size_t>(std::max<zip_int64_t>(size, 0)));
    if (size < 0 || zip_source_read(buffer, bytes.data(), size) != size) bytes.clear();
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  if (bytes.empty()) return std::nullopt;
  return bytes;
}

}  // namespace archipel::core::detail
