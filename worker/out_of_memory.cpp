// Every failed allocation in the worker ends it with worker_exit_out_of_memory, so that the
// caller can say the memory limit was reached. Interposing malloc is needed because OpenCASCADE
// allocates with malloc and turns a failure into an exception that its readers report as "could
// not read the file", and C libraries return NULL: neither reaches std::set_new_handler. The
// functions forward to glibc's own allocator (__libc_*), as glibc documents for replacing malloc;
// an executable's definitions take precedence over the shared libraries' for every caller.
#include <unistd.h>

#include <cstddef>

#include "worker/protocol.hpp"

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* pointer);
}

namespace {

void* checked(void* pointer, std::size_t size) {
  if (pointer == nullptr && size != 0) ::_exit(archipel::core::detail::worker_exit_out_of_memory);
  return pointer;
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) { return checked(__libc_malloc(size), size); }

void* calloc(std::size_t count, std::size_t size) {
  return checked(__libc_calloc(count, size), count * size == 0 ? 0 : 1);
}

void* realloc(void* pointer, std::size_t size) { return checked(__libc_realloc(pointer, size), size); }

void free(void* pointer) { __libc_free(pointer); }

void* memalign(std::size_t alignment, std::size_t size) {
  return checked(__libc_memalign(alignment, size), size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) {
  return checked(__libc_memalign(alignment, size), size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return 22;  // EINVAL
  *out = checked(__libc_memalign(alignment, size), size);
  return 0;
}

}  // extern "C"
