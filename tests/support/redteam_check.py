"""Checks every generated file of a design folder with its real parser (the red team's judge).

Usage: python3 redteam_check.py DESIGN_DIR

Python files: py_compile, then import by their dotted name from the design folder's root (the
implementation is a package with relative imports), in a child process each, so an injected
statement would run and leave its mark. YAML: yaml.safe_load. SVG: an XML parser.
Prints one line per problem and exits 1 if there is any; the Rust crate and .proto files are
checked by the Rust test itself (cargo check, protoc).
"""

import os
import py_compile
import subprocess
import sys
import xml.dom.minidom

import yaml


def main(root: str) -> int:
    problems = []
    counts = {"py": 0, "yaml": 0, "svg": 0}
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(".py"):
                counts["py"] += 1
                try:
                    py_compile.compile(path, doraise=True)
                except py_compile.PyCompileError as e:
                    problems.append(f"{path}: py_compile: {e.msg}")
                    continue
                relative = os.path.relpath(path, root)[: -len(".py")]
                module = ".".join(relative.split(os.sep))
                run = subprocess.run(
                    [sys.executable, "-c", f"import {module}"],
                    cwd=root,
                    capture_output=True,
                    text=True,
                )
                if run.returncode != 0 and "ModuleNotFoundError" not in run.stderr:
                    problems.append(f"{path}: import failed: {run.stderr.strip()[-400:]}")
            elif name.endswith((".yml", ".yaml")):
                counts["yaml"] += 1
                try:
                    with open(path, encoding="utf-8") as f:
                        yaml.safe_load(f)
                except yaml.YAMLError as e:
                    problems.append(f"{path}: yaml: {e}")
            elif name.endswith(".svg"):
                counts["svg"] += 1
                try:
                    xml.dom.minidom.parse(path)
                except Exception as e:  # noqa: BLE001 - any parser error is a finding
                    problems.append(f"{path}: xml: {e}")
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
