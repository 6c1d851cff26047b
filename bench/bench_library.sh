#!/usr/bin/env bash
# Issue 13 figures: `archipel make` on a 40 x 40-module OpenStructures plate (1600 m x 1600 mm,
# 3 mm, 1600 holes of 5.5 mm), each step timed — the boolean (one BRepAlgoAPI_Cut with the 1600
# tools at once), the STEP write, the meshing (0.01 mm / 0.1 rad) and the STL + 3MF write, as the
# geometry worker reports them; then the validation of the written part (`archipel validate
# part.json`: STEP, STL and 3MF) — against OpenSCAD rendering the same plate (CGAL, the default
# backend), stopped after $OPENSCAD_TIMEOUT seconds. Then the sweep of every os-plate size up to
# 4 x 4 modules. Then `archipel library seed` of the whole standard set into a fresh registry,
# timed, and the kit of an object made of every seed part (the DXF and STL exports its members'
# processes need), timed.
# Usage: bench/bench_library.sh BUILD_DIR [SIZE (default 40; 0 skips the plate)] [SEED (1; 0 skips)]
set -euo pipefail
BUILD=${1:?usage: bench_library.sh BUILD_DIR [SIZE]}
N=${2:-40}
SEED=${3:-1}
ARCHIPEL=$BUILD/cli/archipel
WORKER=$BUILD/cli/archipel-geometry
OPENSCAD_TIMEOUT=${OPENSCAD_TIMEOUT:-600}
# A benchmark times the work; the workers' default limits (sized for hostile files) would stop it.
export ARCHIPEL_GEOMETRY_TIME_LIMIT=${ARCHIPEL_GEOMETRY_TIME_LIMIT:-7200}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

plate() {
echo "== os-plate ${N}x${N} modules, $((N * N)) holes"
mkdir -p "$WORK/plate"
request=$(printf '{"family":"os-plate","name":"os-plate-%dx%d","folder":"%s","parent_pid":%d,"parameters":{"size":[%d,%d],"thickness":3,"hole-diameter":5.5,"pattern":"every-node"}}' \
  "$N" "$N" "$WORK/plate" $$ "$N" "$N")
t0=$(now)
"$WORKER" --make "$request" 3>"$WORK/answer" >/dev/null 2>&1
total=$(since "$t0")
python3 - "$WORK/answer" "$total" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).read())["made"]
t = a["timings"]
print("boolean (one cut, all tools) %8.2f s   (target < 10 s)" % t["boolean"])
print("STEP write                  %8.2f s" % t["step"])
print("meshing                     %8.2f s   (%d triangles)" % (t["mesh"], a["triangles"]))
print("STL + 3MF write             %8.2f s" % t["write"])
print("worker total                %8.2f s" % float(sys.argv[2]))
PY
ls -l "$WORK/plate" | awk 'NR > 1 {printf "  %-28s %12d bytes\n", $9, $5}'

t0=$(now)
"$ARCHIPEL" make os-plate --size "${N}x${N}" --out "$WORK/cli" >/dev/null
echo "archipel make (generate + measure + validate + part.json) $(since "$t0") s"
t0=$(now)
"$ARCHIPEL" validate "$WORK/cli/part.json" > "$WORK/validate.txt" || true
echo "archipel validate part.json (STEP, STL, 3MF)           $(since "$t0") s: $(tail -1 "$WORK/validate.txt")"

if command -v openscad >/dev/null; then
  {
    echo "difference() { cube([$((40 * N)), $((40 * N)), 3]);"
    echo "  for (i = [0:$((N - 1))], j = [0:$((N - 1))]) translate([20 + 40 * i, 20 + 40 * j, -1]) cylinder(d = 5.5, h = 5, \$fn = 64); }"
  } > "$WORK/plate.scad"
  t0=$(now)
  if timeout "$OPENSCAD_TIMEOUT" openscad -o "$WORK/plate.stl" "$WORK/plate.scad" >/dev/null 2>&1; then
    s=$(since "$t0")
    echo "OpenSCAD render to STL       $s s; ratio OpenSCAD / archipel make: $(echo "$s / $total" | bc -l | cut -c1-6)"
  else
    echo "OpenSCAD render to STL       did not finish within ${OPENSCAD_TIMEOUT} s (stopped)"
  fi
