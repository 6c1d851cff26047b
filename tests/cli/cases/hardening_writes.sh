# Issue 9: nothing Archipel writes follows a link. A part folder carrying the old temporary name
# of the serial write-back as a link to an outside file: the file stays untouched, publish works.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mkdir -p p; printf 'solid\nendsolid\n' >p/plate.stl
printf '#!/bin/sh\necho original\n' >victim.sh
ln -s ../victim.sh p/part.json.archipel-tmp
cat >p/part.json <<'JSON'
{"schema": 1, "kind": "part", "name": "Plate", "version": "1.0.0",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT",
 "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl"}]}
JSON
expect 0 -- publish p/part.json
[ "$(cat victim.sh)" = "$(printf '#!/bin/sh\necho original')" ] || { echo "FAIL: victim.sh was written"; exit 1; }
[ -L p/part.json.archipel-tmp ] || { echo "FAIL: the planted link was touched"; exit 1; }
[ ! -L p/part.json ] || { echo "FAIL: part.json became a link"; exit 1; }
grep -q '"serial": "BXL-P0001"' p/part.json
[ "$(ls -A p | sort | tr '\n' ' ')" = "part.json part.json.archipel-tmp plate.stl " ] || { ls -A p; exit 1; }
# A part.json that is itself a link is replaced by a file, never written through.
mkdir -p q; cp p/plate.stl q/; sed 's/"Plate"/"Other"/' p/part.json | grep -v serial >q/real.json
cp q/real.json outside.json; ln -s ../outside.json q/part.json
expect 0 -- publish q/part.json
cmp -s outside.json q/real.json || { echo "FAIL: outside.json was written through the link"; exit 1; }
[ ! -L q/part.json ] && grep -q '"serial": "BXL-P0002"' q/part.json
# get never writes through a link planted in the target folder.
mkdir got; ln -s ../victim.sh got/plate.stl
expect 1 -- get BXL-P0001 --out got
[ "$(cat victim.sh)" = "$(printf '#!/bin/sh\necho original')" ]
git -C "$WORK/reg" fsck --strict --no-progress
