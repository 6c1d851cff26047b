#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

// measure_file starts the geometry worker: these programs use the one built with them, unless
// the environment names another.
int main(int argc, char** argv) {
  ::setenv("ARCHIPEL_GEOMETRY_WORKER", ARCHIPEL_TEST_GEOMETRY_WORKER, 0);
  doctest::Context context(argc, argv);
  return context.run();
}
