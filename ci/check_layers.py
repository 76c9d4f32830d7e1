#!/usr/bin/env python3
"""Fails when an #include runs from a lower layer of the suite to a higher one.

The layers follow the data flow (config -> glass preparation -> sampling ->
analysis -> validation -> plots/report), lowest first:

  support < core < experiments < validation < plots < cli

Within experiments the drivers rank above what they share:
  experiments/common < glass_preparation < metadynamics, art < run_experiment

A folder's tests/ and bench/ belong to its layer. Every project include must
carry its folder ("core/potential/eam_fs.hpp"); a bare name fails too, since a
reader could not tell which layer it belongs to. Usage: check_layers.py [ROOT]
"""
import os
import re
import sys

RANK = {"support": 0, "core": 1, "experiments": 2, "validation": 3, "plots": 4, "cli": 5}
# Sub-layers of experiments (same top rank, ordered among themselves).
SUB = {"common": 0, "glass_preparation": 1, "metadynamics": 2, "art": 2, "run_experiment.hpp": 3, "run_experiment.cpp": 3}
GENERATED = ("generated/",)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def rank_of(path):
    """(layer, sub-layer) of a repository path, or None outside the layers."""
    parts = path.split("/")
    if parts[0] not in RANK:
        return None
    sub = 0
    if parts[0] == "experiments" and len(parts) > 1:
        sub = SUB.get(parts[1], 0) if parts[1] != "tests" else 3
    return (RANK[parts[0]], sub)


def check(root):
    problems = []
    for top in RANK:
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.relpath(os.path.join(folder, name), root)
                here = rank_of(path)
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    text = f.read()
                for m in INCLUDE.finditer(text):
                    inc = m.group(1)
                    line = text.count("\n", 0, m.start()) + 1
                    if inc.startswith(GENERATED):
                        continue
                    there = rank_of(inc)
                    if there is None or "/" not in inc:
                        problems.append(f"{path}:{line}: include \"{inc}\" does not name its layer's folder")
                    elif not os.path.exists(os.path.join(root, inc)):
                        problems.append(f"{path}:{line}: include \"{inc}\" is not a file of the repository")
                    elif there > here:
                        problems.append(f"{path}:{line}: includes \"{inc}\", a higher layer")
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) break the layering (support < core < experiments < validation < plots < cli)")
        return 1
    print("layers: no include runs upward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
