// make_part_in_process: the worker side of `archipel make` (shape, then STEP, STL and 3MF). The
// mesh and its STL and 3MF come from the export code (export/brep_export, export/mesh_writers):
// one set of writers for `make` and `export`.
#include <chrono>

#include <BRepCheck_Analyzer.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/safe_fs.hpp"
#include "make/make.hpp"
#include "make/shapes.hpp"
#include "export/brep_export.hpp"
#include "export/mesh_writers.hpp"
#include "make/writers.hpp"

namespace archipel::core::detail {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// The tolerances of generated meshes (docs/library.md): finer in angle than export's default so
// that small holes stay round in a slicer.
constexpr double make_linear_deflection_mm = 0.01;
constexpr double make_angular_deflection_rad = 0.1;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<json> write_one(const std::filesystem::path& folder, const std::string& file, const std::string& format,
                       const std::string& bytes) {
  if (auto ok = write_file_atomic(folder / file, bytes); !ok) return std::unexpected(ok.error());
  return json{{"path", file}, {"format", format}, {"sha256", sha256_hex(bytes)}};
}

Result<json> make(const json& request) {
  const std::string family = request.at("family").get<std::string>();
  const std::string name = request.at("name").get<std::string>();
  const std::filesystem::path folder = request.at("folder").get<std::string>();
  json timings = json::object();
  auto start = Clock::now();
  const TopoDS_Shape shape = family_shape(family, request.at("parameters"));
  if (shape.IsNull() || !BRepCheck_Analyzer(shape).IsValid())
    return fail(Errc::io, fmt::format("the {} generator made no valid solid (a defect; please report it)", family), name);
  timings["boolean"] = seconds_since(start);
  start = Clock::now();
  const auto step = step_bytes(shape, name);
  if (!step) return fail(Errc::io, "the STEP writer failed", name + ".step");
  timings["step"] = seconds_since(start);
  start = Clock::now();
  const auto mesh = mesh_brep(shape, make_linear_deflection_mm, make_angular_deflection_rad, default_tolerances);
  if (!mesh) return fail(Errc::io, "meshing the shape failed: " + mesh.error().message, name + ".stl");
  timings["mesh"] = seconds_since(start);
  start = Clock::now();
  const auto threemf = write_3mf(*mesh);
  if (!threemf) return fail(Errc::io, "the 3MF writer failed: " + threemf.error().message, name + ".3mf");
  const std::string stl = write_stl(*mesh);
  json files = json::array();
  for (const auto& [extension, bytes] : {std::pair{"step", &*step}, {"stl", &stl}, {"3mf", &*threemf}}) {
    auto entry = write_one(folder, name + "." + extension, extension, *bytes);
    if (!entry) return std::unexpected(entry.error());
    files.push_back(std::move(*entry));
  }
  timings["write"] = seconds_since(start);
  return json{{"files", files}, {"triangles", mesh->triangles.size()}, {"timings", timings}};
}

}  // namespace

Result<json> make_part_in_process(const json& request) {
  try {
    return make(request);
  } catch (const Standard_Failure& e) {
    return fail(Errc::io, fmt::format("the geometry kernel failed: {}", e.GetMessageString()));
  } catch (const json::exception& e) {
    return fail(Errc::usage, fmt::format("malformed make request: {}", e.what()));
  }
}

}  // namespace archipel::core::detail
