#include "confine.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <new>

namespace archipel::core::detail {
namespace {

// Lowers a limit; never asks for more than the current hard limit (which would fail).
void set_limit(int resource, rlim_t soft, rlim_t hard) {
  rlimit limit{};
  if (::getrlimit(resource, &limit) != 0) return;
  if (limit.rlim_max != RLIM_INFINITY) {
    soft = std::min(soft, limit.rlim_max);
    hard = std::min(hard, limit.rlim_max);
  }
  limit = {soft, hard};
  ::setrlimit(resource, &limit);
}

}  // namespace

void confine_worker(const WorkerRequest& request) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (request.parent_pid != 0 && ::getppid() != request.parent_pid) ::_exit(1);  // already orphaned
  set_limit(RLIMIT_CORE, 0, 0);
  ::prctl(PR_SET_DUMPABLE, 0);
  if (request.memory_bytes != 0) set_limit(RLIMIT_AS, request.memory_bytes, request.memory_bytes);
  // SIGXCPU at the soft limit (reported as such), SIGKILL two seconds later should it be caught.
  if (request.cpu_seconds != 0) set_limit(RLIMIT_CPU, request.cpu_seconds, request.cpu_seconds + 2);
  std::set_new_handler([] { ::_exit(worker_exit_out_of_memory); });
}

}  // namespace archipel::core::detail
