# Helpers for the manifest CLI cases (sourced by tests/cli/cases/manifest_*.sh).
# write_manifest FILE [EXTRA]: a valid minimal manifest; EXTRA is more JSON members, e.g.
#   write_manifest part.json '"files": [{"path": "a.md", "role": "drawing", "format": "md"}]'
# Members in EXTRA replace the minimal ones of the same name (the last duplicate key wins).
write_manifest() {
  local file=$1 extra=${2:-}
  {
    printf '{\n  "schema": 1,\n  "kind": "part",\n  "name": "Test plate",\n  "version": "1.0.0",\n'
    printf '  "designer": {"name": "Ada", "email": "ada@example.org"},\n  "licence": "MIT"'
    [ -n "$extra" ] && printf ',\n  %s' "$extra"
    printf '\n}\n'
  } >"$file"
}
