# Issue 13: generated files are the same bytes every time (fixed STEP header, fixed zip dates,
# serial meshing), and generated plates and brackets bolt together.
for run in a b; do
  expect 0 -- make os-plate --size 3x1 --out "$run/plate"
  expect 0 -- make gridfinity-bin --size 2x1x3 --magnets on --out "$run/bin"
  expect 0 -- make os-bracket --size 2x1x1 --out "$run/bracket"
done
for part in plate bin bracket; do
  (cd "a/$part" && ls) > names
  test "$(wc -l < names)" = 4
  while read -r f; do cmp "a/$part/$f" "b/$part/$f"; done < names
done
grep -q "FILE_NAME('os-plate-3x1','2000-01-01T00:00:00'" a/plate/os-plate-3x1.step
expect 0 -- manifest check a/plate
out_has 'part "os-plate-3x1" 1.0.0, CC0-1.0'

expect 0 -- compat a/plate/part.json a/bracket/part.json --max 2
same_out <<'X'
a/plate/part.json + a/bracket/part.json: compatible, 8 placements; the best shares 2 fasteners (M5 x 12 + nut)
  rank    dx    dy  rotation  flip  shared  screw
     1     0     0        0°    no       2  M5 x 12 + nut
     2     4     0        0°    no       2  M5 x 12 + nut
  (dx, dy in grid nodes of 10 mm on A's grid)
X
