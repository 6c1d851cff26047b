# --json: one entry per file with the licence terms; invalid files carry their error.
source "$SRC/tests/cli/lib/manifest.sh"
cp -r "$SRC/examples/manifests/os-plate" plate
write_manifest bad.json '"kind": "gadget"'
expect 0 -- manifest check plate/part.json --json
same_out <<'X'
{
  "manifests": [
    {
      "file": "plate/part.json",
      "kind": "part",
      "licence": "CERN-OHL-S-2.0",
      "name": "OS plate 2x1",
      "serial": "BXL-P0042",
      "terms": {
        "attribution": true,
        "commercial": true,
        "derivatives": true,
        "hardware": true,
        "share_alike": true
      },
      "valid": true,
      "version": "1.0.0",
      "warnings": []
    }
  ],
  "ok": true
}
X
expect 1 -- manifest check --json plate/part.json bad.json
out_has '"ok": false'
out_has '"message": "\"gadget\" is not one of part, component, object"'
out_has '"pointer": "/kind"'
same_err <<'X'
archipel: error: bad.json:/kind: "gadget" is not one of part, component, object
X
