# Issue 9: bad JSON gives one line with file and JSON pointer, exit 1; long strings never reach a
# pattern (std::regex overflowed the stack); 50 000 tags are refused at once; one 1 MiB limit.
source "$SRC/tests/cli/lib/manifest.sh"
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mkdir -p p
printf '{"schema": 1, "kind": "part", "name": "P", "version": "1.0.0", "designer": {"name": "A", "email": "a@b.org"}, "licence": "MIT", "dimensions": {"width_mm": 1e400, "depth_mm": 1, "height_mm": 1}}' >p/part.json
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/dimensions/width_mm: number out of range'
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/dimensions/width_mm: number out of range'
printf '{"schema": 1, "kind": "part", "name": "P", "name": "Q", "version": "1.0.0", "designer": {"name": "A", "email": "a@b.org"}, "licence": "MIT"}' >p/part.json
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/name: duplicate key (a key may appear once in an object)'
write_manifest p/part.json
printf 'trailing' >>p/part.json
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json: invalid JSON at line 9, column 3: syntax error'
write_manifest p/part.json
printf '\0{"name": "hidden"}' >>p/part.json
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json: invalid JSON at line 9, column 1: a NUL byte'

# Long strings: a version of 20 000 dot-separated identifiers, a 100 KB e-mail, URL, format.
long_version=$(python3 -c 'print("1.0.0-" + ".".join(["a"] * 20000))')
write_manifest p/part.json "\"version\": \"$long_version\""
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/version: expected at most 256 characters, found 40005'
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/version: expected at most 256 characters, found 40005'
long_email=$(python3 -c 'print("a" * 100000 + "@example.org")')
write_manifest p/part.json "\"designer\": {\"name\": \"A\", \"email\": \"$long_email\"}"
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/designer/email: expected at most 254 characters, found 100012'
write_manifest p/part.json "\"designer\": {\"name\": \"A\", \"email\": \"a@b.org\", \"url\": \"https://$long_email\"}"
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/designer/url: expected at most 2048 characters, found 100020'
write_manifest p/part.json "\"files\": [{\"path\": \"a.txt\", \"role\": \"documentation\", \"format\": \"$(python3 -c 'print("x" * 100000)')\"}]"
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/format: expected at most 64 characters, found 100000'

# 50 000 tags: refused by their bound, before any pairwise comparison.
python3 - >p/part.json <<'PY'
import json
print(json.dumps({"schema": 1, "kind": "part", "name": "P", "version": "1.0.0",
                  "designer": {"name": "A", "email": "a@b.org"}, "licence": "MIT",
                  "tags": ["t%d" % i for i in range(50000)]}))
PY
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/tags: expected at most 64 items, found 50000'
write_manifest p/part.json '"tags": ["b", "a", "b"]'
expect 1 -- manifest check p/part.json
same_err <<<'archipel: error: p/part.json:/tags/2: duplicate item "b" (also /tags/0)'

# One size limit for manifests, 1 MiB, in manifest check and publish alike.
write_manifest p/part.json "\"description\": \"$(python3 -c 'print("x" * 19000)')\", \"tags\": [$(python3 -c 'print(", ".join(["\"t%d\"" % i for i in range(60)]))')]"
python3 -c 'import sys; sys.stdout.write(" " * (1100 * 1024))' >>p/part.json
expect 1 -- manifest check p/part.json
err_has 'the limit is 1048576 bytes'
expect 1 -- publish p/part.json
err_has 'the limit is 1048576 bytes'

# verify of a registry holding such a manifest (planted with git plumbing): a problem, no crash.
mkdir -p ok; printf 'solid\nendsolid\n' >ok/plate.stl
write_manifest ok/part.json '"files": [{"path": "plate.stl", "role": "fabrication", "format": "stl"}]'
expect 0 -- publish ok/part.json
python3 - "$long_version" >tampered.json <<'PY'
import json, sys
doc = json.load(open("ok/part.json"))
doc["version"] = sys.argv[1]
print(json.dumps(doc, indent=2))
PY
expect 0 -- show BXL-P0001 --json
folder=$(python3 -c 'import json; print(json.load(open("out"))["folder"])')
export GIT_INDEX_FILE="$WORK/tamper.index"
git -C "$WORK/reg" read-tree HEAD
blob=$(git -C "$WORK/reg" hash-object -w "$WORK/tampered.json")
git -C "$WORK/reg" update-index --cacheinfo "100644,$blob,$folder/part.json"
commit=$(GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org git -C "$WORK/reg" commit-tree "$(git -C "$WORK/reg" write-tree)" -p HEAD -m tamper)
git -C "$WORK/reg" update-ref HEAD "$commit"
unset GIT_INDEX_FILE
expect 1 -- verify
out_has 'part.json:/version: expected at most 256 characters, found 40005'
