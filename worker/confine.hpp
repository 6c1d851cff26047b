#pragma once
// The geometry worker's own limits, set on itself before it reads anything.
#include "worker/protocol.hpp"

namespace archipel::core::detail {

/// Dies with its parent (PR_SET_PDEATHSIG), leaves no core dump, limits its address space and
/// CPU time as the request says (soft and hard limits alike, so they cannot be raised again), and
/// ends with worker_exit_out_of_memory when an allocation fails.
void confine_worker(const WorkerRequest& request);

}  // namespace archipel::core::detail
