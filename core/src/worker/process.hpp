#pragma once
// Private: starting the geometry worker with posix_spawn and reading its answer lines under a
// wall-clock deadline. Knows processes, not measurements (client.cpp gives the lines meaning).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::core::detail {

/// One run of the worker.
struct WorkerRun {
  std::filesystem::path executable;
  std::vector<std::string> args;      ///< after argv[0]
  int inherited_fd = -1;              ///< becomes worker_file_fd in the worker when >= 0
  double seconds = 30;                ///< killed (SIGKILL) when still running after this
  std::size_t max_answer_bytes = 64u << 20;  ///< killed when it writes more
  std::function<void(std::string_view)> on_line;  ///< each complete answer line, without '\n'
};

/// How the run ended.
struct WorkerExit {
  int wait_status = 0;        ///< as from waitpid
  bool timed_out = false;     ///< killed by us at the deadline
  bool too_large = false;     ///< killed by us: the answer passed max_answer_bytes
  bool partial_line = false;  ///< bytes after the last newline (an answer cut short)
};

/// Starts the worker (stdin, stdout, stderr on /dev/null; the answer pipe as descriptor 3; no
/// other descriptor inherited; default signal dispositions), reads its answer until it closes
/// the pipe, and reaps it. Errors (io): it cannot be started.
[[nodiscard]] Result<WorkerExit> run_worker_process(const WorkerRun& run);

/// The worker executable: $ARCHIPEL_GEOMETRY_WORKER when set, else `archipel-geometry` beside
/// the running executable, else ../libexec/archipel/archipel-geometry from it. Errors (io).
[[nodiscard]] Result<std::filesystem::path> find_geometry_worker();

/// "segmentation fault" for SIGSEGV, and so on.
[[nodiscard]] std::string signal_description(int signal);

}  // namespace archipel::core::detail
