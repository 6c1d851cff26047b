// Assimp runs in a forked child that sends the welded mesh back through a pipe. Debian builds
// Assimp with its assertions on (ai_assert aborts), and some readers loop or read out of bounds
// on corrupt input: isolation turns all of these into one error line.
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "mesh/mesh_import.hpp"

namespace archipel::core::detail {
namespace {

constexpr std::uint32_t magic = 0x41524348;  // "ARCH"

struct Header {
  std::uint32_t magic = 0;
  std::uint32_t ok = 0;
  std::uint64_t message_bytes = 0;
  std::uint64_t vertices = 0;
  std::uint64_t triangles = 0;
  std::uint64_t source_triangles = 0;
};

bool write_all(int fd, const void* data, std::size_t n) {
  const auto* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

// Nothing Assimp prints may reach the user, and a hostile file may not eat all the memory:
// past the limit, allocations fail and the reader reports an error.
void confine_child(std::uintmax_t file_bytes) {
  const int null = ::open("/dev/null", O_WRONLY);
  if (null >= 0) {
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::close(null);
  }
  const rlim_t limit = (rlim_t{1} << 30) * 2 + static_cast<rlim_t>(file_bytes) * 30;
  rlimit current{};
  if (::getrlimit(RLIMIT_AS, &current) == 0 && (current.rlim_cur == RLIM_INFINITY || current.rlim_cur > limit)) {
    current.rlim_cur = limit;
    ::setrlimit(RLIMIT_AS, &current);
  }
}

[[noreturn]] void run_child(int fd, const std::filesystem::path& path, GeometryFormat format,
                            double to_mm, double weld_mm, std::uintmax_t file_bytes) {
  confine_child(file_bytes);
  const auto mesh = import_mesh_here(path, format, to_mm, weld_mm);
  Header h{magic, mesh.has_value(), 0, 0, 0, 0};
  if (!mesh) {
    h.message_bytes = mesh.error().message.size();
    write_all(fd, &h, sizeof h) && write_all(fd, mesh.error().message.data(), h.message_bytes);
  } else {
    h.vertices = mesh->vertices.size();
    h.triangles = mesh->triangles.size();
    h.source_triangles = mesh->source_triangles;
    write_all(fd, &h, sizeof h) &&
        write_all(fd, mesh->vertices.data(), h.vertices * sizeof(Vec3)) &&
        write_all(fd, mesh->triangles.data(), h.triangles * sizeof(Triangle));
  }
  ::_exit(0);  // no atexit handlers, no destructors of the parent's objects
}

using Clock = std::chrono::steady_clock;

// Reads exactly n bytes before the deadline; false on end of file, error or timeout.
bool read_all(int fd, void* data, std::size_t n, Clock::time_point deadline, bool& timed_out) {
  auto* p = static_cast<char*>(data);
  while (n > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return !(timed_out = true);
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return !(timed_out = true);
    if (ready < 0) return false;
    const ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

// Reaps the child, giving it a second to finish dying by itself (a reader that crashed closes
// the pipe just before it can be reaped) before killing it; its wait status.
int reap(pid_t pid, bool kill_now) {
  int status = 0;
  if (kill_now) ::kill(pid, SIGKILL);
  for (int waited_ms = 0; waited_ms < 1000; ++waited_ms) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || r < 0) return r == pid ? status : 0;
    ::usleep(1000);
  }
  ::kill(pid, SIGKILL);  // alive and silent: it may be blocked writing into the full pipe
  ::waitpid(pid, &status, 0);
  return status;
}

// Why the child produced nothing usable, from its exit status.
std::string child_failure(pid_t pid, bool timed_out, double seconds) {
  const int status = reap(pid, timed_out);
  if (timed_out)
    return fmt::format("reading the mesh took more than {:.0f} s; gave up (corrupt or hostile file?)",
                       seconds);
  if (WIFSIGNALED(status))
    return fmt::format("the mesh reader failed on this file (signal {}): corrupt or hostile file",
                       WTERMSIG(status));
  return "the mesh reader stopped without an answer: corrupt or hostile file";
}

Result<Mesh> receive(int fd, pid_t pid, const std::string& origin, double seconds) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  bool timed_out = false;
  Header h;
  if (!read_all(fd, &h, sizeof h, deadline, timed_out) || h.magic != magic)
    return fail(Errc::io, child_failure(pid, timed_out, seconds), origin);
  Mesh mesh;
  std::string message;
  bool ok = false;
  if (!h.ok && h.message_bytes < (1u << 20)) {
    message.resize(h.message_bytes);
    ok = read_all(fd, message.data(), message.size(), deadline, timed_out);
  } else if (h.ok && h.vertices < (1ull << 32) && h.triangles < (1ull << 34)) {
    mesh.vertices.resize(h.vertices);
    mesh.triangles.resize(h.triangles);
    mesh.source_triangles = h.source_triangles;
    ok = read_all(fd, mesh.vertices.data(), h.vertices * sizeof(Vec3), deadline, timed_out) &&
         read_all(fd, mesh.triangles.data(), h.triangles * sizeof(Triangle), deadline, timed_out);
  }
  if (!ok) return fail(Errc::io, child_failure(pid, timed_out, seconds), origin);
  ::waitpid(pid, nullptr, 0);
  if (!h.ok) return fail(Errc::io, message, origin);
  return mesh;
}

}  // namespace

Result<Mesh> import_mesh(const std::filesystem::path& path, GeometryFormat format, double to_mm,
                         double weld_mm) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  const double seconds = 10.0 + 0.5 * static_cast<double>(ec ? 0 : bytes) / 1e6;
  int fds[2];
  if (::pipe(fds) != 0) return import_mesh_here(path, format, to_mm, weld_mm);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return import_mesh_here(path, format, to_mm, weld_mm);
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], path, format, to_mm, weld_mm, ec ? 0 : bytes);
  }
  ::close(fds[1]);
  auto result = receive(fds[0], pid, path.string(), seconds);
  ::close(fds[0]);
  return result;
}

}  // namespace archipel::core::detail
