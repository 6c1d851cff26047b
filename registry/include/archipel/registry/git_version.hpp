#pragma once
/// \file
/// Facts about the git library the registry is built on.

#include <string>

namespace archipel::registry {

/// The libgit2 version linked at run time, e.g. "libgit2 1.5.1".
[[nodiscard]] std::string git_library_version();

}  // namespace archipel::registry
