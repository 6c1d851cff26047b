# An unknown SPDX id gets a did-you-mean when one is close, and none otherwise.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"licence": "CC-BY-5.0"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/licence: "CC-BY-5.0" is not a known SPDX licence; did you mean "CC-BY-4.0"?
X
write_manifest part.json '"licence": "CERN-OHL-S-2.0 AND Banana-Licence"'
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/licence: "Banana-Licence" is not a known SPDX licence
X
