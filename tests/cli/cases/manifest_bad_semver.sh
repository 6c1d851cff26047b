# Versions must be full semantic versions; requirements are checked too.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"version": "1.0"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/version: "1.0" is not a semantic version such as 1.2.0
X
write_manifest part.json '"kind": "component", "composition": [{"serial": "BXL-P0042", "version": "=>1.0", "quantity": 1}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/composition/0/version: "=>1.0" is not a version requirement (unknown operator "=>")
X
