# An unknown kind lists the allowed ones; an unknown field is named.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"kind": "gadget"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/kind: "gadget" is not one of part, component, object
X
write_manifest part.json '"colour": "red"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json: unknown field "colour"
X
