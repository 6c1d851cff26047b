# Every example manifest is valid; one line each on stdout, nothing on stderr.
cd "$SRC"
expect 0 -- manifest check examples/manifests/os-plate/part.json examples/manifests/os-bracket/part.json \
  examples/manifests/os-shelf-module/part.json examples/manifests/os-shelf/part.json \
  examples/manifests/os-plate-slotted/part.json
same_out <<'X'
examples/manifests/os-plate/part.json: ok (part "OS plate 2x1" 1.0.0, CERN-OHL-S-2.0)
examples/manifests/os-bracket/part.json: ok (part "OS corner bracket" 1.2.0, CC-BY-SA-4.0)
examples/manifests/os-shelf-module/part.json: ok (component "OS shelf module" 2.0.1, CERN-OHL-S-2.0 AND CC-BY-SA-4.0)
examples/manifests/os-shelf/part.json: ok (object "OS wall shelf" 1.0.0, CERN-OHL-S-2.0 AND CC-BY-SA-4.0)
examples/manifests/os-plate-slotted/part.json: ok (part "OS plate 2x1, slotted" 0.1.0, CERN-OHL-S-2.0)
X
same_err </dev/null
# A folder stands for its part.json.
expect 0 -- manifest check examples/manifests/os-plate
same_out <<'X'
examples/manifests/os-plate/part.json: ok (part "OS plate 2x1" 1.0.0, CERN-OHL-S-2.0)
X
