// Format detection and units. Measuring is in in_process/measure.cpp (OpenCASCADE and Assimp,
// in the geometry worker) and worker/client.cpp (what callers use: the worker, spawned).
#include "archipel/core/geometry.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "geometry_detect.hpp"

namespace archipel::core {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string read_head(const std::filesystem::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);  // UTF-8 byte-order mark
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// A binary STL is an 80-byte header, a little-endian triangle count, then 50 bytes a triangle.
std::uint32_t stl_count(std::string_view head) {
  std::uint32_t count = 0;
  for (int i = 3; i >= 0; --i) count = (count << 8) | static_cast<unsigned char>(head[80 + i]);
  return count;
}

bool is_binary_stl(std::string_view head, std::uintmax_t size) {
  return head.size() >= 84 && size == 84 + std::uintmax_t{stl_count(head)} * 50;
}

// IGES: fixed 80-column records whose column 73 is a section letter, starting with S or G.
bool is_iges(std::string_view head) {
  const auto eol = head.find_first_of("\r\n");
  if (eol == std::string_view::npos || eol < 73) return false;
  const char section = head[72];
  return (section == 'S' || section == 'G') && eol <= 82;
}

std::optional<GeometryFormat> detect_text(std::string_view head, const std::string& ext) {
  const std::string_view text = trim_left(head);
  if (text.starts_with("ISO-10303-21;")) return GeometryFormat::step;
  if (text.starts_with("DBRep_DrawableShape") || text.starts_with("CASCADE Topology"))
    return GeometryFormat::brep;
  if (head.starts_with("ply\n") || head.starts_with("ply\r\n")) return GeometryFormat::ply;
  if (head.starts_with("glTF")) return GeometryFormat::glb;
  if (text.starts_with("{") && head.find("\"asset\"") != std::string_view::npos)
    return GeometryFormat::gltf;
  if (lower(text.substr(0, 5)) == "solid" && (lower(head).find("facet") != std::string::npos ||
                                               lower(head).find("endsolid") != std::string::npos))
    return GeometryFormat::stl;  // an ASCII STL, perhaps without a facet
  if (is_iges(head)) return GeometryFormat::iges;
  if (ext == ".obj" && (head.find("\nv ") != std::string_view::npos || text.starts_with("v ") ||
                        head.find("\nf ") != std::string_view::npos))
    return GeometryFormat::obj;
  return std::nullopt;
}

}  // namespace

std::optional<LengthUnit> parse_unit(std::string_view text) {
  const std::string t = lower(text);
  if (t == "mm" || t == "millimetre" || t == "millimeter") return LengthUnit::mm;
  if (t == "cm" || t == "centimetre" || t == "centimeter") return LengthUnit::cm;
  if (t == "m" || t == "metre" || t == "meter") return LengthUnit::m;
  if (t == "in" || t == "inch") return LengthUnit::inch;
  if (t == "ft" || t == "foot") return LengthUnit::ft;
  if (t == "um" || t == "micron" || t == "micrometre" || t == "micrometer") return LengthUnit::um;
  return std::nullopt;
}

std::string_view unit_name(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::mm: return "mm";
    case LengthUnit::cm: return "cm";
    case LengthUnit::m: return "m";
    case LengthUnit::inch: return "inch";
    case LengthUnit::ft: return "ft";
    case LengthUnit::um: return "um";
  }
  return "mm";
}

double unit_to_mm(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::mm: return 1.0;
    case LengthUnit::cm: return 10.0;
    case LengthUnit::m: return 1000.0;
    case LengthUnit::inch: return 25.4;
    case LengthUnit::ft: return 304.8;
    case LengthUnit::um: return 0.001;
  }
  return 1.0;
}

std::string_view format_name(GeometryFormat format) {
  static constexpr std::array names{"step", "iges", "brep", "stl", "obj", "ply", "3mf", "gltf", "glb"};
  return names[static_cast<std::size_t>(format)];
}

namespace detail {

Result<GeometryFormat> detect_format_named(const std::filesystem::path& path,
                                          const std::filesystem::path& name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail(Errc::io, "no such file", name.string());
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::io, "cannot read the file size: " + ec.message(), name.string());
  if (size == 0) return fail(Errc::io, "the file is empty", name.string());
  const std::string head = read_head(path, 4096);
  const std::string ext = lower(name.extension().string());
  if (head.starts_with("PK\x03\x04")) {
    if (ext == ".3mf" || head.find("3D/3dmodel.model") != std::string::npos ||
        head.find("[Content_Types].xml") != std::string::npos)
      return GeometryFormat::threemf;
    return fail(Errc::io, "a ZIP archive that is not a 3MF package", name.string());
  }
  if (auto f = detect_text(head, ext)) return *f;
  if (is_binary_stl(head, size)) return GeometryFormat::stl;
  if (ext == ".stl" && head.size() >= 84)
    return fail(Errc::io,
                fmt::format("binary STL whose triangle count ({}) does not match the file size "
                            "({} bytes): truncated or corrupt",
                            stl_count(head), size),
                name.string());
  return fail(Errc::io,
              "unrecognised geometry format (expected STEP, IGES, BREP, STL, OBJ, PLY, 3MF, glTF)",
              name.string());
}

}  // namespace detail

Result<GeometryFormat> detect_format(const std::filesystem::path& path) {
  return detail::detect_format_named(path, path);
}

}  // namespace archipel::core
