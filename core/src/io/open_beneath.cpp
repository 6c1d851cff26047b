// Link-refusing reads relative to a folder (Linux). Hand-written: the C++ standard library and the
// Debian libraries we link have no directory-relative, link-refusing open; openat2(2) has no glibc
// wrapper in Debian 12, so it is called through syscall(2).
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archipel/core/safe_fs.hpp"

namespace archipel::core {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it is refused right after).
constexpr int read_flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW;

std::string in_quotes(std::string_view relative) { return fmt::format("\"{}\"", relative); }

Result<std::vector<std::string>> components(std::string_view relative) {
  std::vector<std::string> out;
  if (relative.empty() || relative.front() == '/')
    return fail(Errc::invalid, fmt::format("{} is not a relative path inside the folder", in_quotes(relative)));
  for (std::size_t start = 0;;) {
    const auto end = relative.find('/', start);
    const auto part = relative.substr(start, end == std::string_view::npos ? end : end - start);
    if (part.empty() || part == "." || part == "..")
      return fail(Errc::invalid, fmt::format("{} leaves the folder or is not normalised", in_quotes(relative)));
    if (part.find('\0') != std::string_view::npos)
      return fail(Errc::invalid, fmt::format("{} contains a NUL byte", in_quotes(relative)));
    out.emplace_back(part);
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

Error open_error(int error, std::string_view relative, std::string_view through) {
  if (error == ELOOP || error == EXDEV) {
    if (through.empty() || through == relative)
      return Error{Errc::invalid, fmt::format("{} is a symbolic link; links are refused", in_quotes(relative)), {}, {}};
    return Error{Errc::invalid,
                 fmt::format("{} passes through the symbolic link {}; links are refused", in_quotes(relative),
                             in_quotes(through)), {}, {}};
  }
  if (error == ENOENT) return Error{Errc::io, fmt::format("{} does not exist", in_quotes(relative)), {}, {}};
  if (error == ENOTDIR)
    return Error{Errc::invalid, fmt::format("{} passes through something that is not a folder", in_quotes(relative)),
                 {}, {}};
  return Error{Errc::io, fmt::format("cannot open {}: {}", in_quotes(relative), std::strerror(error)), {}, {}};
}

// The walk for kernels without openat2 (before 5.6), and to name the link openat2 met:
// each folder opened with O_NOFOLLOW|O_DIRECTORY from the one before, never "..".
Result<UniqueFd> walk_beneath(int folder_fd, std::string_view relative, const std::vector<std::string>& parts) {
  UniqueFd current(::fcntl(folder_fd, F_DUPFD_CLOEXEC, 0));
  if (current.get() < 0) return std::unexpected(open_error(errno, relative, {}));
  std::string walked;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    walked += (walked.empty() ? "" : "/") + parts[i];
    UniqueFd next(::openat(current.get(), parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (next.get() < 0) {
      const int error = errno;
      struct stat st{};
      const bool link = ::fstatat(current.get(), parts[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
      return std::unexpected(open_error(link ? ELOOP : error, relative, walked));
    }
    current = std::move(next);
  }
  UniqueFd file(::openat(current.get(), parts.back().c_str(), read_flags));
  if (file.get() < 0) return std::unexpected(open_error(errno, relative, relative));
  return file;
}

Result<UniqueFd> open_raw(int folder_fd, std::string_view relative, const std::vector<std::string>& parts) {
  const std::string path(relative);
  open_how how{};
  how.flags = static_cast<std::uint64_t>(read_flags);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  const long fd = ::syscall(SYS_openat2, folder_fd, path.c_str(), &how, sizeof how);
  if (fd >= 0) return UniqueFd(static_cast<int>(fd));
  // ENOSYS: an older kernel; EPERM: a seccomp filter (some containers) that does not know it.
  if (errno == ENOSYS || errno == EPERM) return walk_beneath(folder_fd, relative, parts);
  if (errno == ELOOP) {  // the walk names the link met
    auto walked = walk_beneath(folder_fd, relative, parts);
    if (!walked) return walked;
    return std::unexpected(open_error(ELOOP, relative, {}));  // the link went away meanwhile
  }
  return std::unexpected(open_error(errno, relative, {}));
}

}  // namespace

Result<UniqueFd> open_beneath(int folder_fd, std::string_view relative) {
  auto parts = components(relative);
  if (!parts) return std::unexpected(parts.error());
  auto file = open_raw(folder_fd, relative, *parts);
  if (!file) return file;
  struct stat st{};
  if (::fstat(file->get(), &st) != 0) return std::unexpected(open_error(errno, relative, {}));
  if (!S_ISREG(st.st_mode))
    return fail(Errc::invalid, fmt::format("{} is not a regular file", in_quotes(relative)));
  if (st.st_nlink != 1)
    return fail(Errc::invalid,
                fmt::format("{} has {} hard links; a part file must have exactly one (copy it instead of "
                            "linking it)", in_quotes(relative), st.st_nlink));
  // Back to blocking reads (O_NONBLOCK only guarded the open).
  ::fcntl(file->get(), F_SETFL, ::fcntl(file->get(), F_GETFL) & ~O_NONBLOCK);
  return file;
}

Result<UniqueFd> open_beneath(const std::filesystem::path& folder, std::string_view relative) {
  const std::filesystem::path dir = folder.empty() ? std::filesystem::path(".") : folder;
  UniqueFd folder_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder_fd.get() < 0)
    return fail(Errc::io, fmt::format("cannot open the folder {}: {}", in_quotes(dir.string()), std::strerror(errno)));
  return open_beneath(folder_fd.get(), relative);
}

Result<std::string> read_fd(int fd, std::uintmax_t max_bytes, const std::string& origin) {
  struct stat st{};
  if (::fstat(fd, &st) != 0) return fail(Errc::io, fmt::format("cannot read: {}", std::strerror(errno)), origin);
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes)
    return fail(Errc::invalid, fmt::format("file is too large ({} bytes; the limit is {} bytes)", size, max_bytes),
                origin);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  // pread from 0: the descriptor's offset is left alone (it may be handed on to the worker).
  while (got < bytes.size()) {
    const ssize_t n = ::pread(fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(Errc::io, fmt::format("cannot read: {}", std::strerror(errno)), origin);
    if (n == 0) break;  // shrank meanwhile: what was read is what is hashed
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

Result<UniqueFd> sealed_memory_file(std::string_view bytes, const std::string& origin) {
  UniqueFd fd(::memfd_create("archipel-part-file", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (fd.get() < 0) return fail(Errc::io, fmt::format("cannot create a memory file: {}", std::strerror(errno)), origin);
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(Errc::io, fmt::format("cannot fill a memory file: {}", std::strerror(errno)), origin);
    done += static_cast<std::size_t>(n);
  }
  if (::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)
    return fail(Errc::io, fmt::format("cannot seal a memory file: {}", std::strerror(errno)), origin);
  return fd;
}

}  // namespace archipel::core
