# Every listed file must exist as a regular file.
source "$SRC/tests/cli/lib/manifest.sh"
mkdir docs
write_manifest part.json '"files": [{"path": "docs/plate.md", "role": "documentation", "format": "md"}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/files/0/path: listed file "docs/plate.md" does not exist
X
write_manifest part.json '"files": [{"path": "docs", "role": "documentation", "format": "md"}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/files/0/path: "docs" is not a regular file
X
