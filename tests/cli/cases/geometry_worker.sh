# Hostile geometry is read in the geometry worker: a crash, a stall or a memory hog there is one
# error line and exit 3, for measure, validate and publish alike; the limits can be raised.
plate="$SRC/examples/parts/os-plate-120x40/os-plate-120x40.step"

# A STEP list nested 100 000 deep: OpenCASCADE's parser overflows its stack.
{
  printf "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('','',(''),(''),'','','');\n"
  printf "FILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\n#1=CARTESIAN_POINT('',"
  head -c 100000 /dev/zero | tr '\0' '('; printf '0.'; head -c 100000 /dev/zero | tr '\0' ')'
  printf ");\nENDSEC;\nEND-ISO-10303-21;\n"
} >nested.step
expect 3 -- measure nested.step
same_out </dev/null
same_err <<<"archipel: error: nested.step: the geometry reader crashed (signal 11, SIGSEGV): corrupt or hostile file"
expect 3 -- validate nested.step --json
same_out </dev/null
same_err <<<"archipel: error: nested.step: the geometry reader crashed (signal 11, SIGSEGV): corrupt or hostile file"

# One coordinate of the example plate set to 1.E400: OpenCASCADE loops for ever on it.
sed "s/^#28 = CARTESIAN_POINT('',(0.,0.,0.));/#28 = CARTESIAN_POINT('',(1.E400,0.,0.));/" "$plate" >stall.step
grep -q '1.E400' stall.step
export ARCHIPEL_GEOMETRY_TIME_LIMIT=2
expect 3 -- measure stall.step
same_err <<<"archipel: error: stall.step: the geometry reader took more than 2 s and was stopped (corrupt or hostile file? ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)"
# The worker is gone, not left running.
if pgrep -f "archipel-geometry.*stall.step" >/dev/null; then echo "FAIL: the worker still runs"; exit 1; fi
unset ARCHIPEL_GEOMETRY_TIME_LIMIT

# The memory limit: far too low for the libraries themselves.
ARCHIPEL_GEOMETRY_MEMORY_LIMIT=32 expect 3 -- measure "$plate"
same_err <<<"archipel: error: $plate: the geometry reader needed more than 32 MiB of memory and was stopped (corrupt or hostile file? ARCHIPEL_GEOMETRY_MEMORY_LIMIT raises the limit)"
ARCHIPEL_GEOMETRY_MEMORY_LIMIT=lots expect 2 -- measure "$plate"
same_err <<<'archipel: error: ARCHIPEL_GEOMETRY_MEMORY_LIMIT must be a positive number of MiB, not "lots"'
ARCHIPEL_GEOMETRY_MEMORY_LIMIT=4096 ARCHIPEL_GEOMETRY_TIME_LIMIT=60 expect 0 -- measure "$plate"
out_has "size       120.000 x 40.000 x 3.000 mm"

# Publishing a part whose geometry crashes the reader: refused, nothing stored.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL --allow-licence MIT
mkdir p; cp nested.step p/
cat >p/part.json <<'JSON'
{"schema": 1, "kind": "part", "name": "Plate", "version": "1.0.0",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT",
 "files": [{"path": "nested.step", "role": "geometry", "format": "step"}]}
JSON
expect 3 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "nested.step" cannot be measured: the geometry reader crashed (signal 11, SIGSEGV): corrupt or hostile file'
expect 0 -- list --json
same_out <<<"[]"

# Without its worker, archipel says where it looked.
mkdir alone; cp "$ARCHIPEL" alone/archipel
set +e; alone/archipel measure "$plate" >out 2>err; code=$?; set -e
[ "$code" = 3 ]
diff -u - err <<<"archipel: error: cannot find the geometry reader archipel-geometry beside $WORK/alone/archipel (install it there or name it in ARCHIPEL_GEOMETRY_WORKER)"
ARCHIPEL_GEOMETRY_WORKER=/nonexistent expect 3 -- version
same_err <<<'archipel: error: ARCHIPEL_GEOMETRY_WORKER names "/nonexistent", which is not an executable file'
