// measure_file and geometry_library_versions: what the rest of Archipel calls. Each call starts
// one geometry worker (archipel-geometry) under limits, reads its answer lines and turns every
// way it can fail into one io error naming the file.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archipel/core/geometry.hpp"
#include "archipel/core/measurement_json.hpp"
#include "archipel/core/version.hpp"
#include "worker/export_client.hpp"
#include "worker/process.hpp"
#include "worker/protocol.hpp"

namespace archipel::core {
namespace {

using detail::WorkerExit;
using detail::WorkerRequest;
using nlohmann::json;

constexpr const char* time_variable = "ARCHIPEL_GEOMETRY_TIME_LIMIT";
constexpr const char* memory_variable = "ARCHIPEL_GEOMETRY_MEMORY_LIMIT";

struct Limits {
  double seconds = 0;
  std::uint64_t memory_bytes = 0;
  std::uint64_t cpu_seconds = 0;
};

// A positive number from the environment, or nothing when the variable is unset or empty.
Result<std::optional<double>> env_number(const char* name, const char* what) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::optional<double>{};
  double value = 0;
  const char* end = text + std::char_traits<char>::length(text);
  const auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value <= 0 || value > 1e9)
    return fail(Errc::usage, fmt::format("{} must be a positive number of {}, not \"{}\"", name, what, text));
  return std::optional<double>{value};
}

Result<Limits> limits_for(std::uintmax_t file_bytes, const WorkerLimits& given) {
  auto env_seconds = env_number(time_variable, "seconds");
  if (!env_seconds) return std::unexpected(env_seconds.error());
  auto env_mib = env_number(memory_variable, "MiB");
  if (!env_mib) return std::unexpected(env_mib.error());
  const double mb = static_cast<double>(file_bytes) / 1e6;
  Limits l;
  l.seconds = given.seconds.value_or(env_seconds->value_or(30.0 + 4.0 * mb));
  l.memory_bytes = given.memory_bytes.value_or(
      *env_mib ? static_cast<std::uint64_t>(**env_mib * 1024 * 1024)
               : (std::uint64_t{2} << 30) + 40 * static_cast<std::uint64_t>(file_bytes));
  // CPU time is a second guard, for a worker whose caller is gone; readers may use threads.
  l.cpu_seconds = static_cast<std::uint64_t>(std::ceil(2 * l.seconds));
  return l;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 200))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  return out;
}

// The answer lines: progress is passed on, the one final line kept, anything else noted.
struct Answer {
  std::optional<json> final;
  std::string garbage;  // why the answer cannot be read; empty when it can

  void take(std::string_view line, const MeasureProgress& progress) {
    if (!garbage.empty()) return;
    if (final) return void(garbage = "more after its final answer");
    if (!detail::json_depth_within(line, 32)) return void(garbage = "nested too deeply");
    json doc = json::parse(line, nullptr, false);
    // A progress line is {"progress": stage} or {"progress": stage, "fraction": f}; the final
    // answer is one object with one key.
    const bool is_progress = doc.is_object() && doc.contains("progress") &&
                             (doc.size() == 1 || (doc.size() == 2 && doc.contains("fraction")));
    if (doc.is_discarded() || !doc.is_object() || (doc.size() != 1 && !is_progress))
      return void(garbage = "not one JSON object with one key a line");
    if (is_progress && doc["progress"].is_string()) {
      double fraction = 0;
      if (doc.contains("fraction") && doc["fraction"].is_number()) {
        fraction = doc["fraction"].get<double>();
        if (!(fraction >= 0 && fraction <= 1)) fraction = 0;  // also catches NaN
      }
      if (progress) progress(printable(doc["progress"].get<std::string>()), fraction);
      return;
    }
    final = std::move(doc);
  }
};

std::string mib(std::uint64_t bytes) { return fmt::format("{} MiB", bytes >> 20); }

