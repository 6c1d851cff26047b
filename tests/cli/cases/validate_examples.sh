# archipel validate on the example parts (STEP, exact output): conforming, failing, Gridfinity.
cp "$SRC"/examples/parts/*/*.step .
expect 0 -- validate os-plate-120x40.step
same_out <<'X'
os-plate-120x40.step: conforms (openstructures)
  part     120 x 40 x 3 mm sheet, 12 holes (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0; 12 of 12 assembly points on nodes
  OS-A-dimension         ok       2 checked
  OS-B-assembly-point    ok       12 checked
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       12 checked
X
expect 0 -- validate os-disc-d120.step
same_out <<'X'
os-disc-d120.step: conforms (openstructures)
  part     120 x 120 x 4 mm sheet, 5 holes, 1 round part (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored on the round part's centre: origin at x 0, y 0 mm, rotation 0; 2 of 2 assembly points on nodes
  OS-A-dimension         ok       2 checked
  OS-B-assembly-point    ok       2 checked
  OS-C-diameter          ok       1 checked
  OS-hole-fastener       ok       5 checked
  info     holes 1, 2, 5, 6 lie on a Ø80 mm bolt circle centred on the grid at x 60, y 60 mm
X
expect 0 -- validate os-bracket-l.step
same_out <<'X'
os-bracket-l.step: conforms (openstructures)
  part     40 x 40 x 40 mm, walls 3 mm thick, 6 holes (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0; 6 of 6 assembly points on nodes
  OS-A-dimension         ok       3 checked
  OS-B-assembly-point    ok       6 checked
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       6 checked
X
expect 1 -- validate off-grid-plate.step
same_out <<'X'
off-grid-plate.step: fails (openstructures)
  part     73 x 41 x 3 mm sheet, 5 holes (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0.5, y 1 mm, rotation 0; 0 of 5 assembly points on nodes
  OS-A-dimension         error    2 of 2 off
  OS-B-assembly-point    error    5 of 5 off
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       5 checked
  error    width 73 mm is off the 10 mm grid by +3.0 mm: nearest allowed 70 mm
  error    depth 41 mm is off the 10 mm grid by +1.0 mm: nearest allowed 40 mm
  error    hole 1 (Ø5.5 mm) at x 7.5, y 7.5 mm is off the 10 mm grid: nearest node x 10.5, y 11 mm, off by −3.5 mm in y
  error    hole 2 (Ø5.5 mm) at x 7.5, y 33.5 mm is off the 10 mm grid: nearest node x 10.5, y 31 mm, off by −3.0 mm in x
  error    hole 3 (Ø5.5 mm) at x 50.5, y 33.5 mm is off the 10 mm grid: nearest node x 50.5, y 31 mm, off by +2.5 mm in y
  error    hole 4 (Ø5.5 mm) at x 65.5, y 7.5 mm is off the 10 mm grid: nearest node x 60.5, y 11 mm, off by +5.0 mm in x
  error    hole 5 (Ø5.5 mm) at x 65.5, y 33.5 mm is off the 10 mm grid: nearest node x 60.5, y 31 mm, off by +5.0 mm in x
X
expect 0 -- validate gridfinity-1x1-foot.step --grid gridfinity
same_out <<'X'
gridfinity-1x1-foot.step: conforms (gridfinity)
  part     41.5 x 41.5 x 7 mm sheet, 4 holes (step, B-rep, read in mm)
  grid     Gridfinity, pitch 42 mm; anchored to the outline: origin at x -0.25, y -0.25 mm, rotation 0; 4 of 4 assembly points on nodes
  role     bin (recognised from its size)
  GF-footprint           ok       2 checked
  GF-height-unit         ok       1 checked
  GF-hole-position       ok       4 checked
  GF-hole-fastener       ok       4 checked
  info     width 41.5 mm: nominal 42 mm, −0.5 mm clearance
  info     depth 41.5 mm: nominal 42 mm, −0.5 mm clearance
X
expect 1 -- validate gridfinity-1x1-foot.step
same_out <<'X'
gridfinity-1x1-foot.step: fails (openstructures)
  part     41.5 x 41.5 x 7 mm sheet, 4 holes (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0.75, y 0.75 mm, rotation 0; 0 of 4 assembly points on nodes
  OS-A-dimension         error    2 of 2 off
  OS-B-assembly-point    error    4 of 4 off
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       4 checked
  error    width 41.5 mm is off the 10 mm grid by +1.5 mm: nearest allowed 40 mm
  error    depth 41.5 mm is off the 10 mm grid by +1.5 mm: nearest allowed 40 mm
  error    hole 1 (Ø6.5 mm) at x 7.75, y 7.75 mm is off the 10 mm grid: nearest node x 10.75, y 10.75 mm, off by −3.0 mm in x
  error    hole 2 (Ø6.5 mm) at x 7.75, y 33.75 mm is off the 10 mm grid: nearest node x 10.75, y 30.75 mm, off by −3.0 mm in x
  error    hole 3 (Ø6.5 mm) at x 33.75, y 7.75 mm is off the 10 mm grid: nearest node x 30.75, y 10.75 mm, off by +3.0 mm in x
  error    hole 4 (Ø6.5 mm) at x 33.75, y 33.75 mm is off the 10 mm grid: nearest node x 30.75, y 30.75 mm, off by +3.0 mm in x
X
