# A listed path may not leave the manifest's folder.
source "$SRC/tests/cli/lib/manifest.sh"
mkdir part && echo secret > x
write_manifest part/part.json '"files": [{"path": "../x", "role": "documentation", "format": "txt"}]'
expect 1 -- manifest check part/part.json
same_err <<'X'
archipel: error: part/part.json:/files/0/path: "../x" leaves the manifest's folder
X
write_manifest part/part.json '"files": [{"path": "docs\\..\\..\\x", "role": "documentation", "format": "txt"}]'
expect 1 -- manifest check part/part.json
same_err <<'X'
archipel: error: part/part.json:/files/0/path: "docs\..\..\x" contains a backslash; separate folders with "/"
X
