# Issue 13: `archipel make` refuses bad parameters with one line naming the parameter and its
# range (exit 1), an unknown family with a suggestion (exit 2), and writes through no link.
expect 1 -- make os-plate --size 41x1
same_err <<'X'
archipel: error: --size: width 41 is outside 1 to 40 modules
X
expect 1 -- make os-plate --size 4
same_err <<'X'
archipel: error: --size: "4" is not width x depth (integers from 1 to 40 modules)
X
# A huge value (100 000 characters) is one short line, no crash.
expect 1 -- make os-plate --size "$(printf '1x%.0s' $(seq 50000))"
same_err <<'X'
archipel: error: --size: "1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x" is not width x depth (integers from 1 to 40 modules)
X
expect 1 -- make os-plate --size 4x
same_err <<'X'
archipel: error: --size: "4x" is not width x depth (integers from 1 to 40 modules)
X
expect 1 -- make os-plate --size 2x2 --thickness 0.5
same_err <<'X'
archipel: error: --thickness: 0.5 is outside 1 to 20 mm
X
expect 1 -- make os-plate --size 2x2 --thickness 3mm
same_err <<'X'
archipel: error: --thickness: "3mm" is not a number from 1 to 20 mm
X
expect 1 -- make os-plate --size 2x2 --pattern diagonal
same_err <<'X'
archipel: error: --pattern: "diagonal" is not one of every-node, perimeter, corners
X
expect 1 -- make os-plate
same_err <<'X'
archipel: error: --size: is required for os-plate: width x depth (integers from 1 to 40 modules)
X
expect 1 -- make os-plate --size 2x2 --magnets on
same_err <<'X'
archipel: error: --magnets: os-plate takes no --magnets (its parameters: --size, --thickness, --hole-diameter, --pattern)
X
expect 1 -- make os-bracket --size 1x1x1 --thickness 10 --hole-diameter 20
same_err <<'X'
archipel: error: --hole-diameter: 20 with --thickness 10: the first hole, 20 mm from the bend, would cut the other leg (thickness + diameter / 2 must be under 20 mm)
X
expect 1 -- make os-disc --diameter 80 --bolt-circle 80
same_err <<'X'
archipel: error: --bolt-circle: 80 does not fit a disc of 80 mm: its holes need bolt circle + hole diameter + 4 mm at most the disc diameter
X
expect 1 -- make os-disc --diameter 40 --holes 12
same_err <<'X'
archipel: error: --holes: 12 holes of 5.5 mm overlap on a 20 mm bolt circle (at least 1 mm between holes)
X
expect 1 -- make gridfinity-bin --size 2x1x3 --lip maybe
same_err <<'X'
archipel: error: --lip: "maybe" is not on or off
X
expect 1 -- make bitbeam-beam --size 7 --material unobtainium
err_has 'archipel: error: --material: unknown material "unobtainium"'
expect 2 -- make os-plat --size 2x2
same_err <<'X'
archipel: error: unknown family "os-plat"; did you mean "os-plate"? (archipel make --list shows them)
X
expect 2 -- make
same_err <<'X'
archipel: error: name a FAMILY to make, or --list to see them
X
# Nothing was written by the refusals.
test -z "$(ls -A "$WORK" | grep -v -e '^out$' -e '^err$' -e '^home$')"

# The folder: never through a link, never over a part without --force.
mkdir real && ln -s real link
expect 1 -- make bitbeam-beam --size 2 --out link
same_err <<X
archipel: error: $WORK/link: is a symbolic link; Archipel writes through no link
X
test -z "$(ls -A real)"
expect 0 -- make bitbeam-beam --size 2 --out beam
same_out <<X
made bitbeam-beam-2 in $WORK/beam: bitbeam-beam-2.step, bitbeam-beam-2.stl, bitbeam-beam-2.3mf, part.json
16 x 8 x 8 mm, 2 holes, bitbeam: conforms
X
expect 1 -- make bitbeam-beam --size 2 --out beam
same_err <<X
archipel: error: $WORK/beam: already holds a part.json; use --force to replace it
X

# The list, readable and as JSON.
expect 0 -- make --list
out_has 'gridfinity-bin  (gridfinity, role bin) Gridfinity bin'
out_has '    --size           x x y x height (integers from 1 to 12 cells x cells x 7 mm) (required)'
out_has 'Generated parts are licensed CC0-1.0 (designer "Archipel generic parts")'
expect 0 -- make --list --json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["families"]), d["licence"], " ".join(f["id"] for f in d["families"]))' "$WORK/out" > ids
diff -u - ids <<'X'
9 CC0-1.0 os-plate os-strip os-bracket os-disc os-spacer gridfinity-bin gridfinity-baseplate bitbeam-beam bitbeam-plate
X
