// STL and 3MF writers. STL is a few bytes per triangle; 3MF is XML in a ZIP package, zipped with
// libzip (already Archipel's 3MF reader's ZIP layer) into memory.
#include "export/mesh_writers.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <zip.h>

namespace archipel::core::detail {
namespace {

static_assert(std::endian::native == std::endian::little, "the STL writer assumes a little-endian host");

void put_float(std::string& out, double v) {
  const float f = static_cast<float>(v);
  char bytes[4];
  std::memcpy(bytes, &f, 4);
  out.append(bytes, 4);
}

void put_u32(std::string& out, std::uint32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out.append(bytes, 4);
}

std::string coordinate(double v) {
  double r = std::round(v * 1e9) / 1e9;
  if (r == 0) r = 0;  // never "-0"
  return fmt::format("{}", r);
}

std::string model_xml(const Mesh& mesh) {
  std::string out;
  out.reserve(mesh.vertices.size() * 60 + mesh.triangles.size() * 50 + 512);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<model unit=\"millimeter\" xml:lang=\"en-US\" "
         "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\">\n"
         " <metadata name=\"Application\">Archipel</metadata>\n"
         " <resources>\n  <object id=\"1\" type=\"model\">\n   <mesh>\n    <vertices>\n";
  for (const auto& v : mesh.vertices)
    out += fmt::format("     <vertex x=\"{}\" y=\"{}\" z=\"{}\"/>\n", coordinate(v[0]), coordinate(v[1]),
                       coordinate(v[2]));
  out += "    </vertices>\n    <triangles>\n";
  for (const auto& t : mesh.triangles)
    out += fmt::format("     <triangle v1=\"{}\" v2=\"{}\" v3=\"{}\"/>\n", t[0], t[1], t[2]);
  out += "    </triangles>\n   </mesh>\n  </object>\n </resources>\n"
         " <build>\n  <item objectid=\"1\"/>\n </build>\n</model>\n";
  return out;
}

constexpr const char* content_types =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"model\" ContentType=\"application/vnd.ms-package.3dmanufacturing-3dmodel+xml\"/>"
    "</Types>\n";

constexpr const char* relationships =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Target=\"/3D/3dmodel.model\" Id=\"rel0\" "
    "Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel\"/>"
    "</Relationships>\n";

Result<void> zip_failed(const char* what, zip_error_t* error) {
  return fail(Errc::io, fmt::format("could not write the 3MF package ({}: {})", what,
                                    error ? zip_error_strerror(error) : "unknown error"));
}

// Adds one entry from `data` (which must outlive zip_close), deflated, dated 1980-01-01 00:00.
Result<void> add_entry(zip_t* zip, const char* name, const std::string& data) {
  zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
  if (source == nullptr) return zip_failed("buffer", zip_get_error(zip));
  const zip_int64_t index = zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return zip_failed("add", zip_get_error(zip));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  constexpr zip_uint16_t dos_time = 0, dos_date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01 00:00:00
  if (zip_set_file_compression(zip, i, ZIP_CM_DEFLATE, 9) != 0 ||
      zip_file_set_dostime(zip, i, dos_time, dos_date, 0) != 0)
    return zip_failed("entry", zip_get_error(zip));
  return {};
}

Result<std::string> read_source(zip_source_t* source) {
  if (zip_source_open(source) != 0) return std::unexpected(zip_failed("reopen", zip_source_error(source)).error());
  std::string out;
  char buffer[1 << 16];
  zip_int64_t n = 0;
  while ((n = zip_source_read(source, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  zip_source_close(source);
  if (n < 0) return std::unexpected(zip_failed("read back", zip_source_error(source)).error());
  return out;
}

}  // namespace

std::string write_stl(const Mesh& mesh) {
  std::string out(80, ' ');
  const std::string_view title = "Archipel export: binary STL in millimetres";
  out.replace(0, title.size(), title);
  out.reserve(84 + mesh.triangles.size() * 50);
  put_u32(out, static_cast<std::uint32_t>(mesh.triangles.size()));
  for (const auto& t : mesh.triangles) {
    const Vec3 n = area_normal(mesh, t);
    const double length = norm(n);
    for (double c : n) put_float(out, length > 0 ? c / length : 0.0);
    for (auto v : t)
      for (double c : mesh.vertices[v]) put_float(out, c);
    out.append(2, '\0');
  }
  return out;
}

Result<std::string> write_3mf(const Mesh& mesh) {
  const std::string model = model_xml(mesh);
  const std::string types = content_types, rels = relationships;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (source == nullptr) return std::unexpected(zip_failed("create", &error).error());
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(source, zip_source_free);
  zip_source_keep(source);  // zip_close would free it otherwise; we read it back after
  zip_t* zip = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    zip_source_free(source);  // the reference zip_open_from_source did not take
    return std::unexpected(zip_failed("open", &error).error());
  }
  for (const auto& [name, data] : {std::pair{"[Content_Types].xml", &types}, std::pair{"_rels/.rels", &rels},
                                   std::pair{"3D/3dmodel.model", &model}}) {
    if (auto ok = add_entry(zip, name, *data); !ok) {
      zip_discard(zip);
      return std::unexpected(ok.error());
    }
  }
  if (zip_close(zip) != 0) {
    auto e = zip_failed("close", zip_get_error(zip));
    zip_discard(zip);
    return std::unexpected(e.error());
  }
  return read_source(source);
}

}  // namespace archipel::core::detail
