# Issue 12: effective rights over the derivation graph; the laundering cases of the issue.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace EVU
part() {  # part DIR NAME LICENCE STL-TEXT [EXTRA-JSON]
  mkdir -p "$1"; printf '%s\n' "$4" >"$1/p.stl"
  printf '{"schema": 1, "kind": "part", "name": "%s", "version": "1.0.0", "designer": {"name": "%s", "email": "d@example.org"}, "licence": "%s", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]%s}\n' \
    "$2" "${1^}" "$3" "${5:-}" >"$1/part.json"
}
part ada "Hook" CC-BY-4.0 "solid hook"
part bob "Clamp" CC-BY-SA-4.0 "solid clamp"
part nina "Bracket" CC-BY-NC-4.0 "solid bracket"
part ned "Hinge" CC-BY-ND-4.0 "solid hinge"
for d in ada bob nina ned; do expect 0 -- publish $d/part.json; done

# The issue's first case: a CC0 fork of a non-commercial part is published, with a warning,
# and is never offered for sale.
expect 0 -- fork EVU-P0003@1.0.0 --designer "Mallory <m@example.org>" --licence CC0-1.0
out_has 'Forked EVU-P0003@1.0.0 into EVU-P0005@1.0.0 "Bracket (fork)" (new serial)'
err_has '[licence.overclaims] CC0-1.0 allows commercial use, but its ancestor EVU-P0003@1.0.0 is under CC-BY-NC-4.0, which binds every adaptation: NonCommercial (CC 4.0 §1(i), §2(a)(1))'
err_has '[licence.overclaims] CC0-1.0 waives credit, but Nina must still be credited for EVU-P0003@1.0.0 (CC-BY-NC-4.0)'
expect 0 -- search --licence-allows commercial
same_out <<'X'
EVU-P0001@1.0.0  Hook  (Ada, CC-BY-4.0, 0x0x0 mm)
EVU-P0002@1.0.0  Clamp  (Bob, CC-BY-SA-4.0, 0x0x0 mm)
EVU-P0004@1.0.0  Hinge  (Ned, CC-BY-ND-4.0, 0x0x0 mm)
X
cp out search.out
rm "$WORK/reg/archipel-index.sqlite"  # a full rebuild gives the same effective terms
expect 0 -- search --licence-allows commercial
same_out search.out
expect 1 -- rights EVU-P0005 --use sell-kit
same_out <<'X'
EVU-P0005@1.0.0 "Bracket (fork)" (CC0-1.0)
  sell-kit     forbidden
    because ancestor EVU-P0003@1.0.0 (via EVU-P0005 < EVU-P0003), CC-BY-NC-4.0, commercial: NonCommercial (CC 4.0 §1(i), §2(a)(1)): licensed rights only for non-commercial purposes, Adapted Material included
X
expect 0 -- rights EVU-P0005 --use make
same_out <<'X'
EVU-P0005@1.0.0 "Bracket (fork)" (CC0-1.0)
  make         allowed
X
expect 0 -- rights EVU-P0005
out_has '  derive       allowed-with-obligations'
out_has '    - the adaptation may not be used commercially (CC-BY-NC-4.0 of EVU-P0003@1.0.0)'
out_has '    - credit Nina for EVU-P0003@1.0.0 and keep its CC-BY-NC-4.0 notice'
expect 0 -- rights EVU-P0005 --json
out_has '"verdict": "forbidden"'
out_has '"relation": "ancestor"'
expect 0 -- show EVU-P0005
out_has '  rights    make allowed, derive allowed-with-obligations, sell-kit forbidden, sell-product forbidden (archipel rights EVU-P0005@1.0.0)'
expect 2 -- rights EVU-P0005 --use sell
expect 1 -- rights EVU-P0099
expect 2 -- rights nonsense

