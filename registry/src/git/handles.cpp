#include "git/handles.hpp"

#include <cstdlib>
#include <mutex>

namespace archipel::registry::git {

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
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
