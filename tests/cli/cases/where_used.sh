# where-used: direct and transitive users (with quantities), JSON, unused part, unknown serial,
# and the same answer after the index file is deleted.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
item() {  # item DIR KIND NAME [COMPOSITION-JSON]
  mkdir -p "$1"; printf 'solid x\nendsolid x\n' >"$1/p.stl"
  printf '{"schema": 1, "kind": "%s", "name": "%s", "version": "1.0.0", "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "CC-BY-4.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]%s}\n' \
    "$2" "$3" "${4:+, \"composition\": $4}" >"$1/part.json"
}
item plate part "Plate"; item beam part "Beam"; item spare part "Spare"
item module component "Shelf module" '[{"serial": "BXL-P0001", "version": "^1.0", "quantity": 4}, {"serial": "BXL-P0002", "version": "^1.0", "quantity": 2}]'
item case object "Bookcase" '[{"serial": "BXL-C0001", "version": "^1.0", "quantity": 3}, {"serial": "BXL-P0001", "version": "=1.0.0", "quantity": 1}]'
for d in plate beam spare module case; do expect 0 -- publish "$d/part.json"; done
expect 0 -- where-used BXL-P0001
same_out <<'X'
BXL-P0001 is used by 3 component(s) or object(s): 2 directly, 1 through sub-components
  depth  user        version   kind         qty  via         requires    name
      1  BXL-C0001   1.0.0     component      4  BXL-P0001   ^1.0        Shelf module
      2  BXL-O0001   1.0.0     object        12  BXL-C0001   ^1.0        Bookcase
      1  BXL-O0001   1.0.0     object         1  BXL-P0001   =1.0.0      Bookcase
X
expect 0 -- where-used BXL-P0002 --json
same_out <<'X'
{
  "serial": "BXL-P0002",
  "used_by": [
    {
      "depth": 1,
      "kind": "component",
      "name": "Shelf module",
      "parent": "BXL-C0001",
      "quantity": 2,
      "requirement": "^1.0",
      "version": "1.0.0",
      "via": "BXL-P0002",
      "yanked": false
    },
    {
      "depth": 2,
      "kind": "object",
      "name": "Bookcase",
      "parent": "BXL-O0001",
      "quantity": 6,
      "requirement": "^1.0",
      "version": "1.0.0",
      "via": "BXL-C0001",
      "yanked": false
    }
  ]
}
X
expect 0 -- where-used BXL-P0003
same_out <<<'BXL-P0003 is not used by any component or object'
expect 0 -- where-used BXL-P0003 --json
same_out <<'X'
{
  "serial": "BXL-P0003",
  "used_by": []
}
X
expect 1 -- where-used BXL-P9999
same_err <<<'archipel: error: BXL-P9999 is not in this registry'
expect 2 -- where-used not-a-serial
err_has 'archipel: error: '
rm -f "$WORK/reg/archipel-index.sqlite"*
expect 0 -- where-used BXL-P0001
out_has '      2  BXL-O0001   1.0.0     object        12  BXL-C0001   ^1.0        Bookcase'
# Every version of the object yanked: still listed (its highest version), flagged.
expect 0 -- yank BXL-O0001@1.0.0 --reason "recalled"
expect 0 -- where-used BXL-C0001
same_out <<'X'
BXL-C0001 is used by 1 component(s) or object(s): 1 directly, 0 through sub-components
  depth  user        version   kind         qty  via         requires    name
      1  BXL-O0001   1.0.0     object         3  BXL-C0001   ^1.0        Bookcase (yanked)
X
