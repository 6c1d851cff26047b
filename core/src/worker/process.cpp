// Starting the geometry worker and reading its answer. posix_spawn (a vfork and exec in glibc),
// not fork: the worker is a fresh executable, so nothing of the caller's memory, threads or
// descriptors reaches it and the caller need not be single-threaded.
#include "worker/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "worker/protocol.hpp"

extern char** environ;

namespace archipel::core::detail {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

// Closes its descriptor; -1 holds nothing.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// posix_spawn's file actions and attributes, destroyed on every path.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attributes{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// The worker gets /dev/null as stdin, stdout and stderr (nothing a reader prints reaches the
// user), the answer pipe as 3, the measured file as 4, and nothing else. The sources are first
// moved above 9 so that no dup2 overwrites another's source.
void describe_descriptors(SpawnSetup& s, int reply_src, int file_src) {
  posix_spawn_file_actions_addopen(&s.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&s.actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&s.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&s.actions, reply_src, worker_reply_fd);
  if (file_src >= 0) posix_spawn_file_actions_adddup2(&s.actions, file_src, worker_file_fd);
  posix_spawn_file_actions_addclosefrom_np(&s.actions, (file_src >= 0 ? worker_file_fd : worker_reply_fd) + 1);
  // Default dispositions and an empty mask: a caller that ignores SIGPIPE or blocks SIGINT does
  // not pass that on. The worker stays in the caller's process group, so Ctrl-C stops both.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  sigdelset(&all, SIGKILL);
  sigdelset(&all, SIGSTOP);
  posix_spawnattr_setsigmask(&s.attributes, &none);
  posix_spawnattr_setsigdefault(&s.attributes, &all);
  posix_spawnattr_setflags(&s.attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

Result<pid_t> spawn(const WorkerRun& run, int reply_write) {
  Fd reply_src(::fcntl(reply_write, F_DUPFD_CLOEXEC, 10));
  Fd file_src(run.inherited_fd >= 0 ? ::fcntl(run.inherited_fd, F_DUPFD_CLOEXEC, 10) : -1);
  if (reply_src.get() < 0 || (run.inherited_fd >= 0 && file_src.get() < 0))
    return fail(Errc::io, fmt::format("cannot start the geometry reader: {}", std::strerror(errno)));
  SpawnSetup setup;
  describe_descriptors(setup, reply_src.get(), file_src.get());
  std::vector<std::string> args{run.executable.string()};
  args.insert(args.end(), run.args.begin(), run.args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, run.executable.c_str(), &setup.actions, &setup.attributes,
                               argv.data(), environ);
  if (rc != 0)
    return fail(Errc::io, fmt::format("cannot start the geometry reader {}: {}",
                                      run.executable.string(), std::strerror(rc)));
  return pid;
}

// Splits what the worker writes into lines, refusing more than `max` bytes in all.
class LineReader {
 public:
  LineReader(const WorkerRun& run) : run_(run) {}

  // False when the answer grew past the limit.
  bool add(const char* data, std::size_t n) {
    total_ += n;
    if (total_ > run_.max_answer_bytes) return false;
    buffer_.append(data, n);
    std::size_t start = 0;
    for (auto nl = buffer_.find('\n', scanned_); nl != std::string::npos; nl = buffer_.find('\n', start)) {
      if (run_.on_line) run_.on_line(std::string_view(buffer_).substr(start, nl - start));
      start = nl + 1;
    }
    buffer_.erase(0, start);
    scanned_ = buffer_.size();
    return true;
  }

  [[nodiscard]] bool partial() const { return !buffer_.empty(); }

 private:
  const WorkerRun& run_;
  std::string buffer_;
  std::size_t scanned_ = 0;  // bytes of buffer_ already known to hold no newline
  std::size_t total_ = 0;
};

int milliseconds_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

// Reads until the worker closes its end, the deadline passes or the answer grows too large.
void read_answer(int fd, const WorkerRun& run, Clock::time_point deadline, WorkerExit& out) {
  LineReader lines(run);
  std::vector<char> chunk(1 << 16);
  for (;;) {
    const int left = milliseconds_left(deadline);
    if (left == 0) {
      out.timed_out = true;
      break;
    }
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline is checked at the top
    if (ready < 0) break;
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (!lines.add(chunk.data(), static_cast<std::size_t>(n))) {
      out.too_large = true;
      break;
    }
  }
  out.partial_line = lines.partial();
}

// Reaps the worker: it normally exits right after its answer; one that lingers past the
// deadline (or that we already gave up on) is killed.
void reap(pid_t pid, Clock::time_point deadline, WorkerExit& out) {
  if (out.timed_out || out.too_large) ::kill(pid, SIGKILL);
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      out.wait_status = status;
      return;
    }
    if (r < 0 && errno != EINTR) return;  // not our child any more (SIGCHLD ignored)
    if (milliseconds_left(deadline) == 0 && !out.timed_out && !out.too_large) {
      out.timed_out = true;
      ::kill(pid, SIGKILL);
    }
    ::usleep(1000);
  }
}

bool executable_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

Result<WorkerExit> run_worker_process(const WorkerRun& run) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return fail(Errc::io, fmt::format("cannot start the geometry reader: {}", std::strerror(errno)));
  Fd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  const auto deadline = Clock::now() + std::chrono::microseconds(static_cast<long long>(run.seconds * 1e6));
  auto pid = spawn(run, write_end.get());
  write_end.reset();  // only the worker holds it now: its exit is our end of file
  if (!pid) return std::unexpected(pid.error());
  WorkerExit out;
  read_answer(read_end.get(), run, deadline, out);
  read_end.reset();  // a worker still writing gets EPIPE
  reap(*pid, deadline, out);
  return out;
}

Result<fs::path> find_geometry_worker() {
  if (const char* env = std::getenv("ARCHIPEL_GEOMETRY_WORKER"); env != nullptr && *env != '\0') {
    if (!executable_file(env))
      return fail(Errc::io, fmt::format("ARCHIPEL_GEOMETRY_WORKER names \"{}\", which is not an "
                                        "executable file", env));
    return fs::path(env);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fail(Errc::io, "cannot find the geometry reader: /proc/self/exe is unreadable");
  const fs::path dir = exe.parent_path();
  for (const fs::path& candidate : {dir / "archipel-geometry",
                                    dir / ".." / "libexec" / "archipel" / "archipel-geometry"})
    if (executable_file(candidate)) return candidate;
  return fail(Errc::io, fmt::format("cannot find the geometry reader archipel-geometry beside {} "
                                    "(install it there or name it in ARCHIPEL_GEOMETRY_WORKER)",
                                    exe.string()));
}

std::string signal_description(int signal) {
  const char* abbrev = ::sigabbrev_np(signal);
  return abbrev != nullptr ? fmt::format("signal {}, SIG{}", signal, abbrev)
                           : fmt::format("signal {}", signal);
}

}  // namespace archipel::core::detail
