# The same path listed twice names both entries.
source "$SRC/tests/cli/lib/manifest.sh"
touch plate.step notes.md
write_manifest part.json '"files": [
    {"path": "plate.step", "role": "geometry", "format": "step"},
    {"path": "notes.md", "role": "documentation", "format": "md"},
    {"path": "plate.step", "role": "drawing", "format": "step"}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/files/2/path: duplicate file entry "plate.step" (also /files/0)
X
