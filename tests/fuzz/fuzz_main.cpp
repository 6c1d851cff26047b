// One libFuzzer entry point for every harness: ARCHIPEL_FUZZ_TARGET names the function of
// targets.hpp to run, ARCHIPEL_FUZZ_EXTENSION the file extension of the mesh harnesses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
#ifdef ARCHIPEL_FUZZ_EXTENSION
  if (!archipel::fuzz::mesh(bytes, ARCHIPEL_FUZZ_EXTENSION)) __builtin_trap();
#else
  if (!archipel::fuzz::ARCHIPEL_FUZZ_TARGET(bytes)) __builtin_trap();
#endif
  return 0;
}
