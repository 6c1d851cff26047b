# A sha256 that does not match names the file and both digests.
source "$SRC/tests/cli/lib/manifest.sh"
printf 'plate\n' > plate.md
write_manifest part.json '"files": [{"path": "plate.md", "role": "documentation", "format": "md", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/files/0/sha256: "plate.md" has sha256 b31a5def9e2045b31a45c5e16e38427d37a2d05540f42f8b8ed2f4ea77742717, but the manifest says 0000000000000000000000000000000000000000000000000000000000000000
X
