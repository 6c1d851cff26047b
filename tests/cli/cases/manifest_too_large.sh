# A 50 MB manifest is refused before it is read (a sparse file: nothing is written to disk).
truncate -s 50M part.json
expect 1 -- manifest check part.json
same_out </dev/null
same_err <<'X'
archipel: error: part.json: file is too large (52428800 bytes; the limit is 1048576 bytes)
X
