#!/usr/bin/env bash
# The demo behind `./build.sh demo`. Usage: examples/demo.sh PATH/TO/archipel
set -euo pipefail
ARCHIPEL=$(realpath "$1")
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "archipel --version"
"$ARCHIPEL" --version

step "archipel manifest check examples/manifests/*/part.json examples/parts/*/part.json"
"$ARCHIPEL" manifest check examples/manifests/*/part.json examples/parts/*/part.json

step "archipel manifest new, then a typo in its licence: refused with a suggestion"
demo_dir=$(mktemp -d)
(
  cd "$demo_dir"
  "$ARCHIPEL" manifest new --name "Demo plate" --designer "Ada Lovelace <ada@example.org>" \
    --licence CERN-OHL-S-2.0 --grid openstructures --grid-size 2x1
  sed 's/"CERN-OHL-S-2.0"/"CC-BY-5.0"/' part.json > typo.json
  "$ARCHIPEL" manifest check typo.json 2>&1 || echo "(exit code $?: refused, as expected)"
)
rm -rf "$demo_dir"

step "archipel grid list"
"$ARCHIPEL" grid list

step "archipel grid show gridfinity"
"$ARCHIPEL" grid show gridfinity

step "archipel validate: an OpenStructures plate, a disc with a bolt circle, a Gridfinity foot"
"$ARCHIPEL" validate examples/parts/os-plate-120x40/os-plate-120x40.step
"$ARCHIPEL" validate examples/parts/os-disc-d120/os-disc-d120.step
"$ARCHIPEL" validate examples/parts/gridfinity-1x1-foot/gridfinity-1x1-foot.step --grid gridfinity

step "archipel validate: a deliberately off-grid plate (exit 1), drawn to off-grid-plate.svg"
"$ARCHIPEL" validate examples/parts/off-grid-plate/off-grid-plate.step \
  --svg "${TMPDIR:-/tmp}/off-grid-plate.svg" || echo "(exit $?: fails)"
step "archipel measure examples/parts/os-plate-120x40/os-plate-120x40.step --material aluminium"
"$ARCHIPEL" measure examples/parts/os-plate-120x40/os-plate-120x40.step --material aluminium
step "archipel measure examples/parts/gridfinity-1x1-foot/gridfinity-1x1-foot.step (blind magnet holes)"
"$ARCHIPEL" measure examples/parts/gridfinity-1x1-foot/gridfinity-1x1-foot.step
step "archipel measure an STL (the Assimp mesh path: welded, same frame and holes as the STEP)"
"$ARCHIPEL" measure examples/parts/os-plate-120x40/os-plate-120x40.stl --unit mm
# --- The registry: an embedded local registry in a temporary folder (never the user's own).
REG_DEMO=$(mktemp -d)
trap 'rm -rf "$REG_DEMO"' EXIT
export ARCHIPEL_REGISTRY="$REG_DEMO/registry"
# Publishing writes assigned serials back into part.json: work on copies of the examples.
cp -r examples/manifests examples/parts "$REG_DEMO/" 2>/dev/null || cp -r examples/manifests "$REG_DEMO/"
export XDG_STATE_HOME="$REG_DEMO/state"  # remembered tips of this demo, not the user's
step "archipel key new: a throw-away signing key for the demo (every commit is signed)"
"$ARCHIPEL" key new "$REG_DEMO/keys/alice" --principal alice@example.org
export ARCHIPEL_SIGNING_KEY="$REG_DEMO/keys/alice"
step "archipel registry init --namespace ARC (an embedded local registry in $ARCHIPEL_REGISTRY)"
"$ARCHIPEL" registry init --namespace ARC --name "Archipel demo" --accept-nonconforming
step "archipel library seed: the standard set of generated parts (release osg-1.0, OSG-P0001...)"
# Every part generated, proven conforming and published under its fixed OSG serial (a mirror of
# the set; signed by the demo's key). DEMO_SEED_LIMIT=N seeds only the first N (quicker runs).
"$ARCHIPEL" library seed ${DEMO_SEED_LIMIT:+--limit "$DEMO_SEED_LIMIT"}
step "archipel search generated: a new user's first search finds real parts"
"$ARCHIPEL" search generated
step "archipel publish: the example manifests (their BXL serials come from another registry)"
for name in os-plate os-plate-slotted os-bracket os-shelf-module os-shelf; do
  "$ARCHIPEL" publish "$REG_DEMO/manifests/$name/part.json"
