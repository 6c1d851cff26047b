# archipel validate: bad command lines (2), unknown grids (1), unreadable files (3).
cp "$SRC"/examples/parts/os-plate-120x40/os-plate-120x40.step plate.step
expect 2 -- validate
err_has 'input is required'
expect 2 -- validate plate.step --unit parsec
same_err <<<'archipel: error: unknown unit "parsec" (expected mm, cm, m, in, ft, um)'
expect 1 -- validate plate.step --grid openstructure
same_err <<<'archipel: error: unknown grid standard "openstructure"; did you mean "openstructures"?'
expect 3 -- validate missing.step
same_err <<<'archipel: error: missing.step: no such file'
printf 'not a CAD file\n' > junk.step
expect 3 -- validate junk.step
err_has 'archipel: error: junk.step: '
head -c 2000 plate.step > truncated.step
expect 3 -- validate truncated.step
err_has 'archipel: error: truncated.step: '
expect 3 -- validate plate.step --max-size 1000
err_has 'archipel: error: plate.step: file is too large'
expect 3 -- validate plate.step --svg no-such-dir/plate.svg
same_err <<<'archipel: error: no-such-dir/plate.svg: cannot write the drawing: cannot open its folder: No such file or directory'
