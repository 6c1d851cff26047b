# Absolute paths are refused, even to a file that exists.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"files": [{"path": "/etc/hostname", "role": "documentation", "format": "txt"}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/files/0/path: "/etc/hostname" is an absolute path; paths are relative to the manifest's folder
X
