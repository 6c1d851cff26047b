# archipel links no OpenCASCADE or Assimp: commands that read no geometry never load them. The
# geometry worker beside it does, and dies with archipel when archipel is killed.
worker="$(dirname "$ARCHIPEL")/archipel-geometry"
geometry_libs='libTK[A-Za-z0-9]*\.so|libassimp'
ldd "$ARCHIPEL" >deps
if grep -Eq "$geometry_libs" deps; then echo "FAIL: archipel links geometry libraries"; grep -E "$geometry_libs" deps; exit 1; fi
ldd "$worker" >worker-deps
grep -q 'libTKernel\.so' worker-deps
grep -q 'libassimp\.so' worker-deps

# What the dynamic loader really maps for commands without geometry.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
for command in "--version" "list" "search plate"; do
  LD_DEBUG=files expect 0 -- $command
  grep -q 'file=libgit2' err || grep -q 'file=libc\.so' err  # the trace is there
  if grep -Eq "file=($geometry_libs)" err; then echo "FAIL: archipel $command loads geometry libraries"; exit 1; fi
done

# While a measurement runs: the worker maps OpenCASCADE, archipel does not.
plate="$SRC/examples/parts/os-plate-120x40/os-plate-120x40.step"
sed "s/^#28 = CARTESIAN_POINT('',(0.,0.,0.));/#28 = CARTESIAN_POINT('',(1.E400,0.,0.));/" "$plate" >stall.step
ARCHIPEL_GEOMETRY_TIME_LIMIT=60 "$ARCHIPEL" measure stall.step >/dev/null 2>&1 &
parent=$!
child=
for _ in $(seq 200); do
  child=$(pgrep -P "$parent" || true)
  [ -n "$child" ] && grep -q 'libTKernel' "/proc/$child/maps" 2>/dev/null && break
  sleep 0.05
done
grep -q 'libTKernel' "/proc/$child/maps"
if grep -Eq "$geometry_libs" "/proc/$parent/maps"; then echo "FAIL: archipel maps geometry libraries"; exit 1; fi
# archipel killed mid-measurement: its worker does not live on.
kill -KILL "$parent"
for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$child" 2>/dev/null; then echo "FAIL: the worker outlived archipel"; kill -KILL "$child"; exit 1; fi
