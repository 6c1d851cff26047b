# Each refusal is one error line naming the file and JSON pointer, exit 1; usage errors exit 2.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL --allow-licence CC-BY-4.0 --allow-licence MIT --max-file-bytes 100
mkdir -p p; printf 'solid\nendsolid\n' >p/plate.stl; echo secret >secret.txt; ln -s ../secret.txt p/link.stl
manifest() {  # manifest PATH LICENCE [EXTRA]
  cat >p/part.json <<JSON
{"schema": 1, "kind": "part", "name": "Plate", "version": "1.0.0",
 "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "$2"${3:-},
 "files": [{"path": "$1", "role": "fabrication", "format": "stl"}]}
JSON
}
manifest ../secret.txt CC-BY-4.0
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "../secret.txt" leaves the manifest'"'"'s folder'
manifest link.stl CC-BY-4.0
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "link.stl" is a symbolic link; links are refused'
head -c 101 /dev/zero >p/big.stl
manifest big.stl CC-BY-4.0
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/files/0/path: "big.stl" is 101 bytes, over the registry'"'"'s limit of 100 bytes'
manifest plate.stl GPL-3.0-only
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/licence: licence "GPL-3.0-only" is not accepted by this registry (allowed: CC-BY-4.0, MIT)'
manifest plate.stl CC-BY-4.0 ', "lineage": {"derived_from": [{"serial": "BXL-P0404", "version": "1.0.0", "relation": "fork"}]}'
expect 1 -- publish p/part.json
same_err <<<'archipel: error: p/part.json:/lineage/derived_from/0/serial: derived_from names BXL-P0404, which is not in this registry'
manifest plate.stl CC-BY-4.0
expect 0 -- publish p/part.json
printf 'solid other\nendsolid other\n' >p/plate.stl
expect 1 -- publish p/part.json
err_has 'archipel: error: p/part.json:/version: BXL-P0001@1.0.0 is already published with other content (sha256 '
err_has '); publish a new version'
expect 2 -- show BXL-42
same_err <<<'archipel: error: "BXL-42" is not a serial (expected NS-P0042: namespace, '"'"'-'"'"', P, C or O, at least four digits)'
expect 1 -- show BXL-P0009
same_err <<<'archipel: error: BXL-P0009 is not in this registry'
expect 3 -- list --registry "$WORK/nowhere"
same_err <<<"archipel: error: $WORK/nowhere: no registry here (run 'archipel registry init' or pass --registry)"
expect 2 -- search --max-size 10x10
same_err <<<'archipel: error: --max-size takes WxDxH in millimetres, e.g. 200x100x50, not "10x10"'
expect 0 -- verify
git -C "$WORK/reg" fsck --strict --no-progress
