#include "measure.hpp"

#include "manifest_view.hpp"

namespace archipel::registry::detail {
using nlohmann::json;

core::Result<Measured> measure_part(const json& manifest, const std::filesystem::path& /*dir*/,
                                    const RegistryConfig& config, bool /*allow_nonconforming*/,
                                    const std::string& /*origin*/) {
  auto d = dimensions(manifest);
  std::string grid = grid_standard(manifest);
  Measured out;
  out.verdict = "not-measured";
  out.document = json{{"grid", grid.empty() ? config.grid : grid},
                      {"declared", {{"width", d[0]}, {"depth", d[1]}, {"height", d[2]}}},
                      {"files", json::array()},
                      {"verdict", out.verdict}};
  return out;
}

}  // namespace archipel::registry::detail
