# Issue 5: compat on files, manifests and serials; bom and check on the example objects.
export ARCHIPEL_REGISTRY="$WORK/reg"
cp -r "$SRC/examples/parts" "$SRC/examples/objects" "$WORK/"
expect 0 -- registry init --namespace ARC
expect 0 -- publish "$WORK/parts/os-plate-120x40/part.json"
expect 0 -- publish "$WORK/parts/os-bracket-l/part.json"

expect 0 -- compat EXA-P0001 EXA-P0002 --max 3
same_out <<'X'
EXA-P0001@1.0.0 + EXA-P0002@1.0.0: compatible, 64 placements; the best shares 2 fasteners (M5 x 12 + nut)
  rank    dx    dy  rotation  flip  shared  screw
     1     0     0        0°    no       2  M5 x 12 + nut
     2     0    -2        0°    no       2  M5 x 12 + nut
     3     2     0        0°    no       2  M5 x 12 + nut
  (dx, dy in grid nodes of 10 mm on A's grid)
X

# The same answer from the files themselves, and a drawing of the best placement.
expect 0 -- compat "$WORK/parts/os-plate-120x40/part.json" "$WORK/parts/os-bracket-l/os-bracket-l.step" --json --svg "$WORK/best.svg"
out_has '"placements_found": 64'
out_has '"screw": "M5 x 12 + nut"'
grep -c 'class="shared"' "$WORK/best.svg" | grep -qx 2

expect 1 -- compat "$WORK/parts/os-plate-120x40/os-plate-120x40.step" "$WORK/parts/off-grid-plate/off-grid-plate.step"
same_out <<X
$WORK/parts/os-plate-120x40/os-plate-120x40.step + $WORK/parts/off-grid-plate/off-grid-plate.step: not compatible (too-few-points)
  B has 0 assembly points on its main face that take a metric fastener; a joint needs 2
X

expect 1 -- compat "$WORK/parts/os-plate-120x40/os-plate-120x40.step" "$WORK/parts/gridfinity-1x1-foot/gridfinity-1x1-foot.step" --grid gridfinity
out_has "a Gridfinity fit needs a bin and a baseplate"

expect 2 -- compat EXA-P0001 no-such-thing
same_err <<'X'
archipel: error: "no-such-thing" is neither an existing file nor a registry serial (like BXL-P0042)
X

expect 0 -- bom "$WORK/objects/bracket-stand/part.json" --csv "$WORK/bom.csv"
same_out <<'X'
EXA-O0001@1.0.0  bracket stand
    qty  serial        version   kind       name
      1  EXA-P0001     1.0.0     part       os-plate-120x40
      2  EXA-P0002     1.0.0     part       os-bracket-l
  no problems
X
printf 'serial,version,name,kind,grid,quantity\r\nEXA-P0001,1.0.0,os-plate-120x40,part,openstructures,1\r\nEXA-P0002,1.0.0,os-bracket-l,part,openstructures,2\r\n' | diff - "$WORK/bom.csv"

expect 0 -- check "$WORK/objects/bracket-stand/part.json"
same_out <<'X'
ok   EXA-P0001@1.0.0 + EXA-P0002@1.0.0 at (0, 0) rotation 0°: M5 x 12 + nut, 2 fasteners
ok   EXA-P0001@1.0.0 + EXA-P0002@1.0.0 at (8, 0) rotation 0°: M5 x 12 + nut, 2 fasteners
bracket stand: 2 joints, 2 fit, 0 fail
X

expect 1 -- check "$WORK/objects/bracket-stand-broken/part.json"
same_out <<'X'
ok   EXA-P0001@1.0.0 + EXA-P0002@1.0.0 at (0, 0) rotation 0°: M5 x 12 + nut, 2 fasteners
FAIL EXA-P0001@1.0.0 + EXA-P0002@1.0.0 at (7, 0) rotation 0°: this placement makes 0 assembly points coincide with the same fastener; a joint needs 2
bracket stand, broken: 2 joints, 1 fits, 1 fails
X

# Published objects resolve the same way; a yanked member is reported.
expect 0 -- publish "$WORK/objects/bracket-stand/part.json"
expect 0 -- check EXA-O0001 --json
out_has '"ok": true'
expect 0 -- yank EXA-P0002@1.0.0 --reason "hole spacing wrong"
expect 1 -- bom EXA-O0001
out_has "problem (yanked): EXA-P0002@1.0.0 is yanked [EXA-O0001 > EXA-P0002]"
err_has "archipel: warning: yanked: EXA-P0002@1.0.0 is yanked"
