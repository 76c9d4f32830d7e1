#!/usr/bin/env python3
"""The verdict of ci/gpu_check.sh run: this run's outputs (WORK) against the
CPU's references in the kit (REF), each rule fixed here before any GPU ran.

Writes OUT/verdict.md and OUT/gpu_check.json; exits 1 when a correctness
check failed (speed is reported, never a failure). Python 3 standard library
only: the GPU machine has none of our Debian packages.

Usage: gpu_compare.py REF WORK OUT
"""
import csv
import json
import math
import os
import sys

# Forces, energies and the virial are sums of the same pair terms in the same
# order on every backend (owner-computes, no atomics); what may differ is
# fused multiply-adds and the compilers' libm, a few ulps per term. 1e-10 of
# the largest component leaves five orders of magnitude above that round-off
# and is far below any real kernel error (a wrong table row or a lost pair
# shows at 1e-3 or worse).
FORCE_REL = 1e-10

# Trajectories part by chaos: round-off grows by ~e every 0.1-0.2 ps in a
# glass at 300 K. The yardstick is the CPU's own trajectory from a start kicked
# by KICK_A in one coordinate: the GPU's divergence from the CPU may not
# exceed the kicked run's at the early frames (a wrong kernel shows at step 1,
# where the kick is still 1e-12 Å and round-off ~1e-14 Å); later frames are
# reported.
KICK_A = 1e-12
EARLY_STEPS = (1, 10, 100)
STEPS = (1, 10, 100, 1000)

# ART: a search is the same when its status agrees and its saddle energy is
# within 1e-6 eV (searches stop at force tolerances far tighter than that
# changes the energy). A round-off split of one search's path can send it
# elsewhere; a kernel error sends all of them. At most 2 of 6 may differ.
ART_SADDLE_EV = 1e-6
ART_MAY_DIFFER = 2


def read_data(path):
    """Unwrapped positions by atom id and the box edges of a LAMMPS data file."""
    lines = open(path).read().splitlines()
    box, atoms = {}, {}
    section = None
    for line in lines:
        words = line.split()
        if len(words) == 4 and words[2].endswith("lo") and words[3].endswith("hi"):
            box[words[2][0]] = float(words[1]) - float(words[0])
            continue
        if words and words[0] in ("Atoms", "Velocities", "Masses"):
            section = words[0]
            continue
        if section == "Atoms" and len(words) >= 8:
            i = int(words[0])
            atoms[i] = [float(words[2 + d]) + int(words[5 + d]) * box["xyz"[d]] for d in range(3)]
    return atoms


def max_distance(a, b):
    if set(a) != set(b):
        return math.inf
    return max(max(abs(a[i][d] - b[i][d]) for d in range(3)) for i in a)


def read_forces(path):
    with open(path) as f:
        return {int(r["id"]): [float(r[k]) for k in ("fx", "fy", "fz", "pe")] for r in csv.DictReader(f)}


def hills(path):
    return [line.split() for line in open(path) if line.strip() and not line.startswith("#")]


def parting(a, b):
    """Index of the first hill that differs (len when none within the shorter)."""
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return k
    return min(len(a), len(b))


def same_bytes(a, b):
    return os.path.exists(a) and os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read()


