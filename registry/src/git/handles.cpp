#include "git/handles.hpp"

#include <cstdlib>
#include <mutex>

namespace archipel::registry::git {

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Shard folders hold up to a thousand entries (~40 KB); libgit2 caches only trees under
    // 4 KB by default, which made every lookup through a shard inflate it again.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(4 << 20));
    std::atexit([] { git_libgit2_shutdown(); });
  });
}

core::Error last_error(int code, const std::string& what, const std::string& origin) {
  const git_error* e = git_error_last();
  std::string detail = (e != nullptr && e->message != nullptr) ? e->message : "unknown error";
  return core::Error{core::Errc::io, what + ": " + detail + " (libgit2 " + std::to_string(code) + ")",
                     origin, {}};
}

std::string to_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

}  // namespace archipel::registry::git
