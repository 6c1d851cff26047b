# archipel measure: bad files give one error line and exit 3; bad usage exits 2.
: > empty.step
expect 3 -- measure empty.step
same_out </dev/null
same_err <<<"archipel: error: empty.step: the file is empty"

head -c 4000 "$SRC/examples/parts/os-plate-120x40/os-plate-120x40.step" > truncated.step
expect 3 -- measure truncated.step --json
same_out </dev/null
same_err <<<"archipel: error: truncated.step: not a readable STEP file (the STEP parser rejected it)"

cat > nothing.step <<'X'
ISO-10303-21;
HEADER;
FILE_DESCRIPTION(('no shape'),'2;1');
FILE_NAME('nothing','',(''),(''),'','','');
FILE_SCHEMA(('AUTOMOTIVE_DESIGN'));
ENDSEC;
DATA;
ENDSEC;
END-ISO-10303-21;
X
expect 3 -- measure nothing.step
same_err <<<"archipel: error: nothing.step: the STEP file holds no shape"

head -c 3000 /dev/urandom > noise.step
expect 3 -- measure noise.step
same_err <<<"archipel: error: noise.step: unrecognised geometry format (expected STEP, IGES, BREP, STL, OBJ, PLY, 3MF, glTF)"

expect 3 -- measure missing.step
same_err <<<"archipel: error: missing.step: no such file"

cp "$SRC/examples/parts/os-plate-120x40/os-plate-120x40.step" plate.step
expect 3 -- measure plate.step --max-size 1000
same_err <<<"archipel: error: plate.step: file is too large (59703 bytes; the limit is 1000 bytes, see --max-size)"

expect 2 -- measure plate.step --unit furlong
same_err <<<'archipel: error: unknown unit "furlong" (expected mm, cm, m, in, ft, um)'

expect 2 -- measure
err_has "file is required"
