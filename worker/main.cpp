// archipel-geometry: the geometry worker. `archipel` starts it for every geometry file it
// measures (core/src/worker/client.cpp); it reads the file through OpenCASCADE or Assimp inside
// its own limits and answers in JSON lines on descriptor 3 (core/src/worker/protocol.hpp).
// `archipel-geometry --version` prints the geometry libraries' versions.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "archipel/core/export_in_process.hpp"
#include "archipel/core/geometry_in_process.hpp"
#include "confine.hpp"
#include "make/make.hpp"
#include "worker/protocol.hpp"

namespace {

using namespace archipel::core;
using namespace archipel::core::detail;

// Writes whole answer lines to the answer pipe; a parent gone away ends the worker (SIGPIPE).
void send(std::string_view line) {
  while (!line.empty()) {
    const ssize_t n = ::write(worker_reply_fd, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(1);
    line.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string measure(const WorkerRequest& request) {
  MeasureOptions options = request.options;
  if (request.progress) options.progress = [](std::string_view stage, double fraction) {
      send(progress_line(stage, fraction));
    };
  const std::filesystem::path read_path =
      request.inherited_fd ? "/proc/self/fd/" + std::to_string(worker_file_fd) : request.name;
  const auto m = measure_file_in_process(read_path, request.name, options);
  if (!m) return error_line(m.error());
  if (!all_finite(*m))
    return error_line(Error{Errc::io, "the geometry holds a number that is not finite: corrupt file", request.name, {}});
  return measurement_line(*m);
}

std::string export_file(const WorkerRequest& request) {
  ExportOptions options;
  options.unit = request.options.unit;
  options.max_bytes = request.options.max_bytes;
  options.tolerances = request.options.tolerances;
  options.linear_deflection_mm = request.linear_deflection_mm;
  options.angular_deflection_rad = request.angular_deflection_rad;
  if (request.progress) options.progress = [](std::string_view stage, double fraction) {
      send(progress_line(stage, fraction));
    };
  const std::filesystem::path read_path =
      request.inherited_fd ? "/proc/self/fd/" + std::to_string(worker_file_fd) : request.name;
  const auto file = export_in_process(read_path, request.name, request.export_format, options);
  if (!file) return error_line(file.error());
  return export_line(*file);
}

std::string answer(const WorkerRequest& request) {
  try {
    if (request.op == WorkerRequest::Op::versions) return versions_line(geometry_library_versions_in_process());
    if (request.op == WorkerRequest::Op::export_file) return export_file(request);
    return measure(request);
  } catch (const std::bad_alloc&) {
    ::_exit(worker_exit_out_of_memory);
  } catch (const std::exception& e) {
    return error_line(Error{Errc::io, std::string("the geometry reader failed: ") + e.what(), request.name, {}});
  }
}

// `--make JSON`: generate one part of `archipel make` (core/src/worker/make_client.cpp).
int make_mode(const char* text) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("parent_pid") || !doc["parent_pid"].is_number_integer()) {
    std::fputs("archipel-geometry: the make request is not a JSON object with parent_pid\n", stderr);
    return worker_exit_bad_request;
  }
  WorkerRequest limits;
  limits.parent_pid = doc["parent_pid"].get<long>();
  limits.memory_bytes = doc.value("memory_bytes", std::uint64_t{0});
  limits.cpu_seconds = doc.value("cpu_seconds", std::uint64_t{0});
  confine_worker(limits);
  try {
    const auto made = make_part_in_process(doc);
    send(made ? nlohmann::json{{"made", *made}}.dump() + "\n" : error_line(made.error()));
  } catch (const std::bad_alloc&) {
    ::_exit(worker_exit_out_of_memory);
  } catch (const std::exception& e) {
    send(error_line(Error{Errc::io, std::string("the generator failed: ") + e.what(), {}, {}}));
  }
  ::_exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view flag = argc > 1 ? argv[1] : "";
  if (argc == 2 && flag == "--version") {
    std::printf("archipel-geometry: %s\n", geometry_library_versions_in_process().c_str());
    return 0;
  }
  if (argc == 3 && flag == "--make") return make_mode(argv[2]);
  if (argc != 3 || flag != "--request") {
    std::fputs("usage: archipel-geometry --request JSON or --make JSON (archipel starts it), or --version\n", stderr);
    return worker_exit_bad_request;
  }
  const auto doc = nlohmann::json::parse(argv[2], nullptr, false);
  const auto request = doc.is_discarded() ? Result<WorkerRequest>(std::unexpected(Error{Errc::usage, "not JSON", {}, {}}))
                                          : request_from_json(doc);
  if (!request) {
    std::fprintf(stderr, "archipel-geometry: %s\n", request.error().message.c_str());
    return worker_exit_bad_request;
  }
  confine_worker(*request);
  send(answer(*request));
  ::_exit(0);  // no destructors of OpenCASCADE's static objects: the answer is sent
}
