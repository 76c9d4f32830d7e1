#!/usr/bin/env python3
"""ART against LAMMPS NEB on a case whose answer is known: a vacancy hop in fcc Cu.

A 5x5x5 fcc Cu crystal (499 atoms) with the atom at the origin removed.
`betarelax art` pushes a nearest neighbour of the vacancy and its own
neighbours (12 + 1 atoms). By symmetry every nearest-neighbour hop into the
vacancy has the same barrier, and its final state is the initial one with
the vacancy moved: the same energy. The test requires:
  - at least one verified hop (one atom moved > 2 A, the rest < 0.5 A);
  - every hop's final energy equal to the initial one (1e-4 eV: both are
    minimised to 1e-3 eV/A, so each lies within ~f^2/k of its true value);
  - every hop's dQ the same within 2e-3 eV;
  - validation/neb_check.py (climbing-image NEB in LAMMPS between ART's two
    minima, on a straight band) agreeing with ART's dQ within 0.01 eV.

  test_neb_vacancy.py BETARELAX LMP POTENTIAL WORKDIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys

A = 3.615  # fcc Cu lattice constant (A); a crystal slightly strained by the potential's own is still symmetric
CELLS = 5  # the box must exceed twice the potential cutoff + skin (2 x 8.6 A)


def write_crystal(path):
    basis = [(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)]
    atoms = []
    for i in range(CELLS):
        for j in range(CELLS):
            for k in range(CELLS):
                for b in basis:
                    atoms.append(((i + b[0]) * A, (j + b[1]) * A, (k + b[2]) * A))
    vacancy = atoms.pop(0)  # the site at the origin
    # The centre: the nearest neighbour at (a/2, a/2, 0); ids from 1 in file order.
    center = 1 + next(n for n, p in enumerate(atoms) if all(abs(p[d] - (0.5 * A, 0.5 * A, 0)[d]) < 1e-9 for d in range(3)))
    box = CELLS * A
    with open(path, "w") as f:
        f.write(f"fcc Cu {CELLS}x{CELLS}x{CELLS} with a vacancy at {vacancy}\n\n{len(atoms)} atoms\n1 atom types\n\n")
        for d in "xyz":
            f.write(f"0 {box!r} {d}lo {d}hi\n")
        f.write("\nMasses\n\n1 63.546 # Cu\n\nAtoms # atomic\n\n")
        for n, p in enumerate(atoms):
            f.write(f"{n + 1} 1 {p[0]!r} {p[1]!r} {p[2]!r}\n")
    return center


def main():
    betarelax, lmp, potential, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    data = os.path.join(work, "vacancy.data")
    center = write_crystal(data)
    out = os.path.join(work, "art")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    subprocess.run([betarelax, "art", "--data", data, "--potential", potential, "--elements", "Cu", "--center", str(center),
                    "--cutoff", "2.7", "--events", "4", "--seed", "3", "--out", out], check=True, env=env)
    with open(os.path.join(out, "events.csv")) as f:
        rows = list(csv.DictReader(f))
    verified = [r for r in rows if r["status"] == "verified"]
    hops = [r for r in verified if r["moved_2A"] == "1" and r["moved_0p5A"] == "1"]
    print(f"[vacancy] {len(rows)} searches: " + ", ".join(f"{r['id']} {r['status']} {r['dQ_eV']}" for r in rows))
    failures = []
    if not hops:
        failures.append("no verified vacancy hop in 4 searches")
    for r in hops:
        asym = float(r["E_final_eV"]) - float(r["E_min_eV"])
        if abs(asym) > 1e-4:
            failures.append(f"event {r['id']}: a hop's final energy differs from the initial by {asym} eV")
        if abs(float(r["dQ_eV"]) - float(hops[0]["dQ_eV"])) > 2e-3:
            failures.append(f"events {hops[0]['id']} and {r['id']}: symmetric hops with dQ {hops[0]['dQ_eV']} and {r['dQ_eV']}")
    if hops:
        # One hop: the NEB band must find ART's saddle.
        check = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "neb_check.py")
        done = subprocess.run([sys.executable, check, out, "--ids", hops[0]["id"], "--lmp", lmp], env=env)
        with open(os.path.join(out, "neb_check.json")) as f:
            neb = json.load(f)
        for e in neb["events"]:
            print(f"[vacancy] event {e['id']}: ART {e['art_dQ_eV']:.5f} eV, NEB {e['neb_dQ_eV']:.5f} eV")
            if e["verdict"] != "agree":
                failures.append(f"event {e['id']}: NEB {e['neb_dQ_eV']} eV vs ART {e['art_dQ_eV']} eV ({e['verdict']})")
        if done.returncode != 0:
            failures.append(f"neb_check.py exited {done.returncode}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
