# fork with licence inheritance, lineage as a tree, JSON and Graphviz, and search.
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace OS
mkdir sa nd; echo "solid x" >sa/p.stl; echo "solid y" >nd/p.stl
printf '{"schema": 1, "kind": "part", "name": "Shelf bracket", "version": "1.0.0", "designer": {"name": "Ada", "email": "ada@example.org"}, "licence": "CC-BY-SA-4.0", "materials": [{"name": "steel", "form": "sheet"}], "dimensions": {"width_mm": 80, "depth_mm": 40, "height_mm": 3}, "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' >sa/part.json
printf '{"schema": 1, "kind": "part", "name": "Closed hinge", "version": "1.0.0", "designer": {"name": "Bob", "email": "bob@example.org"}, "licence": "CC-BY-ND-4.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' >nd/part.json
expect 0 -- publish sa/part.json
expect 0 -- publish nd/part.json
expect 1 -- fork OS-P0002 --designer "Grace <grace@example.org>"
same_err <<<'archipel: error: OS-P0002@1.0.0 is under CC-BY-ND-4.0, which allows no derivatives: it cannot be forked'
expect 1 -- fork OS-P0001 --designer "Grace <grace@example.org>" --licence MIT
same_err <<<'archipel: error: OS-P0001@1.0.0 is under the share-alike licence CC-BY-SA-4.0: the fork'"'"'s licence must be one of CC-BY-SA-4.0, GPL-3.0-only, GPL-3.0-or-later, not "MIT"'
expect 2 -- fork OS-P0001 --designer "Grace"
same_err <<<'archipel: error: "Grace" is not "Name <email>"'
expect 0 -- fork OS-P0001 --designer "Grace <grace@example.org>" --name "Slotted bracket" --out slotted
out_has 'Forked OS-P0001 into OS-P0003@1.0.0 "Slotted bracket" (new serial)'
out_has 'wrote 3 files into slotted'
grep -q '"relation": "fork"' slotted/part.json
expect 0 -- fork OS-P0003 --designer "Hedy <hedy@example.org>"
expect 0 -- lineage OS-P0003
same_out <<'X'
OS-P0001@1.0.0 "Shelf bracket" (Ada, CC-BY-SA-4.0)
└─ OS-P0003@1.0.0 "Slotted bracket" (Grace, CC-BY-SA-4.0)  <- this part
   └─ OS-P0004@1.0.0 "Slotted bracket (fork)" (Hedy, CC-BY-SA-4.0)  fork of OS-P0003@1.0.0
X
expect 0 -- lineage OS-P0001 --dot
same_out <<'X'
digraph lineage {
  rankdir=TB;
  node [shape=box];
  "OS-P0001" [label="OS-P0001@1.0.0\nShelf bracket\nCC-BY-SA-4.0", style=bold];
  "OS-P0003" [label="OS-P0003@1.0.0\nSlotted bracket\nCC-BY-SA-4.0"];
  "OS-P0004" [label="OS-P0004@1.0.0\nSlotted bracket (fork)\nCC-BY-SA-4.0"];
  "OS-P0001" -> "OS-P0003" [label="fork"];
  "OS-P0003" -> "OS-P0004" [label="fork"];
}
X
expect 0 -- lineage OS-P0004 --json
out_has '"depth": -2'
expect 0 -- search bracket --material steel --max-size 100x50x5
same_out <<'X'
OS-P0001@1.0.0  Shelf bracket  (Ada, CC-BY-SA-4.0, 80x40x3 mm)
OS-P0003@1.0.0  Slotted bracket  (Grace, CC-BY-SA-4.0, 80x40x3 mm)
OS-P0004@1.0.0  Slotted bracket (fork)  (Hedy, CC-BY-SA-4.0, 80x40x3 mm)
X
expect 0 -- search --licence-allows derivatives --designer Bob
same_out <<<'No match'
expect 0 -- search hinge --json
out_has '"serial": "OS-P0002"'
rm "$WORK/reg/archipel-index.sqlite"
expect 0 -- search hinge
same_out <<<'OS-P0002@1.0.0  Closed hinge  (Bob, CC-BY-ND-4.0, 0x0x0 mm)'
expect 0 -- verify
same_out <<<'ok: 4 versions, 4 files, 2 lineage links, 46 git objects, 5 commits checked'
git -C "$WORK/reg" fsck --strict --no-progress
