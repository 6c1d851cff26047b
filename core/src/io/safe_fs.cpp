// Atomic, link-refusing file writes (POSIX). Hand-written: the C++ standard library has no
// exclusive-create or directory-relative rename, and no Debian library we link offers one.
#include "archipel/core/safe_fs.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace archipel::core {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string random_suffix() {
  unsigned char bytes[8] = {};
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                               unsigned mode) {
  const std::string origin = path.string();
  auto io_error = [&](const char* what) {
    return fail(Errc::io, fmt::format("cannot {}: {}", what, std::strerror(errno)), origin);
  };
  std::filesystem::path parent = path.parent_path();
  if (parent.empty()) parent = ".";
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") {
    return fail(Errc::io, "is not a file name", origin);
  }
  Fd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return io_error("open its folder");

  const std::string temp = "." + name + ".archipel-" + random_suffix();
  Fd file(::openat(dir.get(), temp.c_str(),
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (file.get() < 0) return io_error("create a temporary file beside it");
  auto discard = [&](const char* what) {
    int saved = errno;
    ::unlinkat(dir.get(), temp.c_str(), 0);
    errno = saved;
    return io_error(what);
  };
  if (!write_all(file.get(), bytes)) return discard("write");
  if (::fsync(file.get()) != 0) return discard("flush to disk");
  if (::close(file.release()) != 0) return discard("close");
  if (::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) != 0) {
    return discard("replace it");
  }
  if (::fsync(dir.get()) != 0) return io_error("flush its folder to disk");
  return {};
}

ScratchDir::ScratchDir(std::string_view prefix) {
  std::error_code ec;
  std::string templ = (std::filesystem::temp_directory_path(ec) / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(templ.data()) != nullptr) path_ = templ;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace archipel::core
