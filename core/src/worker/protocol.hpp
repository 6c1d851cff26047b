#pragma once
// Private: what the `archipel` side and the geometry worker (`archipel-geometry`) say to each
// other. The request is one JSON document in argv (`archipel-geometry --request JSON`); the
// answer is JSON lines on file descriptor 3: any number of {"progress": "...", "fraction": f} lines, then one
// final line, {"measurement": {...}} (measurement_to_json with exact numbers), {"export":
// {"report": {...}, "bytes": "<base64>"}}, {"error": {...}} or {"versions": "..."}. The worker's stdin, stdout and stderr are /dev/null; the file it
// measures may be inherited as descriptor 4. See docs/geometry-worker.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "archipel/core/export.hpp"
#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

inline constexpr int worker_protocol_version = 2;  ///< 2: the "export" request
inline constexpr int worker_reply_fd = 3;  ///< the answer's pipe, in the worker
inline constexpr int worker_file_fd = 4;   ///< the inherited file, in the worker
/// The worker's exit status when an allocation failed under its memory limit.
inline constexpr int worker_exit_out_of_memory = 86;
/// The worker's exit status when its request cannot be read (a bug, not a hostile file).
inline constexpr int worker_exit_bad_request = 2;

/// What the worker is asked to do.
struct WorkerRequest {
  enum class Op { measure, versions, export_file };
  Op op = Op::measure;
  long parent_pid = 0;            ///< the worker dies with this process
  std::string name;               ///< the file as the caller names it (errors, extension)
  bool inherited_fd = false;      ///< measure descriptor worker_file_fd instead of `name`
  MeasureOptions options;         ///< unit, material, max_bytes, tolerances (not limits)
  bool progress = false;          ///< send progress lines
  std::uint64_t memory_bytes = 0; ///< RLIMIT_AS the worker sets on itself (0: none)
  std::uint64_t cpu_seconds = 0;  ///< RLIMIT_CPU the worker sets on itself (0: none)
  ExportFormat export_format = ExportFormat::stl;  ///< export_file only
  double linear_deflection_mm = default_export_linear_deflection_mm;    ///< export_file only
  double angular_deflection_rad = default_export_angular_deflection_rad;///< export_file only
};

/// The largest export answer line read from the worker (the output is in it, in base64).
inline constexpr std::size_t max_export_answer_bytes = std::size_t{768} << 20;

[[nodiscard]] nlohmann::json request_to_json(const WorkerRequest& request);

/// Strict reader of request_to_json's output; errors are Errc::usage.
[[nodiscard]] Result<WorkerRequest> request_from_json(const nlohmann::json& doc);

/// One answer line each, newline included.
[[nodiscard]] std::string progress_line(std::string_view stage, double fraction);
[[nodiscard]] std::string measurement_line(const PartMeasurement& m);
[[nodiscard]] std::string error_line(const Error& error);
[[nodiscard]] std::string versions_line(std::string_view versions);
[[nodiscard]] std::string export_line(const ExportedFile& file);

/// The bytes and report of an {"export": ...} answer. Errors (io): malformed.
[[nodiscard]] Result<ExportedFile> exported_from_json(const nlohmann::json& doc);

/// Every number of `m` finite (JSON cannot carry the others).
[[nodiscard]] bool all_finite(const PartMeasurement& m);

/// Whether `text` nests arrays and objects at most `max_depth` deep (checked before parsing an
/// answer: the parser recurses, and an answer is not trusted to be well-formed).
[[nodiscard]] bool json_depth_within(std::string_view text, int max_depth);

}  // namespace archipel::core::detail
