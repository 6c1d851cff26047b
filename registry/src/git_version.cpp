#include "archipel/registry/git_version.hpp"

#include <fmt/format.h>
#include <git2.h>

namespace archipel::registry {

std::string git_library_version() {
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  return fmt::format("libgit2 {}.{}.{}", major, minor, rev);
}

}  // namespace archipel::registry
