#!/usr/bin/env python3
"""Independent check of Archipel's JSON Schemas with Debian's python3-jsonschema.

Usage: check_schemas.py SOURCE_DIR

- every schemas/*.schema.json must itself be a valid draft 2020-12 schema;
- every examples/**/part.json must validate against schemas/part.schema.json;
- every built-in grid standard (core/grids/*.json or schemas/grids/*.json) must validate against
  schemas/grid.schema.json; a pair whose schema does not exist yet is skipped;
- a few known-bad manifests must be rejected, so the two validators agree on the schema's intent.
Exits 1 on the first set of failures, printing each one.
"""
import copy
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

PAIRS = [
    ("part.schema.json", ["examples/**/part.json"]),
    ("grid.schema.json", ["core/grids/*.json", "schemas/grids/*.json"]),
    ("licence-rules.schema.json", ["schemas/licence-rules.json"]),
]

MINIMAL = {"schema": 1, "kind": "part", "name": "P", "version": "1.0.0",
           "designer": {"name": "A", "email": "a@b.org"}, "licence": "MIT"}

# (what is wrong, change applied to MINIMAL)
BAD_MANIFESTS = [
    ("unknown kind", lambda d: d.update(kind="gadget")),
    ("name of the wrong type", lambda d: d.update(name=42)),
    ("version that is not semver", lambda d: d.update(version="1.0")),
    ("missing designer", lambda d: d.pop("designer")),
    ("unknown field", lambda d: d.update(colour="red")),
    ("bad serial", lambda d: d.update(serial="bxl-42")),
    ("grid size of zero", lambda d: d.update(grid={"standard": "openstructures", "size": [2, 0]})),
    ("bad sha256", lambda d: d.update(files=[{"path": "a.md", "role": "drawing", "format": "md",
                                              "sha256": "abc"}])),
    ("empty tags", lambda d: d.update(tags=[])),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(source):
    root = pathlib.Path(source)
    failures = []
    checked = 0
    for schema_path in sorted((root / "schemas").glob("*.schema.json")):
        try:
            Draft202012Validator.check_schema(load(schema_path))
            checked += 1
        except Exception as e:  # noqa: BLE001 - report any schema error as a failure
            failures.append(f"{schema_path.relative_to(root)}: not a valid schema: {e}")
    for schema_name, patterns in PAIRS:
        schema_path = root / "schemas" / schema_name
        if not schema_path.exists():
            print(f"skip: schemas/{schema_name} does not exist yet")
            continue
        validator = Draft202012Validator(load(schema_path))
        for pattern in patterns:
            for doc_path in sorted(root.glob(pattern)):
                errors = sorted(validator.iter_errors(load(doc_path)), key=lambda e: list(e.path))
                for e in errors:
                    pointer = "/" + "/".join(str(p) for p in e.path)
                    failures.append(f"{doc_path.relative_to(root)}:{pointer}: {e.message}")
                checked += 1
    part_validator = Draft202012Validator(load(root / "schemas" / "part.schema.json"))
    if not part_validator.is_valid(MINIMAL):
        failures.append("the minimal manifest is rejected")
    for what, change in BAD_MANIFESTS:
        doc = copy.deepcopy(MINIMAL)
        change(doc)
        if part_validator.is_valid(doc):
            failures.append(f"a manifest with {what} is accepted by the schema")
        checked += 1
    for line in failures:
        print(line)
    print(f"{checked} checks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
