# Issue 13: `archipel library seed` publishes the standard set under fixed OSG serials, once; into
# a registry of another namespace as a mirror. The CI seeds the first 3 parts (--limit); the full
# set is timed by bench/bench_library.sh.
expect 0 -- library seed --registry osg --limit 3
out_has 'OSG-P0001 os-plate-1x1: published (conforms)'
out_has 'OSG-P0002 os-plate-2x1: published (conforms)'
out_has 'OSG-P0003 os-plate-2x2: published (conforms)'
out_has ' (created, namespace OSG): 3 parts (3 published, 0 already there) of the 61 in the set, in '
expect 0 -- list --registry osg --json
python3 - out <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
parts = doc["parts"] if isinstance(doc, dict) else doc
assert [(p["serial"], p["latest"]) for p in parts] == [("OSG-P0001", "1.0.0"), ("OSG-P0002", "1.0.0"), ("OSG-P0003", "1.0.0")], parts
PY
expect 0 -- show OSG-P0002 --registry osg --json
python3 - out <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["manifest"]
assert m["name"] == "os-plate-2x1" and m["licence"] == "CC0-1.0", m
assert m["tags"] == ["os-plate", "openstructures", "generated", "osg-1.0"], m["tags"]
assert m["designer"] == {"name": "Archipel generic parts", "email": "library@archipel.example"}, m["designer"]
PY
# Again: nothing published, same serials; then two more parts continue the set.
expect 0 -- library seed --registry osg --limit 3 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["namespace"], d["created"], d["release"], d["set"], d["published"], d["present"]) == ("OSG", False, "osg-1.0", 61, 0, 3), d
assert [(p["serial"], p["status"]) for p in d["parts"]] == [("OSG-P0001", "present"), ("OSG-P0002", "present"), ("OSG-P0003", "present")], d
PY
expect 0 -- library seed --registry osg --limit 4
out_has 'OSG-P0004 os-plate-3x1: published (conforms)'
out_has '4 parts (1 published, 3 already there)'
# A mirror in the user's own registry keeps the OSG serials and the same blobs.
expect 0 -- registry init --registry mine --namespace ARC
expect 0 -- library seed --registry mine --limit 2
out_has 'OSG-P0001 os-plate-1x1: published (conforms)'
expect 0 -- show OSG-P0001 --registry mine --json
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifest"]["files"])' out >mine.files
expect 0 -- show OSG-P0001 --registry osg --json
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifest"]["files"])' out >osg.files
diff mine.files osg.files
expect 0 -- verify --registry mine
# An OSG registry whose next serial holds another part: refused, naming both serials.
expect 0 -- registry init --registry other --namespace OSG
printf '{"schema": 1, "kind": "part", "name": "not from the set", "version": "1.0.0", "designer": {"name": "Zoe", "email": "z@example.org"}, "licence": "CC0-1.0"}\n' >p.json
mkdir p && mv p.json p/part.json
expect 0 -- publish --registry other p/part.json
expect 1 -- library seed --registry other --limit 1
same_err <<<"archipel: error: other: OSG-P0001 holds \"not from the set\", but the set puts os-plate-1x1 there: this registry's OSG serials hold other parts"
expect 2 -- library seed --registry osg --limit 62
same_err <<<'archipel: error: --limit must be 1 to 61 (the parts of the set)'
