# Inputs the mesh fuzzers (tests/fuzz/) found crashing or stalling a library we do not own
# (Assimp 5.2.5's PLY reader: assertions that abort, an endless loop): measured through the
# geometry worker, each is one error line and exit 3, never a crash or hang of archipel.
# Files: tests/data/fuzz/worker/.
for f in "$SRC"/tests/data/fuzz/worker/*; do
  cp "$f" .
  name=$(basename "$f")
  case $name in *endless*) export ARCHIPEL_GEOMETRY_TIME_LIMIT=3 ;; *) unset ARCHIPEL_GEOMETRY_TIME_LIMIT ;; esac
  expect 3 -- measure "$name" --unit mm
  same_out </dev/null
  test "$(wc -l <"$WORK/err")" = 1
  err_has "archipel: error: $name: "
done
expect 3 -- measure assimp-triangulate-assert.ply --unit mm
same_err <<<"archipel: error: assimp-triangulate-assert.ply: the geometry reader crashed (signal 6, SIGABRT): corrupt or hostile file"
ARCHIPEL_GEOMETRY_TIME_LIMIT=3 expect 3 -- measure assimp-endless-500e9679.ply --unit mm
same_err <<<"archipel: error: assimp-endless-500e9679.ply: the geometry reader took more than 3 s and was stopped (corrupt or hostile file? ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)"
