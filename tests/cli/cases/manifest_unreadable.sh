# A manifest that cannot be read is exit 3, and wins over an invalid one; the others still run.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest good.json
write_manifest bad.json '"version": "one"'
expect 3 -- manifest check good.json missing.json bad.json
same_out <<'X'
good.json: ok (part "Test plate" 1.0.0, MIT)
X
same_err <<'X'
archipel: error: missing.json: no such file
archipel: error: bad.json:/version: "one" is not a semantic version such as 1.2.0
X
mkdir empty-folder
expect 3 -- manifest check empty-folder
same_err <<'X'
archipel: error: empty-folder/part.json: no such file
X
mkfifo pipe.json
expect 3 -- manifest check pipe.json
same_err <<'X'
archipel: error: pipe.json: not a regular file
X
expect 2 -- manifest check
