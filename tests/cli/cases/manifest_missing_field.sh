# A missing required field is named, at the object that lacks it.
printf '{"schema": 1, "kind": "part", "name": "x", "version": "1.0.0", "licence": "MIT"}\n' > part.json
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json: missing required field "designer"
X
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"designer": {"name": "Ada"}'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/designer: missing required field "email"
X
