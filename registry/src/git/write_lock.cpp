#include "git/write_lock.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace archipel::registry::git {
namespace fs = std::filesystem;
using core::Result;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view tmp_prefix = "tmp_object_git2_";

// What a writer records in the side file while it moves a ref.
struct Record {
  long pid = 0;
  std::string ref, target;
};

std::string errno_text() { return std::strerror(errno); }

void pause_briefly() {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(2, 20)(rng)));
}

// "pid 123 moving refs/heads/main to <hex>\n"; nothing when the file is empty or not ours.
std::optional<Record> read_record(int fd) {
  char buf[512];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return std::nullopt;
  buf[n] = '\0';
  Record r;
  char ref[256] = {}, target[128] = {};
  if (std::sscanf(buf, "pid %ld moving %255s to %127s", &r.pid, ref, target) != 3) {
    return std::nullopt;
  }
  r.ref = ref;
  r.target = target;
  return r;
}

// Seconds since `path` was last modified; nothing when it does not exist (or is not a file).
std::optional<double> age_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<double>(now.tv_sec - st.st_mtim.tv_sec) +
         static_cast<double>(now.tv_nsec - st.st_mtim.tv_nsec) * 1e-9;
}

bool old_enough(const fs::path& path) {
  auto age = age_of(path);
  return age && *age > static_cast<double>(std::chrono::seconds(stale_age).count());
}

// The first bytes of a small file (a ref lock holds one object id).
std::string head_of(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return {};
  char buf[128];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string{};
}

// A lock `ref`.lock is the dead recorder's when it is empty (created, not yet written) or holds
// the commit the record names.
bool left_by(const Record& r, const fs::path& lock) {
  std::string content = head_of(lock);
  return content.empty() || content.starts_with(r.target);
}

// Temporary loose objects older than `stale_age` (name, bytes).
std::vector<std::pair<fs::path, std::uintmax_t>> stale_tmp_objects(const fs::path& gitdir) {
  std::vector<std::pair<fs::path, std::uintmax_t>> out;
  std::error_code ec;
  for (fs::directory_iterator it(gitdir / "objects", ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!name.starts_with(tmp_prefix) || !old_enough(it->path())) continue;
    std::error_code size_ec;
    auto bytes = fs::file_size(it->path(), size_ec);
    out.emplace_back(it->path(), size_ec ? 0 : bytes);
  }
  return out;
}

std::string holders_text(const std::vector<std::string>& holders) {
  std::string out;
  for (const auto& h : holders) out += (out.empty() ? "" : ", ") + h;
  return out;
}

}  // namespace

std::vector<std::string> processes_holding(const fs::path& path) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);
  if (ec) return out;
  const std::string self = std::to_string(::getpid());
  for (fs::directory_iterator proc("/proc", ec), end; !ec && proc != end; proc.increment(ec)) {
    const std::string pid = proc->path().filename().string();
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid == self) continue;
    std::error_code fd_ec;
    for (fs::directory_iterator fd(proc->path() / "fd", fd_ec), fd_end; !fd_ec && fd != fd_end;
         fd.increment(fd_ec)) {
      std::error_code link_ec;
      if (fs::read_symlink(fd->path(), link_ec) != target || link_ec) continue;
      std::string comm = head_of(proc->path() / "comm");
      while (!comm.empty() && (comm.back() == '\n' || comm.back() == '\0')) comm.pop_back();
      out.push_back(fmt::format("{} (pid {})", comm.empty() ? "?" : comm, pid));
      break;
    }
  }
  return out;
}

Result<WriterLock> WriterLock::acquire(const fs::path& gitdir, Mode mode, std::chrono::milliseconds wait) {
  const fs::path path = gitdir / writer_lock_name;
  // The lock file is opened in place, never replaced (an flock lives on the inode), and never
  // through a link.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    return core::fail(core::Errc::io, "cannot open the registry's writer lock: " + errno_text(),
                      path.string());
  }
  WriterLock lock(fd, gitdir);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return core::fail(core::Errc::io, "the registry's writer lock is not a regular file", path.string());
  }
  const int op = mode == Mode::exclusive ? LOCK_EX : LOCK_SH;
  const auto deadline = Clock::now() + wait;
  while (::flock(fd, op | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      return core::fail(core::Errc::io, "cannot lock the registry for writing: " + errno_text(),
                        path.string());
    }
    if (Clock::now() >= deadline) {
      auto holders = processes_holding(path);
      return core::fail(core::Errc::io,
                        fmt::format("another archipel writer ({}) has held the registry's writer lock "
                                    "for over {} s",
                                    holders.empty() ? "unknown process" : holders_text(holders),
                                    std::chrono::duration_cast<std::chrono::seconds>(wait).count()),
                        path.string());
    }
    pause_briefly();
  }
  return lock;
}

WriterLock::WriterLock(WriterLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), gitdir_(std::move(other.gitdir_)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    gitdir_ = std::move(other.gitdir_);
  }
  return *this;
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

