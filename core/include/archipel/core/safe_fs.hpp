#pragma once
/// \file
/// Writing files safely: every file Archipel writes is created exclusively under a random
/// temporary name in the target's folder (`O_CREAT|O_EXCL|O_NOFOLLOW`), written, flushed to disk,
/// then renamed over the target, and the folder is flushed too. A link at the target's name is
/// replaced, never followed; a crash leaves either the old file or the new one, never a mix.
///
/// Reading files safely: a part's files are opened relative to the part folder without following
/// a link at any level (`openat2` with `RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS`, or an `O_NOFOLLOW`
/// walk on kernels without it), must be regular files with exactly one link, and are then hashed
/// and measured through the same open descriptor.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// Writes `bytes` to `path` atomically, never through a symbolic link (see the file comment).
/// `mode` is the new file's permission bits (before the umask). Errors are Errc::io and name
/// `path` as origin; on error the temporary file is removed and the target is left untouched.
[[nodiscard]] Result<void> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view bytes, unsigned mode = 0644);

/// A private temporary folder (mode 0700, made with mkdtemp in the system's temporary folder,
/// named `PREFIX-XXXXXX`), removed with what is in it when destroyed. `path()` is empty when the
/// folder could not be made.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// An open file descriptor, closed when destroyed (-1: none).
class UniqueFd {
 public:
  UniqueFd() = default;
  /// Takes ownership of `fd`.
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  /// The descriptor, still owned.
  [[nodiscard]] int get() const { return fd_; }
  /// Gives up ownership and returns the descriptor.
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

/// Opens `relative` (a '/'-separated path inside `folder`) for reading, never following a
/// symbolic link in any component nor leaving `folder` (see the file comment), and checks that it
/// is a regular file with exactly one link (a hard link may name a file outside the folder).
/// Errors name the file as `"relative"` in the message and leave origin empty: Errc::invalid for
/// a link, a hard-linked, non-regular or unsafe path, Errc::io when it does not exist or cannot
/// be opened.
[[nodiscard]] Result<UniqueFd> open_beneath(const std::filesystem::path& folder, std::string_view relative);

/// The same, relative to an open folder descriptor.
[[nodiscard]] Result<UniqueFd> open_beneath(int folder_fd, std::string_view relative);

/// Reads the whole file behind `fd` from its start, refusing (Errc::invalid) a file over
/// `max_bytes` before reading it. Errors name `origin`.
[[nodiscard]] Result<std::string> read_fd(int fd, std::uintmax_t max_bytes, const std::string& origin);

/// A sealed in-memory file (memfd) holding `bytes`: no one can change it any more, so a file
/// measured through it is exactly the file that was hashed. Errors (io) name `origin`.
[[nodiscard]] Result<UniqueFd> sealed_memory_file(std::string_view bytes, const std::string& origin);

}  // namespace archipel::core
