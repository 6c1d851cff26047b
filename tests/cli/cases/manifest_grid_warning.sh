# A grid id that is not built in may be a custom standard: a warning with a suggestion, not an error.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"grid": {"standard": "openstructure", "size": [2, 1]}'
expect 0 -- manifest check part.json
same_out <<'X'
part.json: ok (part "Test plate" 1.0.0, MIT)
X
same_err <<'X'
archipel: warning: part.json:/grid/standard: "openstructure" is not a built-in grid standard; did you mean "openstructures"?
X
expect 0 -- manifest new --name X --designer "Ada <ada@example.org>" --licence MIT --grid my-workshop-grid --out w.json
same_err <<'X'
archipel: warning: --grid: "my-workshop-grid" is not a built-in grid standard
X
expect 0 -- manifest new --name X --designer "Ada <ada@example.org>" --licence MIT --grid gridfinity --out g.json
same_err </dev/null
