#include "mesh/confined_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include <assimp/IOStream.hpp>
#include <fmt/format.h>

namespace archipel::core::detail {
namespace {

// A read-only stream over a descriptor we opened. Not Assimp's DefaultIOStream: its FileSize()
// stats the file by name again, which names nothing for /proc/self/fd/N's companions and would
// look at the path rather than at the file opened.
class FdStream final : public Assimp::IOStream {
 public:
  explicit FdStream(FILE* file) : file_(file) {}
  FdStream(const FdStream&) = delete;
  FdStream& operator=(const FdStream&) = delete;
  ~FdStream() override { std::fclose(file_); }
  size_t Read(void* buffer, size_t size, size_t count) override {
    return size == 0 || count == 0 ? 0 : std::fread(buffer, size, count, file_);
  }
  size_t Write(const void*, size_t, size_t) override { return 0; }
  aiReturn Seek(size_t offset, aiOrigin origin) override {
    const int whence = origin == aiOrigin_SET ? SEEK_SET : origin == aiOrigin_CUR ? SEEK_CUR : SEEK_END;
    return ::fseeko(file_, static_cast<off_t>(offset), whence) == 0 ? aiReturn_SUCCESS : aiReturn_FAILURE;
  }
  size_t Tell() const override {
    const off_t at = ::ftello(file_);
    return at < 0 ? 0 : static_cast<size_t>(at);
  }
  size_t FileSize() const override {
    struct stat st{};
    return ::fstat(::fileno(file_), &st) == 0 ? static_cast<size_t>(st.st_size) : 0;
  }
  void Flush() override {}

 private:
  FILE* file_;
};

Assimp::IOStream* stream_over(UniqueFd fd) {
  FILE* file = ::fdopen(fd.get(), "rb");
  if (file == nullptr) return nullptr;
  fd.release();  // the FILE owns it now
  return new FdStream(file);
}

std::string dir_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string{} : path.substr(0, slash + 1);
}

bool read_only(const char* mode) { return mode == nullptr || (mode[0] == 'r' && std::string_view(mode).find('+') == std::string_view::npos); }

}  // namespace

ConfinedIOSystem::ConfinedIOSystem(std::string main, const ResourceScope& scope, bool allow_companions)
    : main_(std::move(main)),
      main_dir_(dir_of(main_)),
      folder_dir_(dir_of(scope.folder.empty() ? std::string{} : scope.path_in_folder)),
      allow_companions_(allow_companions) {
  // No scope: the main file's own folder (for a descriptor's /proc/self/fd/N, a folder of magic
  // links open_beneath refuses, so no buffer).
  std::filesystem::path folder = scope.folder;
  if (folder.empty()) folder = main_dir_.empty() ? std::string(".") : main_dir_;
  if (allow_companions_) folder_ = UniqueFd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

Result<UniqueFd> ConfinedIOSystem::open_companion(const std::string& file) const {
  std::string relative = file;
  if (!main_dir_.empty() && relative.starts_with(main_dir_)) relative.erase(0, main_dir_.size());
  else if (relative.starts_with('/'))
    return fail(Errc::invalid, fmt::format("\"{}\" is outside the part folder; refused", file));
  if (!allow_companions_ || folder_.get() < 0)
    return fail(Errc::invalid, fmt::format("\"{}\" is a separate file; only a glTF's buffers inside the part "
                                           "folder are read", relative));
  auto fd = open_beneath(folder_.get(), folder_dir_ + relative);
  if (!fd) {
    Error e = fd.error();
    e.message = "glTF buffer " + e.message;
    return std::unexpected(e);
  }
  return fd;
}

bool ConfinedIOSystem::Exists(const char* file) const {
  if (file == nullptr) return false;
  if (main_ == file) return ::access(file, R_OK) == 0;
  return open_companion(file).has_value();
}

Assimp::IOStream* ConfinedIOSystem::Open(const char* file, const char* mode) {
  if (file == nullptr || !read_only(mode)) return nullptr;
  if (main_ == file) return stream_over(UniqueFd(::open(file, O_RDONLY | O_CLOEXEC)));
  auto fd = open_companion(file);
  if (!fd) {
    refusals_.push_back(fd.error());
    return nullptr;
  }
  return stream_over(std::move(*fd));
}

void ConfinedIOSystem::Close(Assimp::IOStream* file) { delete file; }

}  // namespace archipel::core::detail
