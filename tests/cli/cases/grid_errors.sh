# archipel grid show: unknown ids, missing and bad custom files, usage errors.
expect 1 -- grid show openstructure
same_err <<<'archipel: error: unknown grid standard "openstructure"; did you mean "openstructures"?'
same_out </dev/null
expect 1 -- grid show gridfinty --json
same_err <<<'archipel: error: unknown grid standard "gridfinty"; did you mean "gridfinity"?'
expect 3 -- grid show missing.json
same_err <<<'archipel: error: missing.json: no such file'
printf '{"schema": 1, "id": "x"' > broken.json
expect 1 -- grid show broken.json
same_err <<<'archipel: error: broken.json: invalid JSON at line 1, column 24: syntax error'
python3 - "$SRC/core/grids/openbeam.json" <<'P' > bad.json
import json, sys
doc = json.load(open(sys.argv[1]))
doc["tolerances"]["position_mm"] = -1
print(json.dumps(doc))
P
expect 1 -- grid show bad.json
same_err <<<"archipel: error: bad.json:/tolerances/position_mm: Expected number greater than or equal to 0.000000"
expect 2 -- grid
err_has 'A subcommand is required'
expect 2 -- grid show
err_has 'standard is required'
