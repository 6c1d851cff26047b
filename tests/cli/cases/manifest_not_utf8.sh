# A manifest in Latin-1 is refused with the offset of the first bad byte.
printf '{"schema": 1, "kind": "part", "name": "Herv\xe9N"}\n' > part.json
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json: not valid UTF-8 (byte offset 43)
X
