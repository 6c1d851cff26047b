# A deprecated SPDX id is accepted with a warning naming its replacement.
source "$SRC/tests/cli/lib/manifest.sh"
write_manifest part.json '"licence": "GPL-3.0+"'
expect 0 -- manifest check part.json
same_out <<'X'
part.json: ok (part "Test plate" 1.0.0, GPL-3.0+)
X
same_err <<'X'
archipel: warning: part.json:/licence: "GPL-3.0+" is a deprecated SPDX licence id; write "GPL-3.0-or-later"
X