Result<std::vector<std::string>> WriterLock::recover() {
  std::vector<std::string> done;
  if (auto r = read_record(fd_)) {
    // We hold the exclusive lock, so the recorder is no longer inside a write: it died.
    const fs::path lock = gitdir_ / (r->ref + ".lock");
    if (age_of(lock) && left_by(*r, lock)) {
      if (::unlink(lock.c_str()) != 0 && errno != ENOENT) {
        return core::fail(core::Errc::io, "cannot remove a stale ref lock: " + errno_text(), lock.string());
      }
      done.push_back(fmt::format("removed {}.lock left by archipel writer pid {}, killed while moving {}",
                                 r->ref, r->pid, r->ref));
    }
    end_ref_update();
  }
  auto tmp = stale_tmp_objects(gitdir_);
  std::uintmax_t bytes = 0;
  std::size_t removed = 0;
  for (const auto& [path, size] : tmp) {
    if (::unlink(path.c_str()) == 0) {
      ++removed;
      bytes += size;
    }
  }
  if (removed > 0) {
    done.push_back(fmt::format("removed {} temporary object file{} ({} bytes) left by killed writers",
                               removed, removed == 1 ? "" : "s", bytes));
  }
  return done;
}

Result<void> WriterLock::begin_ref_update(const std::string& ref, const std::string& target,
                                          std::chrono::milliseconds wait) {
  const fs::path lock = gitdir_ / (ref + ".lock");
  const auto deadline = Clock::now() + wait;
  while (age_of(lock)) {
    // No archipel writer is alive inside a write (we hold the exclusive lock): a lock that nobody
    // has open and that has not moved for `stale_age` is a dead program's.
    if (old_enough(lock) && processes_holding(lock).empty()) {
      ::unlink(lock.c_str());
      continue;
    }
    if (Clock::now() >= deadline) {
      auto holders = processes_holding(lock);
      std::string why = holders.empty()
                            ? "the lock was not left by an archipel writer and no running process "
                              "has it open; remove it if no git command is running on this registry"
                            : "held by " + holders_text(holders) + "; wait for it to finish";
      return core::fail(core::Errc::io, fmt::format("{} is locked by another program: {}", ref, why),
                        lock.string());
    }
    pause_briefly();
  }
  std::string record = fmt::format("pid {} moving {} to {}\n", ::getpid(), ref, target);
  if (::pwrite(fd_, record.data(), record.size(), 0) != static_cast<ssize_t>(record.size()) ||
      ::ftruncate(fd_, static_cast<off_t>(record.size())) != 0) {
    return core::fail(core::Errc::io, "cannot write the registry's writer lock: " + errno_text(),
                      (gitdir_ / writer_lock_name).string());
  }
  return {};
}

void WriterLock::end_ref_update() {
  if (::ftruncate(fd_, 0) != 0) {
    // Harmless: the next writer reads the record, finds no lock of ours, and clears it.
  }
}

std::vector<Leftover> find_leftovers(const fs::path& gitdir) {
  std::vector<Leftover> out;
  const fs::path lock_path = gitdir / writer_lock_name;
  int fd = ::open(lock_path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  bool writer_alive = false;
  std::optional<Record> record;
  if (fd >= 0) {
    // A shared lock is refused only while a writer holds the exclusive one.
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
      writer_alive = errno == EWOULDBLOCK;
    } else {
      record = read_record(fd);
      ::flock(fd, LOCK_UN);
    }
    ::close(fd);
  }
  const std::string ref_lock = "refs/heads/main.lock";
  const fs::path main_lock = gitdir / ref_lock;
  if (!writer_alive && age_of(main_lock)) {
    auto holders = processes_holding(main_lock);
    if (record && record->ref + ".lock" == ref_lock && left_by(*record, main_lock)) {
      out.push_back({ref_lock, fmt::format("stale lock left by archipel writer pid {}, killed while moving "
                                           "refs/heads/main; the next publish removes it",
                                           record->pid)});
    } else if (holders.empty() && old_enough(main_lock)) {
      out.push_back({ref_lock, fmt::format("stale lock, open in no running process and older than {} "
                                           "minutes; the next publish removes it",
                                           stale_age.count())});
    } else {
      out.push_back({ref_lock, holders.empty()
                                   ? std::string("lock not left by an archipel writer and open in no "
                                                 "running process: publishes fail until it is removed")
                                   : "held by " + holders_text(holders) + ": publishes wait for it"});
    }
  }
  auto tmp = stale_tmp_objects(gitdir);
  if (!tmp.empty()) {
    std::uintmax_t bytes = 0;
    for (const auto& t : tmp) bytes += t.second;
    out.push_back({"objects/" + std::string(tmp_prefix) + "*",
                   fmt::format("{} temporary object file{} ({} bytes) left by killed writers; the next "
                               "publish removes them",
                               tmp.size(), tmp.size() == 1 ? "" : "s", bytes)});
  }
  return out;
}

}  // namespace archipel::registry::git
