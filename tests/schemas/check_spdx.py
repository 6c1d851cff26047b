#!/usr/bin/env python3
"""Checks Archipel's built-in SPDX list (schemas/spdx-licences.json) against the official SPDX
data from npm (spdx-license-ids and spdx-license-list, installed by build.sh from the committed
cmake/spdx-data/package-lock.json).

Usage: check_spdx.py SOURCE_DIR NODE_MODULES_DIR
Exits 77 (skipped) when the npm data is absent, 1 on the first set of failures.
"""
import json
import pathlib
import sys


def main(source, modules):
    modules = pathlib.Path(modules)
    ids_file = modules / "spdx-license-ids" / "index.json"
    full_file = modules / "spdx-license-list" / "spdx-full.json"
    if not ids_file.exists() or not full_file.exists():
        print(f"skipped: no SPDX data under {modules} (./build.sh installs it with npm)")
        return 77
    current = set(json.loads(ids_file.read_text(encoding="utf-8")))
    deprecated = set(json.loads((modules / "spdx-license-ids" / "deprecated.json").read_text(encoding="utf-8")))
    full = json.loads(full_file.read_text(encoding="utf-8"))
    ours = json.loads((pathlib.Path(source) / "schemas" / "spdx-licences.json").read_text(encoding="utf-8"))
    failures = []
    for lic in ours["licences"]:
        i = lic["id"]
        if i.startswith("LicenseRef-"):
            continue  # Archipel's own names, not SPDX ids
        if lic["deprecated"]:
            if i not in deprecated:
                failures.append(f"{i}: marked deprecated, but SPDX does not deprecate it")
        elif i not in current:
            failures.append(f"{i}: not a current SPDX licence id" + (" (SPDX deprecates it)" if i in deprecated else ""))
        if i not in full:
            failures.append(f"{i}: spdx-license-list has no text for it")
        elif full[i]["name"] != lic["name"]:
            failures.append(f"{i}: named \"{lic['name']}\", SPDX says \"{full[i]['name']}\"")
        elif not full[i]["licenseText"].strip():
            failures.append(f"{i}: the licence text is empty")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(ours['licences'])} licences checked against SPDX data, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
