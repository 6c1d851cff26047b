# archipel export refuses, with the reason and the documented exit code: a part that is not a
# sheet (1), a mesh to STEP (1), an unknown format or an output replacing the input (2), a corrupt
# file (3); an output that is a symbolic link is replaced, never followed.
P=$SRC/examples/parts
cp "$P/os-bracket-l/os-bracket-l.step" bracket.step
expect 1 -- export bracket.step --format dxf
same_out </dev/null
err_has "archipel: error: bracket.step: not a sheet part: "
test ! -e bracket.dxf

cp "$P/os-plate-120x40/os-plate-120x40.stl" plate.stl
expect 1 -- export plate.stl --format step
same_err <<<"archipel: error: plate.stl: a mesh (stl) cannot be exported as STEP: its curved faces are only facets, and machining needs the exact surfaces (export stl or 3mf, or publish the part's STEP file)"

expect 2 -- export plate.stl --format dwg
same_err <<<'archipel: error: unknown export format "dwg" (expected stl, 3mf, dxf, svg or step)'
expect 2 -- export plate.stl --format stl --out plate.stl
same_err <<<"archipel: error: plate.stl: the output would replace the input"
expect 2 -- export NO-SUCH-THING --format stl
same_err <<<'archipel: error: "NO-SUCH-THING" is neither an existing file nor a registry serial (like BXL-P0042@1.0.0)'
expect 2 -- export plate.stl --format stl --tolerance 0
err_has "--tolerance must be in (0, 10] mm"

head -c 3000 /dev/urandom > noise.step
expect 3 -- export noise.step --format stl
same_err <<<"archipel: error: noise.step: unrecognised geometry format (expected STEP, IGES, BREP, STL, OBJ, PLY, 3MF, glTF)"
test ! -e noise.stl

# The output path is a link to a file elsewhere: the link is replaced, its target untouched.
echo "precious" > target.txt
ln -s target.txt out.dxf
cp "$P/os-plate-120x40/os-plate-120x40.step" plate.step
expect 0 -- export plate.step --format dxf --out out.dxf
test ! -L out.dxf
test "$(cat target.txt)" = precious