// Why the worker gave no usable answer, or nothing when it did.
std::optional<std::string> failure(const WorkerExit& e, const Answer& a, const Limits& l) {
  if (e.timed_out)
    return fmt::format("the geometry reader took more than {:g} s and was stopped (corrupt or hostile "
                       "file? {} raises the limit)", l.seconds, time_variable);
  if (e.too_large) return "the geometry reader's answer was too large; it was stopped";
  const int status = e.wait_status;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
    return fmt::format("the geometry reader used more than {} s of processor time and was stopped "
                       "(corrupt or hostile file? {} raises the limit)", l.cpu_seconds, time_variable);
  if (WIFSIGNALED(status))
    return fmt::format("the geometry reader crashed ({}): corrupt or hostile file",
                       detail::signal_description(WTERMSIG(status)));
  if (WIFEXITED(status) && WEXITSTATUS(status) == detail::worker_exit_out_of_memory)
    return fmt::format("the geometry reader needed more than {} of memory and was stopped (corrupt "
                       "or hostile file? {} raises the limit)", mib(l.memory_bytes), memory_variable);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return fmt::format("the geometry reader stopped with exit status {} and no answer",
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  if (!a.garbage.empty() || e.partial_line)
    return fmt::format("the geometry reader gave an answer that cannot be read ({})",
                       a.garbage.empty() ? "cut short" : a.garbage);
  if (!a.final) return "the geometry reader stopped without an answer";
  return std::nullopt;
}

// Runs one request; the worker's final answer line, or an io error naming `origin`.
Result<json> ask_worker(WorkerRequest request, int fd, const std::string& origin, const Limits& limits,
                        const MeasureProgress& progress, std::size_t max_answer_bytes = 64u << 20) {
  auto executable = detail::find_geometry_worker();
  if (!executable) return std::unexpected(executable.error());
  request.parent_pid = static_cast<long>(::getpid());
  request.memory_bytes = limits.memory_bytes;
  request.cpu_seconds = limits.cpu_seconds;
  request.progress = static_cast<bool>(progress);
  Answer answer;
  detail::WorkerRun run;
  run.executable = *executable;
  run.args = {"--request", detail::request_to_json(request).dump()};
  run.inherited_fd = fd;
  run.seconds = limits.seconds;
  run.max_answer_bytes = max_answer_bytes;
  run.on_line = [&](std::string_view line) { answer.take(line, progress); };
  auto exit = detail::run_worker_process(run);
  if (!exit) return std::unexpected(with_origin(exit.error(), origin));
  if (auto why = failure(*exit, answer, limits)) return fail(Errc::io, *why, origin);
  return std::move(*answer.final);
}

Result<void> unreadable(const std::string& what, const std::string& origin) {
  return fail(Errc::io, fmt::format("the geometry reader gave an answer that cannot be read ({})", what),
              origin);
}

// The worker's {"error": {...}} as the Error it stands for.
Error error_from_answer(const json& e, const std::string& origin) {
  const bool ok = e.is_object() && e.size() == 4 && e.contains("code") && e["code"].is_number_integer() &&
                  e.contains("message") && e["message"].is_string() && e.contains("origin") &&
                  e["origin"].is_string() && e.contains("pointer") && e["pointer"].is_string();
  const int code = ok ? e["code"].get<int>() : 0;
  if (!ok || code < static_cast<int>(Errc::invalid) || code > static_cast<int>(Errc::io))
    return unreadable("a malformed error", origin).error();
  return Error{static_cast<Errc>(code), e["message"].get<std::string>(), e["origin"].get<std::string>(),
               e["pointer"].get<std::string>()};
}

Result<PartMeasurement> measurement_from_answer(const json& answer, const std::string& origin) {
  if (answer.contains("error")) return std::unexpected(error_from_answer(answer["error"], origin));
  if (!answer.contains("measurement")) return std::unexpected(unreadable("no measurement", origin).error());
  auto m = measurement_from_json(answer["measurement"]);
  if (!m)
    return std::unexpected(
        unreadable(fmt::format("measurement{}{}: {}", m.error().pointer.empty() ? "" : " at ",
                               m.error().pointer, m.error().message), origin).error());
  return m;
}

Result<PartMeasurement> measure_in_worker(const std::string& name, int fd, std::uintmax_t file_bytes,
                                          const MeasureOptions& options) {
  auto limits = limits_for(file_bytes, options.limits);
  if (!limits) return std::unexpected(limits.error());
  WorkerRequest request;
  request.name = name;
  request.inherited_fd = fd >= 0;
  request.options = options;
  auto answer = ask_worker(std::move(request), fd, name, *limits, options.progress);
  if (!answer) return std::unexpected(answer.error());
  return measurement_from_answer(*answer, name);
}

}  // namespace

namespace detail {

Result<WorkerLimits> geometry_limits_from_env() {
  auto seconds = env_number(time_variable, "seconds");
  if (!seconds) return std::unexpected(seconds.error());
  auto mib = env_number(memory_variable, "MiB");
  if (!mib) return std::unexpected(mib.error());
  WorkerLimits limits;
  limits.seconds = *seconds;
  if (*mib) limits.memory_bytes = static_cast<std::uint64_t>(**mib * 1024 * 1024);
  return limits;
}

Result<ExportedFile> export_in_worker(const std::filesystem::path& path, ExportFormat format,
                                      const ExportOptions& options) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);  // only for the limits
  auto limits = limits_for(ec ? 0 : bytes, options.limits);
  if (!limits) return std::unexpected(limits.error());
  WorkerRequest request;
  request.op = WorkerRequest::Op::export_file;
  request.name = path.string();
  request.options.unit = options.unit;
  request.options.max_bytes = options.max_bytes;
  request.options.tolerances = options.tolerances;
  request.export_format = format;
  request.linear_deflection_mm = options.linear_deflection_mm;
  request.angular_deflection_rad = options.angular_deflection_rad;
  auto answer = ask_worker(std::move(request), -1, path.string(), *limits, options.progress,
                           max_export_answer_bytes);
  if (!answer) return std::unexpected(answer.error());
  if (answer->contains("error")) return std::unexpected(error_from_answer((*answer)["error"], path.string()));
  if (!answer->contains("export")) return std::unexpected(unreadable("no export", path.string()).error());
  auto file = exported_from_json((*answer)["export"]);
  if (!file) return std::unexpected(with_origin(file.error(), path.string()));
  return file;
}

}  // namespace detail

Result<PartMeasurement> measure_file(const std::filesystem::path& path, const MeasureOptions& options) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);  // only for the limits
  return measure_in_worker(path.string(), -1, ec ? 0 : bytes, options);
}

Result<PartMeasurement> measure_file(int fd, const std::filesystem::path& name, const MeasureOptions& options) {
  struct stat st{};
  if (fd < 0 || ::fstat(fd, &st) != 0) return fail(Errc::io, "not an open file", name.string());
  return measure_in_worker(name.string(), fd, static_cast<std::uintmax_t>(st.st_size), options);
}

Result<std::string> geometry_library_versions() {
  WorkerRequest request;
  request.op = WorkerRequest::Op::versions;
  auto limits = limits_for(0, {});
  if (!limits) return std::unexpected(limits.error());
  auto answer = ask_worker(std::move(request), -1, "", *limits, {});
  if (!answer) return std::unexpected(answer.error());
  if (!answer->contains("versions") || !(*answer)["versions"].is_string())
    return std::unexpected(unreadable("no versions", "").error());
  return printable((*answer)["versions"].get<std::string>());
}

}  // namespace archipel::core
