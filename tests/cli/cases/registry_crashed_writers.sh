# Crashed writers never block or duplicate: a ref lock left by a killed publish is removed by the
# next one, a lock held by another program is named, a publish killed after its commit gets its
# serial back by content, tmp objects of killed writers are reported by verify and removed.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mk() {
  mkdir -p "$1"; echo "solid $1" >"$1/p.stl"; [ -z "${2:-}" ] || head -c "$2" /dev/urandom >>"$1/p.stl"
  printf '{"schema": 1, "kind": "part", "name": "%s", "version": "1.0.0", "designer": {"name": "C", "email": "c@example.org"}, "licence": "CC0-1.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' "$1" >"$1/part.json"
}
for p in a b c d e; do mk $p; done
expect 0 -- publish a/part.json
tip=$(git -C reg rev-parse main)

# Killed while holding refs/heads/main.lock: verify names it, the next publish removes it.
ARCHIPEL_TEST_CRASH_AFTER=ref-lock expect 9 -- publish b/part.json
test -f reg/refs/heads/main.lock
test "$(git -C reg rev-parse main)" = "$tip"
expect 1 -- verify
out_has 'problem: refs/heads/main.lock: stale lock left by archipel writer pid '
expect 0 -- publish b/part.json
out_has 'Published BXL-P0002@1.0.0 "b" (new serial)'
err_has 'archipel: warning: removed refs/heads/main.lock left by archipel writer pid '
test ! -e reg/refs/heads/main.lock
expect 0 -- verify

# A lock held by a live program is named in the error (after a short wait), not retried 64 times.
sleep 60 >reg/refs/heads/main.lock & holder=$!
until [ "$(cat /proc/$holder/comm)" = sleep ]; do sleep 0.05; done
expect 3 -- publish c/part.json
same_err <<OUT
archipel: error: $WORK/reg/refs/heads/main.lock: refs/heads/main is locked by another program: held by sleep (pid $holder); wait for it to finish
OUT
expect 1 -- verify
out_has "problem: refs/heads/main.lock: held by sleep (pid $holder): publishes wait for it"
kill $holder; wait $holder || true
# Left behind by that program: refused until it is stale, then removed.
expect 3 -- publish c/part.json
err_has 'refs/heads/main.lock: refs/heads/main is locked by another program: the lock was not left by an archipel writer and no running process has it open; remove it if no git command is running on this registry'
touch -d '20 minutes ago' reg/refs/heads/main.lock
expect 1 -- verify
out_has 'problem: refs/heads/main.lock: stale lock, open in no running process and older than 10 minutes; the next publish removes it'
expect 0 -- publish c/part.json
out_has 'Published BXL-P0003@1.0.0 "c" (new serial)'

# Killed after its commit, before the serial reached part.json: the same serial, written back.
ARCHIPEL_TEST_CRASH_AFTER=commit expect 9 -- publish d/part.json
! grep -q serial d/part.json
expect 0 -- publish d/part.json
same_out <<'OUT'
BXL-P0004@1.0.0 was already published from this content (an earlier publish did not write its serial back): same serial, nothing new committed
  wrote "serial": "BXL-P0004" into d/part.json (keep it: later versions publish under the same serial)
OUT
grep -q '"serial": "BXL-P0004"' d/part.json
expect 0 -- publish d/part.json
out_has 'BXL-P0004@1.0.0 is already published with the same content: nothing to do'
expect 0 -- publish --json e/part.json
out_has '"found_by_content": false'
test "$(git -C reg rev-list --count main)" = 6

# Publishes killed at random points of a 20 MB file: no serial lost or doubled, the registry
# stays valid, and the tmp objects they leave are reported once old and then removed.
mk big 20000000
for i in 1 2 3 4 5 6; do
  "$ARCHIPEL" publish big/part.json >/dev/null 2>&1 & victim=$!
  sleep "0.$((i * 13))"; kill -9 $victim 2>/dev/null || true; wait $victim 2>/dev/null || true
done
git -C reg fsck --strict --no-progress
echo junk >reg/objects/tmp_object_git2_killed
find reg/objects -maxdepth 1 -name 'tmp_object_git2_*' -exec touch -d '1 hour ago' {} +
n=$(find reg/objects -maxdepth 1 -name 'tmp_object_git2_*' | wc -l)
expect 1 -- verify
out_has "problem: objects/tmp_object_git2_*: $n temporary object file"
# A killed publish may have finished before its kill: publishing big again is then a no-op
# ("nothing to do"), which still clears the tmp objects (its warning is then not printed: a known
# gap), so a new part's publish follows and the objects must be gone either way.
expect 0 -- publish big/part.json
mk after
expect 0 -- publish after/part.json
test -z "$(find reg/objects -maxdepth 1 -name 'tmp_object_git2_*')"
expect 0 -- verify
expect 0 -- list
test "$(grep -c '^BXL-P' "$WORK/out")" = 7
test "$(grep -o 'BXL-P00[0-9][0-9]' big/part.json)" = BXL-P0006
