# Helpers for the manifest CLI cases (sourced by tests/cli/cases/manifest_*.sh).
# write_manifest FILE [EXTRA]: a valid minimal manifest; EXTRA is more JSON members, e.g.
#   write_manifest part.json '"files": [{"path": "a.md", "role": "drawing", "format": "md"}]'
# Members in EXTRA replace the minimal ones of the same name, in place (a manifest may not repeat
# a key: parse_json refuses duplicates).
write_manifest() {
  local file=$1 extra=${2:-}
  python3 - "$extra" >"$file" <<'PY'
import json, sys
doc = {"schema": 1, "kind": "part", "name": "Test plate", "version": "1.0.0",
       "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT"}
extra = sys.argv[1]
if extra:
    doc.update(json.loads("{" + extra + "}"))
lines = ["{"]
for i, (key, value) in enumerate(doc.items()):
    comma = "," if i + 1 < len(doc) else ""
    lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
lines.append("}")
print("\n".join(lines))
PY
}
