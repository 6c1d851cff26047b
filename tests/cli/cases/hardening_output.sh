# Issue 9: control characters (ESC, BEL, C1 CSI, DEL) and bidirectional overrides in published
# names are escaped in human output of list, show, history and search; --json stays JSON.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mkdir -p p; printf 'solid\nendsolid\n' >p/plate.stl
python3 - >p/part.json <<'PY'
import json
print(json.dumps({"schema": 1, "kind": "part", "name": "Plate\u001b[31mRED\u0007\u009b\u007f\u202eevil",
                  "version": "1.0.0", "designer": {"name": "Ada\u001b]0;title\u0007", "email": "ada@example.org"},
                  "licence": "MIT", "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl"}]}))
PY
expect 0 -- publish p/part.json
escaped='Plate\x1b[31mRED\x07\x9b\x7f\u202eevil'
for cmd in list "show BXL-P0001" "search Plate" "history BXL-P0001"; do
  expect 0 -- $cmd
  if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' out; then echo "FAIL: $cmd printed a control character"; cat -v out; exit 1; fi
  if LC_ALL=C grep -q $'\xc2\x9b\|\xe2\x80\xae' out; then echo "FAIL: $cmd printed a C1 control or an override"; exit 1; fi
done
expect 0 -- list
out_has "$escaped"
out_has 'Ada\x1b]0;title\x07'
expect 0 -- show BXL-P0001
out_has "$escaped"
expect 0 -- search Plate
out_has "$escaped"
expect 0 -- show BXL-P0001 --json
out_has '\u001b[31mRED\u0007'
expect 0 -- list --json
out_has '\u001b[31mRED\u0007'
