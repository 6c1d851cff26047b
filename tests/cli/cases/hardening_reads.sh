# Issue 9: every part file is read inside the part folder, without a link at any level, with one
# hard link; glTF buffers only from inside the folder; an OBJ's material library is never opened.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mkdir -p p outside; printf 'solid\nendsolid\n' >p/plate.stl; echo secret >outside/secret.txt
manifest() {  # manifest PATH
  cat >p/part.json <<JSON
{"schema": 1, "kind": "part", "name": "Plate", "version": "1.0.0",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT",
 "files": [{"path": "$1", "role": "fabrication", "format": "stl"}]}
JSON
}
# A hard link to a file outside the folder.
ln outside/secret.txt p/hard.stl
manifest hard.stl
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "hard.stl" has 2 hard links; a part file must have exactly one (copy it instead of linking it)'
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "hard.stl" has 2 hard links; a part file must have exactly one (copy it instead of linking it)'
# A linked parent folder.
ln -s ../outside p/docs
manifest docs/secret.txt
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "docs/secret.txt" passes through the symbolic link "docs"; links are refused'
# A FIFO is refused at once (no writer is waited for).
mkfifo p/pipe.stl
manifest pipe.stl
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "pipe.stl" is not a regular file'
expect 0 -- verify

# A link swapped in and out while publishing: no publish ever stores the outside file.
mkdir -p r; printf 'solid inside\nendsolid inside\n' >r/plate.stl; cp r/plate.stl inside.stl
printf 'solid SECRET\nendsolid SECRET\n' >outside/secret.stl
( while :; do ln -sfn ../outside/secret.stl r/swap.tmp; mv -T r/swap.tmp r/plate.stl
              cp inside.stl r/copy.tmp; mv -T r/copy.tmp r/plate.stl; done ) &
swapper=$!
for i in $(seq 1 30); do
  cat >r/part.json <<JSON
{"schema": 1, "kind": "part", "name": "Raced", "version": "1.0.$i",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT",
 "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl"}]}
JSON
  set +e; "$ARCHIPEL" publish r/part.json >/dev/null 2>"$WORK/race.err"; code=$?; set -e
  [ "$code" = 0 ] || [ "$code" = 1 ] || { echo "FAIL: publish exited $code"; cat "$WORK/race.err"; kill "$swapper"; exit 1; }
done
kill "$swapper"; wait "$swapper" 2>/dev/null || true
secret=$(git hash-object outside/secret.stl)
if git -C "$WORK/reg" cat-file -e "$secret" 2>/dev/null; then echo "FAIL: the outside file was stored"; exit 1; fi
expect 0 -- verify

# glTF: a buffer inside the folder is read; one outside, or through a link, is refused (exit 1).
mkdir -p g/sub
python3 "$SRC/tests/cli/lib/gltf_cube.py" g/cube.gltf cube.bin
expect 0 -- measure g/cube.gltf --json
out_has '"size_mm": ['
python3 "$SRC/tests/cli/lib/gltf_cube.py" g/sub/cube.gltf ../cube.bin g/cube.bin
expect 1 -- measure g/sub/cube.gltf
same_err <<<'archipel: error: g/sub/cube.gltf: glTF buffer "../cube.bin" leaves the folder or is not normalised'
python3 "$SRC/tests/cli/lib/gltf_cube.py" g/abs.gltf "$WORK/g/cube.bin" g/unused.bin
expect 1 -- measure g/abs.gltf
same_err <<<"archipel: error: g/abs.gltf: glTF buffer \"$WORK/g/cube.bin\" is not a relative path inside the folder"
ln -s ../outside g/linked
cp g/cube.bin outside/cube.bin
python3 "$SRC/tests/cli/lib/gltf_cube.py" g/linked.gltf linked/cube.bin outside/cube.bin
expect 1 -- measure g/linked.gltf
same_err <<<'archipel: error: g/linked.gltf: glTF buffer "linked/cube.bin" passes through the symbolic link "linked"; links are refused'
# The same through a manifest: buffers are looked up in the part folder, beside the listed file.
mkdir -p m/parts; python3 "$SRC/tests/cli/lib/gltf_cube.py" m/parts/cube.gltf cube.bin
cat >m/part.json <<'JSON'
{"schema": 1, "kind": "part", "name": "Cube", "version": "1.0.0",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "MIT",
 "files": [{"path": "parts/cube.gltf", "role": "geometry", "format": "gltf"}]}
JSON
expect 0 -- validate m/part.json --json
out_has '"size_mm": ['
python3 "$SRC/tests/cli/lib/gltf_cube.py" m/parts/cube.gltf ../../g/cube.bin m/unused.bin
expect 1 -- validate m/part.json
err_has 'glTF buffer "parts/../../g/cube.bin" leaves the folder or is not normalised'

# OBJ: mtllib is never opened. A FIFO as material library would block a reader that opens it.
mkdir -p o; mkfifo o/evil.mtl
cat >o/cube.obj <<'OBJ'
mtllib evil.mtl
mtllib ../../../../etc/passwd
v 0 0 0
v 10 0 0
v 0 10 0
v 0 0 10
f 1 3 2
f 1 2 4
f 1 4 3
f 2 3 4
OBJ
ARCHIPEL_GEOMETRY_TIME_LIMIT=20 expect 0 -- measure o/cube.obj --unit mm --json
out_has '"triangle_count": 4'
