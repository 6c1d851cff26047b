# A listed file may not be a symbolic link, nor sit in a linked folder.
source "$SRC/tests/cli/lib/manifest.sh"
mkdir -p outside part && echo "not yours" > outside/secret.md
ln -s ../outside/secret.md part/notes.md
ln -s ../outside part/docs
write_manifest part/part.json '"files": [{"path": "notes.md", "role": "documentation", "format": "md"}]'
expect 1 -- manifest check part/part.json
same_err <<'X'
archipel: error: part/part.json:/files/0/path: "notes.md" is a symbolic link; links are refused
X
write_manifest part/part.json '"files": [{"path": "docs/secret.md", "role": "documentation", "format": "md"}]'
expect 1 -- manifest check part/part.json
same_err <<'X'
archipel: error: part/part.json:/files/0/path: "docs/secret.md" passes through the symbolic link "docs"; links are refused
X
