# Issue 13: `archipel make` over a representative set of every family (smallest and largest sizes,
# every pattern, role and switch). Each part must conform, with its exact size and hole list, and
# its part.json must validate (STEP, STL and 3MF alike). The 40 x 40-module plate is in bench/.
summary() {  # one line from `make --json`: name, verdict, measured size, holes (boss excluded)
  python3 -c '
import json, sys
d = json.load(sys.stdin); v = d["validation"]
holes = sorted((h["diameter_mm"], round(h["center_mm"][0], 2), round(h["center_mm"][1], 2), round(h["center_mm"][2], 2))
               for h in v["holes"] if not h["boss"])
bad = [h for h in v["holes"] if h["verdict"] != "ok"]
size = " x ".join("%g" % round(s, 3) for s in v["size_mm"])
text = " ".join("%g@%g,%g,%g" % h for h in holes)
print("%s: %s, %s mm, %d holes%s%s" % (d["name"], d["verdict"], size, len(holes), ": " if holes else "", text))
if bad: print("  holes not ok:", bad)
' < "$WORK/out"
}
make_one() {
  expect 0 -- make "$@" --out "$WORK/p" --force --json
  summary >> "$WORK/summary"
  local folder=$WORK/p
  expect 0 -- validate "$folder/part.json"
  tail -1 "$WORK/out" | sed "s|$folder/||" >> "$WORK/summary"
}
: > "$WORK/summary"
make_one os-plate --size 1x1
make_one os-plate --size 4x4
make_one os-plate --size 3x2 --thickness 1.5 --hole-diameter 4.5
make_one os-plate --size 4x4 --pattern perimeter
make_one os-plate --size 4x3 --pattern corners
make_one os-plate --size 2x1 --thickness 20 --hole-diameter 20
make_one os-strip --size 1
make_one os-strip --size 4 --thickness 6 --hole-diameter 10
make_one os-strip --size 40
make_one os-bracket --size 1x1x1
make_one os-bracket --size 2x1x1 --thickness 10 --hole-diameter 8
make_one os-bracket --size 2x3x2 --thickness 1
make_one os-disc --diameter 40
make_one os-disc --diameter 80 --holes 3 --centre-hole 0
make_one os-disc --diameter 120
make_one os-disc --diameter 160 --bolt-circle 120 --holes 12 --hole-diameter 6.6 --centre-hole 20
make_one os-spacer --length 10
make_one os-spacer --length 200 --hole-diameter 8
make_one gridfinity-bin --size 1x1x1
make_one gridfinity-bin --size 1x1x2 --lip off
make_one gridfinity-bin --size 2x1x3 --magnets on --screws on
make_one gridfinity-bin --size 3x2x6 --magnets on
make_one gridfinity-bin --size 1x1x12 --lip off --screws on
make_one gridfinity-baseplate --size 1x1
make_one gridfinity-baseplate --size 4x4
make_one gridfinity-baseplate --size 2x3 --magnets on
make_one bitbeam-beam --size 1
make_one bitbeam-beam --size 7
make_one bitbeam-beam --size 40
make_one bitbeam-plate --size 1x1
make_one bitbeam-plate --size 5x3
make_one bitbeam-plate --size 3x3 --thickness 8
diff -u - "$WORK/summary" <<'X' || { echo "FAIL: the parts differ"; exit 1; }
os-plate-1x1: conforms, 40 x 40 x 3 mm, 1 holes: 5.5@20,20,0
part.json (os-plate-1x1): conforms
os-plate-4x4: conforms, 160 x 160 x 3 mm, 16 holes: 5.5@20,20,0 5.5@20,60,0 5.5@20,100,0 5.5@20,140,0 5.5@60,20,0 5.5@60,60,0 5.5@60,100,0 5.5@60,140,0 5.5@100,20,0 5.5@100,60,0 5.5@100,100,0 5.5@100,140,0 5.5@140,20,0 5.5@140,60,0 5.5@140,100,0 5.5@140,140,0
part.json (os-plate-4x4): conforms
os-plate-3x2-thickness1.5-hole-diameter4.5: conforms, 120 x 80 x 1.5 mm, 6 holes: 4.5@20,20,0 4.5@20,60,0 4.5@60,20,0 4.5@60,60,0 4.5@100,20,0 4.5@100,60,0
part.json (os-plate-3x2-thickness1.5-hole-diameter4.5): conforms
os-plate-4x4-perimeter: conforms, 160 x 160 x 3 mm, 12 holes: 5.5@20,20,0 5.5@20,60,0 5.5@20,100,0 5.5@20,140,0 5.5@60,20,0 5.5@60,140,0 5.5@100,20,0 5.5@100,140,0 5.5@140,20,0 5.5@140,60,0 5.5@140,100,0 5.5@140,140,0
part.json (os-plate-4x4-perimeter): conforms
os-plate-4x3-corners: conforms, 160 x 120 x 3 mm, 4 holes: 5.5@20,20,0 5.5@20,100,0 5.5@140,20,0 5.5@140,100,0
part.json (os-plate-4x3-corners): conforms
os-plate-2x1-thickness20-hole-diameter20: conforms, 80 x 40 x 20 mm, 2 holes: 20@20,20,0 20@60,20,0
part.json (os-plate-2x1-thickness20-hole-diameter20): conforms
os-strip-1: conforms, 40 x 40 x 3 mm, 2 holes: 5.5@10,20,0 5.5@30,20,0
part.json (os-strip-1): conforms
os-strip-4-thickness6-hole-diameter10: conforms, 160 x 40 x 6 mm, 8 holes: 10@10,20,0 10@30,20,0 10@50,20,0 10@70,20,0 10@90,20,0 10@110,20,0 10@130,20,0 10@150,20,0
part.json (os-strip-4-thickness6-hole-diameter10): conforms
os-strip-40: conforms, 1600 x 40 x 3 mm, 80 holes: 5.5@10,20,0 5.5@30,20,0 5.5@50,20,0 5.5@70,20,0 5.5@90,20,0 5.5@110,20,0 5.5@130,20,0 5.5@150,20,0 5.5@170,20,0 5.5@190,20,0 5.5@210,20,0 5.5@230,20,0 5.5@250,20,0 5.5@270,20,0 5.5@290,20,0 5.5@310,20,0 5.5@330,20,0 5.5@350,20,0 5.5@370,20,0 5.5@390,20,0 5.5@410,20,0 5.5@430,20,0 5.5@450,20,0 5.5@470,20,0 5.5@490,20,0 5.5@510,20,0 5.5@530,20,0 5.5@550,20,0 5.5@570,20,0 5.5@590,20,0 5.5@610,20,0 5.5@630,20,0 5.5@650,20,0 5.5@670,20,0 5.5@690,20,0 5.5@710,20,0 5.5@730,20,0 5.5@750,20,0 5.5@770,20,0 5.5@790,20,0 5.5@810,20,0 5.5@830,20,0 5.5@850,20,0 5.5@870,20,0 5.5@890,20,0 5.5@910,20,0 5.5@930,20,0 5.5@950,20,0 5.5@970,20,0 5.5@990,20,0 5.5@1010,20,0 5.5@1030,20,0 5.5@1050,20,0 5.5@1070,20,0 5.5@1090,20,0 5.5@1110,20,0 5.5@1130,20,0 5.5@1150,20,0 5.5@1170,20,0 5.5@1190,20,0 5.5@1210,20,0 5.5@1230,20,0 5.5@1250,20,0 5.5@1270,20,0 5.5@1290,20,0 5.5@1310,20,0 5.5@1330,20,0 5.5@1350,20,0 5.5@1370,20,0 5.5@1390,20,0 5.5@1410,20,0 5.5@1430,20,0 5.5@1450,20,0 5.5@1470,20,0 5.5@1490,20,0 5.5@1510,20,0 5.5@1530,20,0 5.5@1550,20,0 5.5@1570,20,0 5.5@1590,20,0
part.json (os-strip-40): conforms
os-bracket-1x1x1: conforms, 40 x 40 x 40 mm, 2 holes: 5.5@20,0,20 5.5@20,20,0
part.json (os-bracket-1x1x1): conforms
os-bracket-2x1x1-thickness10-hole-diameter8: conforms, 80 x 40 x 40 mm, 4 holes: 8@20,0,20 8@20,20,0 8@60,0,20 8@60,20,0
part.json (os-bracket-2x1x1-thickness10-hole-diameter8): conforms
os-bracket-2x3x2-thickness1: conforms, 120 x 80 x 80 mm, 10 holes: 5.5@0,20,20 5.5@0,20,60 5.5@0,60,20 5.5@0,60,60 5.5@20,20,0 5.5@20,60,0 5.5@60,20,0 5.5@60,60,0 5.5@100,20,0 5.5@100,60,0
part.json (os-bracket-2x3x2-thickness1): conforms
os-disc-d40-bolt-circle20-centre-hole0: conforms, 40 x 40 x 4 mm, 4 holes: 5.5@10,20,0 5.5@20,10,0 5.5@20,30,0 5.5@30,20,0
part.json (os-disc-d40-bolt-circle20-centre-hole0): conforms
os-disc-d80-bolt-circle40-holes3-centre-hole0: conforms, 80 x 80 x 4 mm, 3 holes: 5.5@30,22.68,0 5.5@30,57.32,0 5.5@60,40,0
part.json (os-disc-d80-bolt-circle40-holes3-centre-hole0): conforms
os-disc-d120-bolt-circle80-centre-hole20: conforms, 120 x 120 x 4 mm, 5 holes: 5.5@20,60,0 5.5@60,20,0 5.5@60,100,0 5.5@100,60,0 20@60,60,0
part.json (os-disc-d120-bolt-circle80-centre-hole20): conforms
os-disc-d160-bolt-circle120-holes12-hole-diameter6.6-centre-hole20: conforms, 160 x 160 x 4 mm, 13 holes: 6.6@20,80,0 6.6@28.04,50,0 6.6@28.04,110,0 6.6@50,28.04,0 6.6@50,131.96,0 6.6@80,20,0 6.6@80,140,0 6.6@110,28.04,0 6.6@110,131.96,0 6.6@131.96,50,0 6.6@131.96,110,0 6.6@140,80,0 20@80,80,0
part.json (os-disc-d160-bolt-circle120-holes12-hole-diameter6.6-centre-hole20): conforms
os-spacer-l10: conforms, 40 x 40 x 10 mm, 1 holes: 5.5@20,20,0
part.json (os-spacer-l10): conforms
os-spacer-l200-hole-diameter8: conforms, 40 x 40 x 200 mm, 1 holes: 8@20,20,0
part.json (os-spacer-l200-hole-diameter8): conforms
gridfinity-bin-1x1x1: conforms, 41.5 x 41.5 x 11.4 mm, 0 holes
part.json (gridfinity-bin-1x1x1): conforms
gridfinity-bin-1x1x2-no-lip: conforms, 41.5 x 41.5 x 14 mm, 0 holes
part.json (gridfinity-bin-1x1x2-no-lip): conforms
gridfinity-bin-2x1x3-magnets-screws: conforms, 83.5 x 41.5 x 25.4 mm, 8 holes: 3@7.75,7.75,0 3@7.75,33.75,0 3@33.75,7.75,0 3@33.75,33.75,0 3@49.75,7.75,0 3@49.75,33.75,0 3@75.75,7.75,0 3@75.75,33.75,0
part.json (gridfinity-bin-2x1x3-magnets-screws): conforms
gridfinity-bin-3x2x6-magnets: conforms, 125.5 x 83.5 x 46.4 mm, 24 holes: 6.5@7.75,7.75,0 6.5@7.75,33.75,0 6.5@7.75,49.75,0 6.5@7.75,75.75,0 6.5@33.75,7.75,0 6.5@33.75,33.75,0 6.5@33.75,49.75,0 6.5@33.75,75.75,0 6.5@49.75,7.75,0 6.5@49.75,33.75,0 6.5@49.75,49.75,0 6.5@49.75,75.75,0 6.5@75.75,7.75,0 6.5@75.75,33.75,0 6.5@75.75,49.75,0 6.5@75.75,75.75,0 6.5@91.75,7.75,0 6.5@91.75,33.75,0 6.5@91.75,49.75,0 6.5@91.75,75.75,0 6.5@117.75,7.75,0 6.5@117.75,33.75,0 6.5@117.75,49.75,0 6.5@117.75,75.75,0
part.json (gridfinity-bin-3x2x6-magnets): conforms
gridfinity-bin-1x1x12-no-lip-screws: conforms, 41.5 x 41.5 x 84 mm, 4 holes: 3@7.75,7.75,0 3@7.75,33.75,0 3@33.75,7.75,0 3@33.75,33.75,0
part.json (gridfinity-bin-1x1x12-no-lip-screws): conforms
gridfinity-baseplate-1x1: conforms, 42 x 42 x 4.65 mm, 0 holes
part.json (gridfinity-baseplate-1x1): conforms
gridfinity-baseplate-4x4: conforms, 168 x 168 x 4.65 mm, 0 holes
part.json (gridfinity-baseplate-4x4): conforms
gridfinity-baseplate-2x3-magnets: conforms, 126 x 84 x 8.65 mm, 24 holes: 6.5@8,8,4 6.5@8,34,4 6.5@8,50,4 6.5@8,76,4 6.5@34,8,4 6.5@34,34,4 6.5@34,50,4 6.5@34,76,4 6.5@50,8,4 6.5@50,34,4 6.5@50,50,4 6.5@50,76,4 6.5@76,8,4 6.5@76,34,4 6.5@76,50,4 6.5@76,76,4 6.5@92,8,4 6.5@92,34,4 6.5@92,50,4 6.5@92,76,4 6.5@118,8,4 6.5@118,34,4 6.5@118,50,4 6.5@118,76,4
part.json (gridfinity-baseplate-2x3-magnets): conforms
bitbeam-beam-1: conforms, 8 x 8 x 8 mm, 1 holes: 4.8@4,4,0
part.json (bitbeam-beam-1): conforms
bitbeam-beam-7: conforms, 56 x 8 x 8 mm, 7 holes: 4.8@4,4,0 4.8@12,4,0 4.8@20,4,0 4.8@28,4,0 4.8@36,4,0 4.8@44,4,0 4.8@52,4,0
part.json (bitbeam-beam-7): conforms
bitbeam-beam-40: conforms, 320 x 8 x 8 mm, 40 holes: 4.8@4,4,0 4.8@12,4,0 4.8@20,4,0 4.8@28,4,0 4.8@36,4,0 4.8@44,4,0 4.8@52,4,0 4.8@60,4,0 4.8@68,4,0 4.8@76,4,0 4.8@84,4,0 4.8@92,4,0 4.8@100,4,0 4.8@108,4,0 4.8@116,4,0 4.8@124,4,0 4.8@132,4,0 4.8@140,4,0 4.8@148,4,0 4.8@156,4,0 4.8@164,4,0 4.8@172,4,0 4.8@180,4,0 4.8@188,4,0 4.8@196,4,0 4.8@204,4,0 4.8@212,4,0 4.8@220,4,0 4.8@228,4,0 4.8@236,4,0 4.8@244,4,0 4.8@252,4,0 4.8@260,4,0 4.8@268,4,0 4.8@276,4,0 4.8@284,4,0 4.8@292,4,0 4.8@300,4,0 4.8@308,4,0 4.8@316,4,0
part.json (bitbeam-beam-40): conforms
bitbeam-plate-1x1: conforms, 8 x 8 x 4 mm, 1 holes: 4.8@4,4,0
part.json (bitbeam-plate-1x1): conforms
bitbeam-plate-5x3: conforms, 40 x 24 x 4 mm, 15 holes: 4.8@4,4,0 4.8@4,12,0 4.8@4,20,0 4.8@12,4,0 4.8@12,12,0 4.8@12,20,0 4.8@20,4,0 4.8@20,12,0 4.8@20,20,0 4.8@28,4,0 4.8@28,12,0 4.8@28,20,0 4.8@36,4,0 4.8@36,12,0 4.8@36,20,0
part.json (bitbeam-plate-5x3): conforms
bitbeam-plate-3x3-thickness8: conforms, 24 x 24 x 8 mm, 9 holes: 4.8@4,4,0 4.8@4,12,0 4.8@4,20,0 4.8@12,4,0 4.8@12,12,0 4.8@12,20,0 4.8@20,4,0 4.8@20,12,0 4.8@20,20,0
part.json (bitbeam-plate-3x3-thickness8): conforms
X
