# Wrong types name the expected and the found type.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"name": 42'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/name: expected a string, found a number
X
write_manifest part.json '"grid": {"standard": "openstructures", "size": [2, "1"]}'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/grid/size/1: expected an integer, found a string
X
write_manifest part.json '"tags": "plate"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/tags: expected an array, found a string
X
