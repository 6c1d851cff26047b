# archipel measure: the human report of an example part, exact.
cp "$SRC/examples/parts/os-disc-d120/os-disc-d120.step" disc.step
expect 0 -- measure disc.step --material plywood
same_out <<'X'
disc.step: step (B-rep), read in mm
frame      planar-faces+holes; origin (0, 0, 0); x (1, 0, 0); y (0, 1, 0); z (0, 0, 1)
size       120.000 x 120.000 x 4.000 mm
thickness  4.000 mm (sheet)
volume     43602.164 mm3
mass       26.161 g (plywood)
faces      8
holes      6
   diameter         x         y         z    depth  axis         kind
      5.500    20.000    60.000     0.000    4.000  (0, 0, 1)    through
      5.500    60.000    20.000     0.000    4.000  (0, 0, 1)    through
     20.000    60.000    60.000     0.000    4.000  (0, 0, 1)    through
    120.000    60.000    60.000     0.000    4.000  (0, 0, 1)    boss
      5.500    60.000   100.000     0.000    4.000  (0, 0, 1)    through
      5.500   100.000    60.000     0.000    4.000  (0, 0, 1)    through
X
same_err </dev/null

# A STEP file named .stl still goes to OpenCASCADE; a declared unit is ignored with a warning.
cp "$SRC/examples/parts/os-bracket-l/os-bracket-l.step" bracket.stl
expect 0 -- measure bracket.stl --unit inch
same_out <<'X'
bracket.stl: step (B-rep), read in mm
frame      file-axes; origin (0, 0, 0); x (1, 0, 0); y (0, 1, 0); z (0, 0, 1)
size       40.000 x 40.000 x 40.000 mm
thickness  3.000 mm (walls)
volume     8812.351 mm3
faces      14
holes      6
   diameter         x         y         z    depth  axis         kind
      5.500    10.000     0.000    10.000    3.000  (0, 1, 0)    through
      5.500    10.000     0.000    30.000    3.000  (0, 1, 0)    through
      5.500    10.000    30.000     0.000    3.000  (0, 0, 1)    through
      5.500    30.000     0.000    10.000    3.000  (0, 1, 0)    through
      5.500    30.000     0.000    30.000    3.000  (0, 1, 0)    through
      5.500    30.000    30.000     0.000    3.000  (0, 0, 1)    through
X
same_err <<'X'
archipel: warning: bracket.stl: [units.ignored] step carries its own unit; the declared unit is ignored
X
