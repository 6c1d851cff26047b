#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang-16 (AddressSanitizer + libFuzzer) in their own build
# folder and runs each for SECONDS, seeded from examples/, tests/data/ and core/grids/.
#   usage: tests/fuzz/run.sh SECONDS [HARNESS...]
#   harnesses: manifest grid licence semver mesh_stl mesh_obj mesh_ply mesh_3mf (default: all)
#   env: FUZZ_BUILD (default build-fuzz), FUZZ_JOBS (build jobs, default 2), FUZZ_NO_BUILD=1 (run
#        the harnesses already built)
# Corpora grow in $FUZZ_BUILD/corpus/<harness>, crashing inputs land in $FUZZ_BUILD/crashes/.
# Prints one line per harness (executions, executions per second, corpus size, crashes) and
# exits 1 when a harness crashed, 77 when clang-16 or its libFuzzer runtime is missing.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TIME=${1:?usage: tests/fuzz/run.sh SECONDS [HARNESS...]}
shift
BUILD=${FUZZ_BUILD:-$SRC/build-fuzz}
ALL=(manifest grid licence semver mesh_stl mesh_obj mesh_ply mesh_3mf)
if [ $# -gt 0 ]; then HARNESSES=("$@"); else HARNESSES=("${ALL[@]}"); fi
if ! command -v clang++-16 >/dev/null || ! ls /usr/lib/llvm-16/lib/clang/16/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "run.sh: clang-16 and libclang-rt-16-dev are needed" >&2; exit 77
fi

# Debian 12's libstdc++ 12 guards <expected> behind __cpp_concepts >= 202002L, which clang-16
# does not announce yet; the define lets clang-16 compile our std::expected code.
FLAGS="-D__cpp_concepts=202002L -Wno-macro-redefined -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -g -O1"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
build_start=$(date +%s)
mkdir -p "$BUILD"
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
cmake -S "$SRC" -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS="$FLAGS" -DARCHIPEL_FUZZ=ON -DARCHIPEL_BUILD_TESTS=OFF \
  -DARCHIPEL_BUILD_BENCH=OFF "${launcher[@]}" >"$BUILD/configure.log" 2>&1 ||
  { cat "$BUILD/configure.log"; exit 3; }
targets=()
for h in "${HARNESSES[@]}"; do targets+=("fuzz_$h"); done
cmake --build "$BUILD" -j"${FUZZ_JOBS:-2}" --target "${targets[@]}" >"$BUILD/build.log" 2>&1 ||
  { tail -50 "$BUILD/build.log"; exit 3; }
echo "fuzz build: $(( $(date +%s) - build_start )) s"
fi

# Seeds: the project's own files of each kind, and a few written here.
seed() {
  local h=$1 dir=$BUILD/seeds/$1
  rm -rf "$dir"; mkdir -p "$dir"
  case $h in
    manifest) find "$SRC/examples" "$SRC/tests/data" -name '*.json' ! -path '*/grids/*' -exec cp -t "$dir" --backup=numbered {} + ;;
    grid) cp "$SRC"/core/grids/*.json "$dir"/ ;;
    licence)
      local i=0
      for e in MIT "CERN-OHL-S-2.0 OR MIT" "(Apache-2.0 WITH LLVM-exception) AND CC-BY-4.0" \
               "GPL-2.0+ OR LicenseRef-mine" "CC-BY-SA-4.0 AND (MIT OR 0BSD)" "TAPR-OHL-1.0"; do
        printf '%s' "$e" >"$dir/$((i++))"
      done ;;
    semver)
      local i=0
      for e in $'1.2.3\n^1.2' $'1.0.0-alpha.1+build.5\n>=1.0.0 <2.0.0' $'0.0.1\n~0.0.1' \
               $'2.0.0-rc.1\n2.x' $'1.2.3\n1.2.3-beta' $'10.20.30\n*'; do
        printf '%s' "$e" >"$dir/$((i++))"
      done ;;
    mesh_stl) find "$SRC/examples" "$SRC/tests/data" -name '*.stl' -size -200k -exec cp -t "$dir" --backup=numbered {} + ;;
    mesh_3mf) find "$SRC/examples" "$SRC/tests/data" -name '*.3mf' -size -200k -exec cp -t "$dir" --backup=numbered {} + ;;
    mesh_obj)
      printf 'v 0 0 0\nv 10 0 0\nv 0 10 0\nv 0 0 10\nf 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n' >"$dir/tetra.obj"
      printf 'o a\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\nf 1/1/1 2/1/1 3/1/1 4/1/1\n' >"$dir/quad.obj" ;;
    mesh_ply)
      printf 'ply\nformat ascii 1.0\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\nelement face 4\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n10 0 0\n0 10 0\n0 0 10\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 3\n' >"$dir/tetra.ply" ;;
  esac
}

status=0
printf '%-9s %10s %9s %7s %8s\n' harness execs "exec/s" corpus crashes
for h in "${HARNESSES[@]}"; do
  seed "$h"
  corpus=$BUILD/corpus/$h crashes=$BUILD/crashes/$h
  mkdir -p "$corpus" "$crashes"
  case $h in
    mesh_*) opts=(-max_len=65536 -timeout=20 -rss_limit_mb=2560 -detect_leaks=0) ;;
    *) opts=(-max_len=4096 -timeout=10 -rss_limit_mb=2048) ;;
  esac
  set +e
  "$BUILD/tests/fuzz/fuzz_$h" "${opts[@]}" -max_total_time="$TIME" -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "$BUILD/seeds/$h" >"$BUILD/$h.log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$BUILD/$h.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$BUILD/$h.log" | tail -1)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-9s %10s %9s %7s %8s\n' "$h" "${execs:-?}" "${rate:-?}" "$(find "$corpus" -type f | wc -l)" "$found"
  if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
    status=1
    echo "  $h: exit $rc; see $BUILD/$h.log and $crashes" >&2
  fi
done
exit $status