done
if [ -d "$REG_DEMO/parts" ]; then
  step "archipel publish: the example parts with geometry, measured against the OpenStructures grid"
  for manifest in "$REG_DEMO"/parts/*/part.json; do
    "$ARCHIPEL" publish "$manifest" --allow-nonconforming ||
      echo "(refused above: $(basename "$(dirname "$manifest")"))"
  done
fi
step "archipel list"
"$ARCHIPEL" list
step "archipel fork BXL-P0042 --designer \"Hedy Lamarr <hedy@example.org>\""
"$ARCHIPEL" fork BXL-P0042 --designer "Hedy Lamarr <hedy@example.org>" --name "OS plate 2x1, rounded corners"
step "archipel lineage BXL-P0042"
"$ARCHIPEL" lineage BXL-P0042
step "archipel search plate --licence-allows commercial"
"$ARCHIPEL" search plate --licence-allows commercial
step "archipel where-used BXL-P0042 (the plate: in the shelf module, and through it in the shelf)"
"$ARCHIPEL" where-used BXL-P0042
step "archipel verify"
"$ARCHIPEL" verify
step "archipel compat EXA-P0001 EXA-P0002: can the L-bracket be bolted onto the plate?"
"$ARCHIPEL" compat EXA-P0001 EXA-P0002 --max 3
step "archipel compat: the plate and the deliberately off-grid plate (exit 1, with the reason)"
"$ARCHIPEL" compat EXA-P0001 EXA-P0004 || echo "(exit $?: not compatible)"
step "archipel export: the plate as DXF and the disc as SVG (their real sections), the foot as 3MF"
"$ARCHIPEL" export EXA-P0001 --format dxf --out "$REG_DEMO/plate.dxf"
"$ARCHIPEL" export EXA-P0003 --format svg --out "$REG_DEMO/disc.svg"
"$ARCHIPEL" export EXA-P0005 --format 3mf --out "$REG_DEMO/foot.3mf"
step "archipel export: the L-bracket is bent, not a flat sheet: no DXF (exit 1, with the reason)"
"$ARCHIPEL" export EXA-P0002 --format dxf --out "$REG_DEMO/bracket.dxf" || echo "(exit $?: refused)"
step "archipel publish + bom + check: an object made of the example parts"
cp -r examples/objects "$REG_DEMO/"
"$ARCHIPEL" publish "$REG_DEMO/objects/bracket-stand/part.json"
"$ARCHIPEL" bom EXA-O0001
"$ARCHIPEL" check EXA-O0001
step "archipel check: the broken variant is refused with the precise reason"
"$ARCHIPEL" check "$REG_DEMO/objects/bracket-stand-broken/part.json" || echo "(exit $?: refused)"
step "A takeover refused: Bob copies Alice's part.json, bumps the version, credits himself, MIT"
"$ARCHIPEL" key new "$REG_DEMO/keys/bob" --principal bob@example.org >/dev/null
mkdir -p "$REG_DEMO/takeover"
cp "$REG_DEMO/manifests/os-plate/"* "$REG_DEMO/takeover/"
sed -i 's/"version": "[^"]*"/"version": "9.9.9"/; s/"licence": "[^"]*"/"licence": "MIT"/' "$REG_DEMO/takeover/part.json"
"$ARCHIPEL" publish "$REG_DEMO/takeover/part.json" --signing-key "$REG_DEMO/keys/bob" ||
  echo "(exit $?: refused, the part belongs to Alice)"
step "archipel history BXL-P0042: the designer credited and the signer who published"
"$ARCHIPEL" history BXL-P0042
# --- Rights and kits (docs/rights.md).
step "archipel publish: the plate's files again under CC0 and a new name, without lineage (refused: laundering)"
mkdir -p "$REG_DEMO/copy"
cp examples/parts/os-plate-120x40/os-plate-120x40.step "$REG_DEMO/copy/"
python3 - examples/parts/os-plate-120x40/part.json "$REG_DEMO/copy/part.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc.pop("serial")
doc.update(name="my plate", licence="CC0-1.0")
doc["files"] = [f for f in doc["files"] if f["format"] == "step"]
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY
"$ARCHIPEL" publish "$REG_DEMO/copy/part.json" --allow-nonconforming || echo "(exit $?: refused)"
step "archipel rights EXA-O0001: may the bracket stand be made, adapted, sold as a kit or as a product?"
"$ARCHIPEL" rights EXA-O0001
step "archipel kit EXA-O0001 --for sell-kit --quantity 2: the bracket stand's kit"
"$ARCHIPEL" kit EXA-O0001 --for sell-kit --quantity 2 --out "$REG_DEMO/stand-kit"
cat "$REG_DEMO/stand-kit/BOM.csv"
step "archipel kit --locked: the same kit, byte for byte"
"$ARCHIPEL" kit --locked "$REG_DEMO/stand-kit/kit.lock" --out "$REG_DEMO/stand-kit-again" >/dev/null
diff -r "$REG_DEMO/stand-kit" "$REG_DEMO/stand-kit-again" && echo "identical"
