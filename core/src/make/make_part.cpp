// make_part_in_process: the worker side of `archipel make` (shape, then STEP, STL and 3MF).
#include <chrono>

#include <BRepCheck_Analyzer.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "archipel/core/hash.hpp"
#include "archipel/core/safe_fs.hpp"
#include "make/make.hpp"
#include "make/shapes.hpp"
#include "make/writers.hpp"

namespace archipel::core::detail {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

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
  const auto mesh = mesh_shape(shape);
  if (!mesh) return fail(Errc::io, "meshing the shape failed", name + ".stl");
  timings["mesh"] = seconds_since(start);
  start = Clock::now();
  const auto threemf = threemf_bytes(*mesh, name);
  if (!threemf) return fail(Errc::io, "the 3MF writer failed", name + ".3mf");
  const std::string stl = stl_bytes(*mesh);
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
