# manifest new writes a valid skeleton, keeps an NFD name, refuses to overwrite, checks the licence.
expect 0 -- manifest new --name "OS plate 2x1" --designer "$(printf 'Herve\xcc\x81N') <herve@example.org>" \
  --licence CERN-OHL-S-2.0 --grid openstructures --grid-size 2x1
same_out <<'X'
wrote part.json (part "OS plate 2x1" 0.1.0, CERN-OHL-S-2.0)
X
printf '{\n  "schema": 1,\n  "kind": "part",\n  "name": "OS plate 2x1",\n  "version": "0.1.0",\n  "designer": {\n    "name": "Herve\xcc\x81N",\n    "email": "herve@example.org"\n  },\n  "licence": "CERN-OHL-S-2.0",\n  "grid": {\n    "standard": "openstructures",\n    "size": [\n      2,\n      1\n    ]\n  }\n}\n' > expected.json
cmp part.json expected.json
expect 0 -- manifest check part.json
same_out <<'X'
part.json: ok (part "OS plate 2x1" 0.1.0, CERN-OHL-S-2.0)
X
expect 1 -- manifest new --name "Other" --designer "Ada <ada@example.org>" --licence MIT
same_err <<'X'
archipel: error: part.json: already exists; use --force to overwrite
X
cmp part.json expected.json
expect 0 -- manifest new --name "Other" --designer "Ada <ada@example.org>" --licence MIT --kind component --force --json
out_has '"written": "part.json"'
out_has '"kind": "component"'
expect 2 -- manifest new --name X --designer "Ada <ada@example.org>" --licence CC-BY-5.0 --out x.json
same_err <<'X'
archipel: error: --licence: "CC-BY-5.0" is not a known SPDX licence; did you mean "CC-BY-4.0"?
X
expect 2 -- manifest new --name X --designer "Ada" --licence MIT --out x.json
same_err <<'X'
archipel: error: --designer: expected "Name <email>", found "Ada"
X
expect 2 -- manifest new --name X --designer "Ada <ada@example.org>" --licence MIT --version 1.0 --out x.json
same_err <<'X'
archipel: error: --version: "1.0" is not a semantic version such as 1.2.0
X
expect 2 -- manifest new --name X --designer "Ada <ada@example.org>" --licence MIT --grid openstructures --grid-size 2 --out x.json
same_err <<'X'
archipel: error: --grid-size: expected WxD or WxDxH in grid units (e.g. 2x1), found "2"
X
test ! -e x.json
expect 0 -- manifest new --name X --designer "Ada <ada@example.org>" --licence MIT --out -
out_has '"licence": "MIT"'
