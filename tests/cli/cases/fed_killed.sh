# Issue 11: a pull or push killed at each of its steps leaves the local registry valid (verify
# passes) and the next one completes (ARCHIPEL_TEST_CRASH_AFTER, registry/src/test_hooks.hpp).
BXL="$WORK/bxl" LYO="$WORK/lyo" HUB="$WORK/hub.git"
git init -q --bare "$HUB"
part() {
  mkdir -p "$1" && printf 'solid %s\nendsolid\n' "$2" >"$1/p.stl"
  printf '{"schema": 1, "kind": "part", "name": "%s", "version": "%s", "designer": {"name": "T", "email": "t@example.org"}, "licence": "MIT", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' "$2" "$3" >"$1/part.json"
}
expect 0 -- registry init --registry "$BXL" --namespace BXL
expect 0 -- remote add origin "$HUB" --registry "$BXL"
expect 0 -- registry init --registry "$LYO" --namespace LYO
n=0
for point in pull-verified pull-merged pull-moved; do
  n=$((n + 1))
  part "p$n" "Part $n" 1.0.0
  expect 0 -- publish "p$n/part.json" --registry "$BXL"
  expect 0 -- push --registry "$BXL"
  [ $n -eq 1 ] && expect 0 -- remote add hub "$HUB" --registry "$LYO"
  before=$(git -C "$LYO" rev-parse refs/remotes/hub/main)
  ARCHIPEL_TEST_CRASH_AFTER=$point expect 9 -- pull hub --registry "$LYO"
  [ "$(git -C "$LYO" rev-parse refs/remotes/hub/main)" = "$before" ] || { echo "FAIL: $point moved the tracking ref"; exit 1; }
  expect 0 -- verify --registry "$LYO"
  expect 0 -- pull hub --registry "$LYO"
  [ "$point" = pull-moved ] && out_has "already up to date" || out_has "  added    BXL-P000$n@1.0.0"
  expect 0 -- show "BXL-P000$n" --registry "$LYO"
  expect 0 -- verify --registry "$LYO"
done
# A push killed inside its pull, then pushed again.
part q "Lyon part" 1.0.0
expect 0 -- publish q/part.json --registry "$LYO"
ARCHIPEL_TEST_CRASH_AFTER=pull-verified expect 9 -- push hub --registry "$LYO"
expect 0 -- push hub --registry "$LYO"
out_has "Pushed"
expect 0 -- pull --registry "$BXL"
out_has "  added    LYO-P0001@1.0.0"
expect 0 -- verify --registry "$BXL"
