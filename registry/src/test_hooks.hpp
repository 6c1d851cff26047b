#pragma once
// Fault injection for tests only: ARCHIPEL_TEST_CRASH_AFTER=<point> makes a writer die (exit 9,
// as abruptly as a kill) at a named point, to prove what a crash there leaves behind:
//   objects   after the commit's objects are written, before the ref moves;
//   ref-lock  while holding refs/heads/main.lock (the ref not yet moved);
//   commit    after the ref moved, before publish writes the serial back into part.json.

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace archipel::registry::detail {

/// Dies (exit 9) when ARCHIPEL_TEST_CRASH_AFTER names `point`.
inline void crash_hook(std::string_view point) {
  const char* want = std::getenv("ARCHIPEL_TEST_CRASH_AFTER");
  if (want != nullptr && point == want) ::_exit(9);
}

/// At the point "ref-lock": creates `lock` as libgit2 does before moving a ref, then dies.
inline void crash_holding_ref_lock(const std::filesystem::path& lock) {
  const char* want = std::getenv("ARCHIPEL_TEST_CRASH_AFTER");
  if (want == nullptr || std::string_view(want) != "ref-lock") return;
  int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
  ::_exit(9);
}

}  // namespace archipel::registry::detail
