# Quadratic work (issue 9): 160 000 identical OBJ faces (every edge shared 160 000 times; the edge
# checks once took 22.7 s) are measured within the geometry worker's time limit, which covers the
# whole measurement (import, welding, topology, holes, frame), not only the import: 60 s here,
# generous against the ~1 s it takes (bench/bench_many_faces.sh times it), fatal if it went back
# to quadratic.
awk 'BEGIN{print "v 0 0 0"; print "v 10 0 0"; print "v 0 10 0";
           for (i = 0; i < 160000; i++) print "f 1 2 3"}' >identical.obj
ARCHIPEL_GEOMETRY_TIME_LIMIT=60 expect 0 -- measure identical.obj --unit mm
same_err <<<"archipel: warning: identical.obj: [mesh.open] the mesh is not closed or not consistently oriented (480000 edges without exactly one opposite edge); volume not measured"
out_has 'triangles  160000'
out_has 'size       10.000 x 10.000 x 0.000 mm'
