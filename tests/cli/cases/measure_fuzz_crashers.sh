# Inputs the mesh fuzzers (tests/fuzz/) found crashing a library we do not own (Assimp's
# assertions abort the process): measured through the geometry worker, each is one error line
# and exit 3, never a crash of archipel. Files: tests/data/fuzz/worker/.
for f in "$SRC"/tests/data/fuzz/worker/*; do
  cp "$f" .
  name=$(basename "$f")
  expect 3 -- measure "$name" --unit mm
  same_out </dev/null
  test "$(wc -l <"$WORK/err")" = 1
  err_has "archipel: error: $name: "
done
expect 3 -- measure assimp-triangulate-assert.ply --unit mm
same_err <<<"archipel: error: assimp-triangulate-assert.ply: the geometry reader crashed (signal 6, SIGABRT): corrupt or hostile file"
