// A 60 x 40 x 3 plate with 3 x 2 Ø5.5 holes on a 20 mm pitch, 10 mm from the edges.
// Rendered by OpenSCAD 2021.01 (lib3mf: a ZIP64 package): openscad -o openscad-plate-60x40.3mf openscad-plate-60x40.scad
linear_extrude(3) difference() {
  square([60, 40]);
  for (x = [10:20:50]) for (y = [10:20:30]) translate([x, y]) circle(d = 5.5, $fn = 32);
}
