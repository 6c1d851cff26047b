// SPDX-License-Identifier: Apache-2.0
// The baseline of bench/bench_startup.sh: a C++ program that only links libgit2 and opens a
// repository, to tell the loader's share of a command's start-up from Archipel's own work.
#include <git2.h>

#include <cstdio>

int main(int argc, char** argv) {
  git_libgit2_init();
  int rc = 0;
  if (argc > 1) {
    git_repository* repo = nullptr;
    rc = git_repository_open_bare(&repo, argv[1]);
    git_repository_free(repo);
  }
  git_libgit2_shutdown();
  std::puts(rc == 0 ? "ok" : "no repository");
  return rc == 0 ? 0 : 1;
}
