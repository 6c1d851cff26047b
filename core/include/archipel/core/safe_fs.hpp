#pragma once
/// \file
/// Writing files safely: every file Archipel writes is created exclusively under a random
/// temporary name in the target's folder (`O_CREAT|O_EXCL|O_NOFOLLOW`), written, flushed to disk,
/// then renamed over the target, and the folder is flushed too. A link at the target's name is
/// replaced, never followed; a crash leaves either the old file or the new one, never a mix.

#include <filesystem>
#include <string_view>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// Writes `bytes` to `path` atomically, never through a symbolic link (see the file comment).
/// `mode` is the new file's permission bits (before the umask). Errors are Errc::io and name
/// `path` as origin; on error the temporary file is removed and the target is left untouched.
[[nodiscard]] Result<void> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view bytes, unsigned mode = 0644);

}  // namespace archipel::core
