# Two real processes publish at once (10 parts each): every part lands, serials are unique,
# nothing is lost; a publish killed before its ref update leaves a valid registry.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
for w in a b; do
  for i in $(seq 1 10); do
    mkdir -p "$w$i"; echo "solid $w$i" >"$w$i/p.stl"
    printf '{"schema": 1, "kind": "part", "name": "%s", "version": "1.0.0", "designer": {"name": "W %s", "email": "%s@example.org"}, "licence": "CC0-1.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' "$w$i" "$w" "$w" >"$w$i/part.json"
  done
done
( for i in $(seq 1 10); do "$ARCHIPEL" publish "a$i/part.json" >/dev/null || exit 1; done ) & pa=$!
( for i in $(seq 1 10); do "$ARCHIPEL" publish "b$i/part.json" >/dev/null || exit 1; done ) & pb=$!
wait $pa; wait $pb
expect 0 -- list
test "$(wc -l <"$WORK/out")" = 20
test "$(cut -c1-9 "$WORK/out" | sort -u | wc -l)" = 20
test "$(cat a*/part.json b*/part.json | grep -o 'BXL-P00[0-9][0-9]' | sort -u | wc -l)" = 20
git -C "$WORK/reg" fsck --strict --no-progress
test "$(git -C "$WORK/reg" rev-list --count main)" = 21

mkdir crash; echo "solid c" >crash/p.stl
printf '{"schema": 1, "kind": "part", "name": "crash", "version": "1.0.0", "designer": {"name": "C", "email": "c@example.org"}, "licence": "CC0-1.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' >crash/part.json
tip=$(git -C "$WORK/reg" rev-parse main)
ARCHIPEL_TEST_CRASH_AFTER=objects expect 9 -- publish crash/part.json
test "$(git -C "$WORK/reg" rev-parse main)" = "$tip"
git -C "$WORK/reg" fsck --strict --no-progress
expect 0 -- verify
expect 0 -- publish crash/part.json
out_has 'Published BXL-P0021@1.0.0 "crash" (new serial)'
git clone -q "$WORK/reg" clone
test "$(ls clone/parts/BXL/P/000 | wc -l)" = 21