def main(ref, work, out):
    checks = []  # (name, passed, detail)
    numbers = {}

    def check(name, passed, detail):
        checks.append({"check": name, "passed": bool(passed), "detail": detail})

    class section:
        """A part whose outputs are missing or unreadable (its step crashed)
        fails as a check of its own name; the other parts still run."""
        def __init__(self, name):
            self.name = name

        def __enter__(self):
            return self

        def __exit__(self, kind, error, trace):
            if kind is not None and issubclass(kind, (OSError, KeyError, ValueError, IndexError)):
                check(self.name, False, f"missing or unreadable output: {kind.__name__}: {error}")
                return True
            return False

    facts = json.load(open(os.path.join(work, "run_facts.json")))
    numbers["facts"] = facts
    check("core tests", facts["core_tests_rc"] == 0,
          f"core_tests exit {facts['core_tests_rc']} ({facts.get('core_tests_summary', '')})")
    if facts.get("failed_steps"):
        check("steps", False, f"failed: {facts['failed_steps']}")

    # 1. Energies, forces, virial of the 4000-atom glass.
    with section("energy, forces, virial"):
        e_ref = json.load(open(os.path.join(ref, "energy4000.json")))
        e_run = json.load(open(os.path.join(work, "energy4000.json")))
        de = abs(e_run["energy_eV"] - e_ref["energy_eV"]) / abs(e_ref["energy_eV"])
        w_scale = max(abs(w) for w in e_ref["virial_eV"][:3])
        dw = max(abs(a - b) for a, b in zip(e_run["virial_eV"], e_ref["virial_eV"])) / w_scale
        f_ref, f_run = read_forces(os.path.join(ref, "forces4000.csv")), read_forces(os.path.join(work, "forces4000.csv"))
        f_scale = max(abs(v) for row in f_ref.values() for v in row[:3])
        pe_scale = max(abs(row[3]) for row in f_ref.values())
        if set(f_ref) != set(f_run):
            df = dpe = math.inf
        else:
            df = max(abs(f_run[i][d] - f_ref[i][d]) for i in f_ref for d in range(3)) / f_scale
            dpe = max(abs(f_run[i][3] - f_ref[i][3]) for i in f_ref) / pe_scale
        numbers["energy4000"] = {"energy_rel": de, "force_rel_to_max": df, "pe_atom_rel_to_max": dpe, "virial_rel_to_max": dw}
        check("energy, 4000 atoms", de <= FORCE_REL, f"|dE|/|E| = {de:.2e} (<= {FORCE_REL:g})")
        check("forces, 4000 atoms", df <= FORCE_REL, f"max |dF| / max |F| = {df:.2e} (<= {FORCE_REL:g})")
        check("per-atom energies, 4000 atoms", dpe <= FORCE_REL, f"max |dpe| / max |pe| = {dpe:.2e} (<= {FORCE_REL:g})")
        check("virial, 4000 atoms", dw <= FORCE_REL, f"max |dW| / max |W_diag| = {dw:.2e} (<= {FORCE_REL:g})")
    check("energy repeated", facts["energy_repeat_identical"], "two runs of `energy --forces`: byte-identical output"
          if facts["energy_repeat_identical"] else "two runs of `energy --forces` differ")

    # 2. NVE and NVT trajectories: divergence growth against the kicked CPU run.
    traj = {}
    with section("trajectories"):
        for ens in ("nve", "nvt"):
            rows = []
            for n in STEPS:
                r = read_data(os.path.join(ref, f"{ens}_{n}.data"))
                d_run = max_distance(read_data(os.path.join(work, f"{ens}_{n}.data")), r)
                d_kick = max_distance(read_data(os.path.join(ref, f"{ens}_{n}_kicked.data")), r)
                rows.append({"steps": n, "max_dx_A": d_run, "kicked_max_dx_A": d_kick})
                if n in EARLY_STEPS:
                    check(f"{ens.upper()} trajectory, step {n}", d_run <= d_kick,
                          f"max |dx| = {d_run:.2e} A vs {d_kick:.2e} A for a {KICK_A:g} A kick on the CPU")
            traj[ens] = rows
        numbers["trajectories"] = traj
    check("NVT repeated", facts["nvt_repeat_identical"], "two 100-step NVT runs: byte-identical final.data"
          if facts["nvt_repeat_identical"] else "two 100-step NVT runs differ")

    # 3. WT-MetaD hills, until the trajectories part.
    with section("WT-MetaD hills"):
        h_ref, h_run, h_kick = (hills(os.path.join(d, name)) for d, name in
                                ((ref, "HILLS"), (work, "HILLS"), (ref, "HILLS_kicked")))
        k_run, k_kick = parting(h_run[:200], h_ref[:200]), parting(h_kick[:200], h_ref[:200])
        numbers["hills"] = {"compared": min(200, len(h_ref)), "identical_until_run": k_run, "identical_until_kicked": k_kick}
        check("WT-MetaD hills", k_run >= k_kick // 2,
              f"identical for the first {k_run} of {min(200, len(h_ref))} hills; a {KICK_A:g} A kick parts the CPU's at "
              f"hill {k_kick} (rule: at least half as long)")

    # 4. The ART batch.
    with section("ART batch"):
        def events(path):
            with open(path) as f:
                return {r["id"]: r for r in csv.DictReader(f)}
        a_ref, a_run = events(os.path.join(ref, "events.csv")), events(os.path.join(work, "events.csv"))
        def same_event(r, g):
            if g is None or g["status"] != r["status"]:
                return False
            if not r["E_saddle_eV"] or not g["E_saddle_eV"]:
                return r["E_saddle_eV"] == g["E_saddle_eV"]
            return abs(float(g["E_saddle_eV"]) - float(r["E_saddle_eV"])) <= ART_SADDLE_EV
        differ = [i for i, r in a_ref.items() if not same_event(r, a_run.get(i))]
        numbers["art"] = {"events": len(a_ref), "differ": differ,
                          "cpu_status": [a_ref[i]["status"] for i in sorted(a_ref)],
                          "run_status": [a_run[i]["status"] for i in sorted(a_run)]}
        check("ART batch", len(a_run) == len(a_ref) and len(differ) <= ART_MAY_DIFFER,
              f"{len(a_ref) - len(differ)} of {len(a_ref)} searches the same (status, saddle within {ART_SADDLE_EV:g} eV)")

    # 5. Throughput (reported, never a failure).
    bench = {}
    for size in ("500", "4000"):
        path = os.path.join(out, f"bench{size}.json")
        if os.path.exists(path):
            bench[size] = [{k: r[k] for k in ("step", "replicas", "atoms", "atom_steps_per_s", "ratio_to_first")}
                           for r in json.load(open(path))["runs"]]
    numbers["throughput"] = bench
    numbers["sweep_slice"] = facts.get("sweep")

    failed = [c for c in checks if not c["passed"]]
    numbers["checks"] = checks
    numbers["verdict"] = "PASSED" if not failed else "FAILED"
    with open(os.path.join(out, "gpu_check.json"), "w") as f:
        json.dump(numbers, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "verdict.md"), "w") as f:
        f.write(f"# GPU check: {numbers['verdict']}\n\n")
        f.write(f"{facts.get('device', '?')}; {facts.get('version', '?')}\n\n")
        f.write("| check | result | detail |\n| --- | --- | --- |\n")
        for c in checks:
            f.write(f"| {c['check']} | {'pass' if c['passed'] else '**FAIL**'} | {c['detail']} |\n")
        f.write("\n## Trajectory divergence (max |dx|, A)\n\n| ensemble | steps | this run vs CPU | CPU kicked vs CPU |\n"
                "| --- | --- | --- | --- |\n")
        for ens, rows in traj.items():
            for r in rows:
                f.write(f"| {ens} | {r['steps']} | {r['max_dx_A']:.2e} | {r['kicked_max_dx_A']:.2e} |\n")
        f.write("\n## Throughput (atom-steps/s, aggregate over replicas)\n\n| atoms | step | R | atom-steps/s | x R=1 |\n"
                "| --- | --- | --- | --- | --- |\n")
        for size, runs in bench.items():
            for r in runs:
                f.write(f"| {size} | {r['step']} | {r['replicas']} | {r['atom_steps_per_s']:.3e} | {r['ratio_to_first']:.2f} |\n")
        s = facts.get("sweep")
        if s:
            f.write(f"\n## Slice of real work\n\nstandard temperature sweep, {s['replicas']} replicas, {s['seconds']} s: "
                    f"{s['samples']} samples finished = {s['samples_per_hour']:.0f} samples/h ({s['note']})\n")
    print(open(os.path.join(out, "verdict.md")).read())
    return 0 if not failed else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