# The issue's second case: the same files under a new serial without lineage are refused,
# naming the serial they copy; declaring the lineage is accepted (with the warning).
part copy "My bracket" CC0-1.0 "solid bracket"
expect 1 -- publish copy/part.json
same_err <<'X'
archipel: error: copy/part.json:/files/0/path: "p.stl" is byte-identical to "p.stl" of EVU-P0003@1.0.0, whose terms (CC-BY-NC-4.0) are stricter than CC0-1.0: declare lineage.derived_from EVU-P0003@1.0.0 or publish your own files
X
part copy "My bracket" CC0-1.0 "solid bracket" ', "lineage": {"derived_from": [{"serial": "EVU-P0003", "version": "1.0.0", "relation": "remix"}]}'
expect 0 -- publish copy/part.json
err_has '[licence.overclaims] CC0-1.0 allows commercial use, but its ancestor EVU-P0003@1.0.0 is under CC-BY-NC-4.0'
expect 1 -- rights EVU-P0006 --use sell-product
# Copying a file of a part whose terms are not stricter is not laundering.
part hook2 "Hook too" CC-BY-SA-4.0 "solid hook"
expect 0 -- publish hook2/part.json
# Same terms, laundering through a looser licence of the same family: refused.
part clamp2 "Clamp too" CC-BY-4.0 "solid clamp"
expect 1 -- publish clamp2/part.json
err_has 'of EVU-P0002@1.0.0, whose terms (CC-BY-SA-4.0) are stricter than CC-BY-4.0'
# No-derivatives cannot be escaped by declaring the lineage by hand.
part hinge2 "Hinge remix" CC-BY-ND-4.0 "solid hinge 2" ', "lineage": {"derived_from": [{"serial": "EVU-P0004", "version": "1.0.0", "relation": "remix"}]}'
expect 1 -- publish hinge2/part.json
same_err <<'X'
archipel: error: hinge2/part.json:/lineage/derived_from: derived_from reaches EVU-P0004@1.0.0, which is under CC-BY-ND-4.0: it allows no derivatives
X

# Aggregation: an object keeps each member's terms; a non-commercial member forbids selling it,
# a no-derivatives member is included unchanged.
mkdir obj
printf '{"schema": 1, "kind": "object", "name": "Shelf", "version": "1.0.0", "designer": {"name": "Olga", "email": "o@example.org"}, "licence": "CERN-OHL-P-2.0", "composition": [{"serial": "EVU-P0001", "version": "^1.0", "quantity": 2}, {"serial": "EVU-P0004", "version": "^1.0", "quantity": 1}]}\n' >obj/part.json
expect 0 -- publish obj/part.json
expect 0 -- rights EVU-O0001 --use sell-kit
same_out <<'X'
EVU-O0001@1.0.0 "Shelf" (CERN-OHL-P-2.0)
  sell-kit     allowed-with-obligations
    - credit Olga for EVU-O0001@1.0.0 and keep its CERN-OHL-P-2.0 notice
    - credit Ada for EVU-P0001@1.0.0 and keep its CC-BY-4.0 notice
    - credit Ned for EVU-P0004@1.0.0 and keep its CC-BY-ND-4.0 notice
X
printf '{"schema": 1, "kind": "object", "name": "Desk", "version": "1.0.0", "designer": {"name": "Olga", "email": "o@example.org"}, "licence": "CERN-OHL-P-2.0", "composition": [{"serial": "EVU-P0001", "version": "^1.0", "quantity": 1}, {"serial": "EVU-P0005", "version": "^1.0", "quantity": 4}]}\n' >obj/part.json
expect 0 -- publish obj/part.json
expect 1 -- rights EVU-O0002 --use sell-product
out_has '    because ancestor of member EVU-P0003@1.0.0 (via EVU-O0002 > EVU-P0005 < EVU-P0003), CC-BY-NC-4.0, commercial:'
expect 0 -- rights EVU-O0002 --use make
expect 0 -- search --licence-allows commercial Desk
same_out <<<'No match'
expect 0 -- search --licence-allows commercial Shelf
out_has 'EVU-O0001@1.0.0  Shelf'

# The Peer Production License: a condition, not a yes; LicenseRef-PPL is its alias.
part ppl "Coop stool" LicenseRef-PPL "solid stool"
expect 0 -- publish ppl/part.json
expect 1 -- rights EVU-P0008 --use sell-product
same_out <<'X'
EVU-P0008@1.0.0 "Coop stool" (LicenseRef-PPL)
  sell-product conditional
    if EVU-P0008@1.0.0 (LicenseRef-PPL): commercial use only by a worker-owned business or collective that distributes all gains to its worker-owners (Peer Production License §1(c), §4(c))
    because EVU-P0008@1.0.0, LicenseRef-PPL, commercial: Peer Production License §4(c): commercial use reserved to worker-owned businesses or collectives distributing all gains to worker-owners
X
expect 0 -- verify
