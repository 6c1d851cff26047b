# A syntax error names the line and column; an empty file says so.
printf '{\n  "schema": 1,\n  "kind": "part"\n  "name": "x"\n}\n' > part.json
expect 1 -- manifest check part.json
same_out </dev/null
same_err <<'X'
archipel: error: part.json: invalid JSON at line 4, column 8: syntax error
X
: > empty.json
expect 1 -- manifest check empty.json
same_err <<'X'
archipel: error: empty.json: invalid JSON: the file is empty
X
