// make_part_files: `archipel make` asks the geometry worker (`archipel-geometry --make JSON`) to
// build a part and write its files; this side reads the one answer line. The worker runs under
// the limits of every geometry worker, ARCHIPEL_GEOMETRY_TIME_LIMIT and _MEMORY_LIMIT, whose
// defaults here are larger than a measurement's because a 40 x 40-module plate is legitimate.
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archipel/core/families.hpp"
#include "worker/export_client.hpp"
#include "worker/process.hpp"
#include "worker/protocol.hpp"

namespace archipel::core {
namespace {

using nlohmann::json;

constexpr double default_make_seconds = 900;
constexpr std::uint64_t default_make_memory_bytes = std::uint64_t{6} << 30;

Result<std::vector<MadeFile>> files_from(const json& made, const std::string& origin) {
  const auto unreadable = [&] { return fail(Errc::io, "the generator's answer cannot be read", origin); };
  if (!made.is_object() || !made.contains("files") || !made["files"].is_array()) return unreadable();
  std::vector<MadeFile> out;
  for (const auto& f : made["files"]) {
    if (!f.is_object() || !f.contains("path") || !f.contains("format") || !f.contains("sha256") ||
        !f["path"].is_string() || !f["format"].is_string() || !f["sha256"].is_string())
      return unreadable();
    out.push_back({f["path"].get<std::string>(), f["format"].get<std::string>(), f["sha256"].get<std::string>()});
  }
  return out;
}

Result<std::vector<MadeFile>> answer_files(const std::vector<std::string>& lines, const std::string& origin) {
  if (lines.size() != 1) return fail(Errc::io, "the generator gave no single answer line", origin);
  const json doc = json::parse(lines.front(), nullptr, false);
  if (doc.is_object() && doc.size() == 1 && doc.contains("made")) return files_from(doc["made"], origin);
  if (doc.is_object() && doc.size() == 1 && doc.contains("error") && doc["error"].is_object() &&
      doc["error"].value("message", json()).is_string())
    return fail(Errc::io, doc["error"]["message"].get<std::string>(),
                doc["error"].value("origin", json()).is_string() ? doc["error"]["origin"].get<std::string>() : origin);
  return fail(Errc::io, "the generator's answer cannot be read", origin);
}

}  // namespace

Result<std::vector<MadeFile>> make_part_files(const PartPlan& plan, const std::filesystem::path& folder) {
  auto executable = detail::find_geometry_worker();
  if (!executable) return std::unexpected(executable.error());
  auto limits = detail::geometry_limits_from_env();
  if (!limits) return std::unexpected(limits.error());
  const double make_seconds = limits->seconds.value_or(default_make_seconds);
  const std::uint64_t make_memory_bytes = limits->memory_bytes.value_or(default_make_memory_bytes);
  const json request{{"family", plan.family}, {"name", plan.name}, {"parameters", plan.parameters},
                     {"folder", folder.string()}, {"parent_pid", static_cast<long>(::getpid())},
                     {"memory_bytes", make_memory_bytes}, {"cpu_seconds", static_cast<std::uint64_t>(2 * make_seconds)}};
  std::vector<std::string> lines;
  detail::WorkerRun run;
  run.executable = *executable;
  run.args = {"--make", request.dump()};
  run.seconds = make_seconds;
  run.max_answer_bytes = 1u << 20;
  run.on_line = [&](std::string_view line) { lines.emplace_back(line); };
  auto exit = detail::run_worker_process(run);
  if (!exit) return std::unexpected(with_origin(exit.error(), plan.name));
  if (exit->timed_out) return fail(Errc::io, fmt::format("the generator took more than {:g} s and was stopped "
                                      "(ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)", make_seconds), plan.name);
  const int status = exit->wait_status;
  if (WIFSIGNALED(status))
    return fail(Errc::io, fmt::format("the generator crashed ({})", detail::signal_description(WTERMSIG(status))), plan.name);
  if (WIFEXITED(status) && WEXITSTATUS(status) == detail::worker_exit_out_of_memory)
    return fail(Errc::io, fmt::format("the generator needed more than {} MiB of memory "
                                      "(ARCHIPEL_GEOMETRY_MEMORY_LIMIT raises the limit)", make_memory_bytes >> 20), plan.name);
  return answer_files(lines, plan.name);
}

}  // namespace archipel::core
