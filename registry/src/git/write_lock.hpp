#pragma once
// Coordination of Archipel's writers on one registry, and recovery from writers that died.
//
// Every Archipel writer holds an flock on the side file `<gitdir>/archipel.lock`: shared while it
// writes loose objects outside a transaction, exclusive for the whole transaction (snapshot,
// objects, commit, ref move). The kernel drops an flock when its holder dies, so a writer holding
// the exclusive lock knows no other Archipel writer is alive inside a write. Before moving
// refs/heads/main it records its intent ("pid, target commit") in the side file and clears it
// after: a later writer that finds the record knows its author died while moving the ref, and
// that a `refs/heads/main.lock` it left is stale. A ref lock without such a record belongs to
// another program (a live `git`), and is named in the error rather than retried blindly.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "archipel/core/result.hpp"

namespace archipel::registry::git {

/// Loose objects (`objects/tmp_object_git2_*`) and ref locks older than this are left by a
/// dead process (a live writer touches its file every few milliseconds, and holds a ref lock for
/// the time of one rename).
inline constexpr std::chrono::minutes stale_age{10};

/// Name of the flocked side file inside the git directory.
inline constexpr const char* writer_lock_name = "archipel.lock";

/// One finding about a crashed writer's leftovers (for `verify`).
struct Leftover {
  std::string where;    ///< path relative to the git directory
  std::string message;
};

/// An flock held on `<gitdir>/archipel.lock`; released when destroyed (or when the process dies).
class WriterLock {
 public:
  enum class Mode { shared, exclusive };

  /// Waits (polling, at most `wait`) for the lock. Io error naming the holder on time-out.
  [[nodiscard]] static core::Result<WriterLock> acquire(const std::filesystem::path& gitdir,
                                                        Mode mode, std::chrono::milliseconds wait);

  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();

  /// Exclusive only: clears what dead writers left (a ref lock they held, tmp objects older than
  /// `stale_age`). Returns one line per thing removed.
  [[nodiscard]] core::Result<std::vector<std::string>> recover();

  /// Exclusive only: before moving `ref` (a path under the git directory) to `target` (hex), makes
  /// sure no ref lock is in the way — a stale one is removed, a foreign one waited for at most
  /// `wait`, then named in an io error — and records the intent.
  [[nodiscard]] core::Result<void> begin_ref_update(const std::string& ref, const std::string& target,
                                                    std::chrono::milliseconds wait);
  /// Clears the record of `begin_ref_update`.
  void end_ref_update();

 private:
  WriterLock(int fd, std::filesystem::path gitdir) : fd_(fd), gitdir_(std::move(gitdir)) {}
  int fd_ = -1;
  std::filesystem::path gitdir_;
};

/// Leftovers of crashed writers that a reader can see without taking the lock: a stale or foreign
/// `refs/heads/main.lock` (skipped while a live Archipel writer holds the lock) and tmp objects
/// older than `stale_age`.
[[nodiscard]] std::vector<Leftover> find_leftovers(const std::filesystem::path& gitdir);

/// "git (pid 1234)" for each live process that has `path` open; empty when none (or when /proc
/// cannot tell).
[[nodiscard]] std::vector<std::string> processes_holding(const std::filesystem::path& path);

}  // namespace archipel::registry::git