else
  echo "OpenSCAD absent: no baseline"
fi
}
[ "$N" -gt 0 ] && plate

if [ "${SWEEP:-1}" = 1 ]; then
echo "== sweep: every os-plate size up to 4 x 4 modules (3 patterns; SWEEP=0 skips it)"
t0=$(now); count=0; failed=0
for x in 1 2 3 4; do for y in 1 2 3 4; do for p in every-node perimeter corners; do
  count=$((count + 1))
  "$ARCHIPEL" make os-plate --size "${x}x${y}" --pattern "$p" --out "$WORK/sweep" --force >/dev/null 2>&1 || failed=$((failed + 1))
done; done; done
echo "$count parts in $(since "$t0") s, $failed failed"
fi

[ "$SEED" = 1 ] || exit 0
echo "== library seed: the standard set into a fresh registry"
export XDG_STATE_HOME="$WORK/state"
if [ -z "${ARCHIPEL_SIGNING_KEY:-}" ]; then
  "$ARCHIPEL" key new "$WORK/key" --principal bench@example.org >/dev/null
  export ARCHIPEL_SIGNING_KEY="$WORK/key"
fi
t0=$(now)
"$ARCHIPEL" library seed --registry "$WORK/osg" --json > "$WORK/seed.json"
seed_s=$(since "$t0")
python3 - "$WORK/seed.json" "$seed_s" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = d["published"]
print("seeded %d parts (STEP, STL, 3MF, manifest, validation, publish) in %.1f s: %.2f s a part"
      % (n, float(sys.argv[2]), float(sys.argv[2]) / max(n, 1)))
PY
t0=$(now)
"$ARCHIPEL" library seed --registry "$WORK/osg" >/dev/null
echo "seed again (nothing to publish)      $(since "$t0") s"
echo "== kit of an object made of every seed part (DXF and STL exports)"
mkdir -p "$WORK/object"
python3 - "$WORK/seed.json" "$WORK/object/part.json" <<'PY'
import json, sys
parts = json.load(open(sys.argv[1]))["parts"]
doc = {"schema": 1, "kind": "object", "name": "Every seed part", "version": "1.0.0",
       "designer": {"name": "Bench", "email": "bench@example.org"}, "licence": "CC0-1.0",
       "composition": [{"serial": p["serial"], "version": "^1.0", "quantity": 1} for p in parts]}
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY
"$ARCHIPEL" publish --registry "$WORK/osg" "$WORK/object/part.json" >/dev/null
t0=$(now)
"$ARCHIPEL" kit --registry "$WORK/osg" OSG-O0001 --out "$WORK/kit" --json > "$WORK/kit.json"
kit_s=$(since "$t0")
python3 - "$WORK/kit.json" "$kit_s" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exports = [e for m in d["lock"]["members"] for e in m.get("exports", [])]
dxf = sum(e["format"] == "dxf" for e in exports)
stl = sum(e["format"] == "stl" for e in exports)
print("kit of %d members: %d files, %d DXF and %d STL exports, %d warnings, in %.1f s (target < 10 s)"
      % (len(d["members"]), len(d["files"]), dxf, stl, len(d["warnings"]), float(sys.argv[2])))
PY
t0=$(now)
"$ARCHIPEL" kit --registry "$WORK/osg" --locked "$WORK/kit/kit.lock" --out "$WORK/kit2" >/dev/null
echo "kit --locked (the same kit again)    $(since "$t0") s; identical: $(diff -rq "$WORK/kit" "$WORK/kit2" >/dev/null && echo yes || echo NO)"
