#!/usr/bin/env python3
"""LAMMPS NEB as an independent oracle for ART saddles (issue 34).

For a sample of an ART campaign's distinct verified events, spread over their
dQ range, runs climbing-image NEB in LAMMPS (`neb`, REPLICA package, one
partition per image under mpirun) between ART's initial and final minima,
and compares the NEB barrier with ART's dQ:

  agree       |NEB - ART| <= 0.01 eV: the same saddle;
  lower       NEB below ART by more than 0.05 eV: a min-mode search ended on
              a higher saddle than the lowest between the two minima, and a
              comparison with WT-MetaD (which crosses the lowest) uses NEB's;
  near        NEB below ART by 0.01-0.05 eV;
  higher      NEB above ART by more than 0.01 eV (the band missed the ART
              saddle: another path, or an intermediate minimum);
  not_converged  the band's largest force stayed above --ftol;
  below_start    the highest image lies below the first: the band slid into
                 other minima (soft spots elsewhere), no barrier to compare.

The band starts on the straight line between the two minima (minimum-image
displacements), so it does not know where ART's saddle is. Energies are
LAMMPS's own (pair_style eam/fs or eam/alloy as the campaign's art.json
names the potential), relative to the first image: the minimum ART's dQ is
measured from (minima/back_<id>.data when the campaign wrote one, else
initial_minimum.data).

Selection (fixed before any run): the distinct verified events (summary.json
classes.all.ids, or every verified event if there is no summary) sorted by
dQ, and `--events` of them at evenly spaced ranks, lowest and highest
included.

Writes neb_check.csv (one row per event) and neb_check.json (the rule, the
counts, provenance) into the campaign folder, or --out.

  neb_check.py ART_DIR [--events 12 | --ids I,J] [--images 9] [--lmp lmp] [--out DIR]
"""
import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

AGREE_EV = 0.01
LOWER_EV = 0.05


def read_data(path):
    """(ids in file order, {id: unwrapped xyz}, box lengths) of a LAMMPS data file (atom_style atomic)."""
    with open(path) as f:
        lines = f.read().splitlines()
    box = [0.0, 0.0, 0.0]
    n_atoms = None
    for line in lines[1:]:
        t = line.split()
        if len(t) >= 2 and t[1] == "atoms":
            n_atoms = int(t[0])
        for d, tag in enumerate(("xlo", "ylo", "zlo")):
            if len(t) >= 4 and t[2] == tag:
                box[d] = float(t[1]) - float(t[0])
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("Atoms"))
    except StopIteration:
        sys.exit(f"{path}: no Atoms section")
    ids, pos = [], {}
    for line in lines[start + 1:]:
        t = line.split()
        if not t:
            if ids:
                break
            continue
        if len(t) not in (5, 8):
            sys.exit(f"{path}: expected 'id type x y z [ix iy iz]' in Atoms, got: {line}")
        i = int(t[0])
        img = [int(v) for v in t[5:8]] if len(t) == 8 else [0, 0, 0]
        pos[i] = [float(t[2 + d]) + img[d] * box[d] for d in range(3)]
        ids.append(i)
    if n_atoms is not None and len(ids) != n_atoms:
        sys.exit(f"{path}: {len(ids)} atoms in Atoms, header says {n_atoms}")
    return ids, pos, box


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pair_style_of(potential):
    return "eam/alloy" if potential.endswith(".eam.alloy") or potential.endswith(".setfl") else "eam/fs"


def choose(events, ids, n):
    """n events at evenly spaced ranks of dQ among the given ids."""
    chosen = sorted((r for r in events if int(r["id"]) in ids), key=lambda r: float(r["dQ_eV"]))
    if len(chosen) <= n:
        return chosen
    picks = sorted({round(k * (len(chosen) - 1) / (n - 1)) for k in range(n)})
    return [chosen[k] for k in picks]


def neb_table_last_row(log):
    """The last row of the universe log's table: Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR RDT ..."""
    last = None
    with open(log) as f:
        for line in f:
            t = line.split()
            if len(t) > 9:
                try:
                    last = [float(v) for v in t]
                except ValueError:
                    continue
    return last


def run_neb(art_dir, work, event, plan, images, lmp, ftol, steps):
    # The band starts where ART's barrier is measured from: the minimum the
    # saddle relaxes back to, written apart when a spot off the group settled
    # otherwise there (dQ = E_saddle - E_back), else the initial minimum.
    initial = os.path.join(art_dir, "minima", f"back_{event['id']}.data")
    if not os.path.exists(initial):
        initial = os.path.join(art_dir, "initial_minimum.data")
    final = os.path.join(art_dir, "minima", f"final_{event['id']}.data")
    ids, x0, box = read_data(initial)
    _, x1, _ = read_data(final)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for k in range(images):
        s = k / (images - 1)
        with open(os.path.join(work, f"coords.{k}"), "w") as f:
            f.write(f"{len(ids)}\n")
            for i in ids:
                d = [x1[i][c] - x0[i][c] for c in range(3)]
                d = [d[c] - box[c] * round(d[c] / box[c]) for c in range(3)]  # minimum image
                f.write(f"{i} " + " ".join(repr(x0[i][c] + s * d[c]) for c in range(3)) + "\n")
    params = plan["params"]
    potential = plan["potential_path"]
    with open(os.path.join(work, "in.neb"), "w") as f:
        f.write("units metal\natom_style atomic\natom_modify map array sort 0 0.0\nboundary p p p\n")
        f.write(f"read_data {os.path.abspath(initial)}\n")
        f.write(f"pair_style {pair_style_of(potential)}\npair_coeff * * {potential} {' '.join(params['elements'])}\n")
        f.write("neighbor 1.0 bin\nvariable i equal part\ntimestep 0.002\n")
        # Spring 5 eV/A^2 along the ideal (equal-spacing) band; quickmin, the
        # damped dynamics LAMMPS's NEB requires; climbing image in stage 2.
        f.write("fix 1 all neb 5.0 parallel ideal\nmin_style quickmin\n")
        f.write(f"neb 0.0 {ftol} {steps} {steps} 100 each coords.$i\n")
    cmd = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", str(images), lmp, "-partition", f"{images}x1",
           "-in", "in.neb", "-log", "log.lammps", "-screen", "none"]
    t0 = time.time()
    env = dict(os.environ, OMP_NUM_THREADS="1")
    done = subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.time() - t0
    if done.returncode != 0:
        sys.exit(f"{work}: LAMMPS NEB failed ({done.returncode}): {done.stdout[-2000:]}")
    last = neb_table_last_row(os.path.join(work, "log.lammps"))
    if last is None:
        sys.exit(f"{work}/log.lammps: no NEB table")
    return {"neb_dQ_eV": last[6], "max_replica_force_eV_A": last[1], "iterations": int(last[0]), "wall_s": wall,
            "converged": last[1] <= ftol}


def verdict(art, neb, converged=True):
    if not converged:
        return "not_converged"
    if neb < 0:
        return "below_start"  # every image fell below the first: the band went into other minima, not over a barrier
    diff = neb - art
    if abs(diff) <= AGREE_EV:
        return "agree"
    if diff < -LOWER_EV:
        return "lower"
    if diff < 0:
        return "near"
    return "higher"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("art_dir")
    ap.add_argument("--events", type=int, default=12)
    ap.add_argument("--images", type=int, default=9)
    ap.add_argument("--lmp", default=shutil.which("lmp") or "lmp")
    ap.add_argument("--ftol", type=float, default=0.005, help="NEB force tolerance (eV/A); the barrier is then exact to ~f^2/|lambda|")
    ap.add_argument("--steps", type=int, default=3000, help="iterations of each NEB stage")
    ap.add_argument("--potential", default=None, help="the potential file, where art.json's path (relative to the run's "
                    "working directory) does not resolve from here")
    ap.add_argument("--ids", default=None, help="comma-separated event ids to check instead of the selection rule")
    ap.add_argument("--out", default=None)
    ap.add_argument("--reclassify", action="store_true",
                    help="recompute the verdicts of an existing neb_check.json by this script's rule (no LAMMPS run)")
    a = ap.parse_args()
    if a.events < 2 or a.images < 3:
        sys.exit("--events must be >= 2 and --images >= 3")
    art_dir = a.art_dir
    out = a.out or art_dir
    plan_path = os.path.join(art_dir, "art.json")
    if not os.path.exists(plan_path):
        sys.exit(f"{art_dir}: no art.json (not an ART campaign folder)")
    with open(plan_path) as f:
        plan = json.load(f)
    plan["potential_path"] = os.path.abspath(a.potential or plan["params"]["potential"])
    if not os.path.exists(plan["potential_path"]):
        sys.exit(f"{plan_path}: potential {plan['params']['potential']} not found from here: pass --potential")
    with open(os.path.join(art_dir, "events.csv")) as f:
        events = [r for r in csv.DictReader(f) if r["status"] == "verified"]
    summary_path = os.path.join(art_dir, "summary.json")
    ids = {int(r["id"]) for r in events}
    if os.path.exists(summary_path):
        with open(summary_path) as f:
            summary = json.load(f)
        if "classes" in summary:
            ids = set(summary["classes"]["all"]["ids"])
    metad_ids = set()
    if os.path.exists(summary_path) and "metad_class" in summary:
        metad_ids = set(summary["metad_class"]["ids"])
    if a.reclassify:
        with open(os.path.join(out, "neb_check.json")) as f:
            old = json.load(f)
        rows = old["events"]
        for r in rows:
            r["verdict"] = verdict(r["art_dQ_eV"], r["neb_dQ_eV"], r["neb_converged"])
        for k in ("images", "ftol_eV_A", "steps_per_stage"):
            setattr(a, {"images": "images", "ftol_eV_A": "ftol", "steps_per_stage": "steps"}[k], old["rule"][k])
        write_outputs(out, rows, a, plan)
        return 0
    if a.ids:
        wanted = {int(i) for i in a.ids.split(",")}
        picked = [r for r in events if int(r["id"]) in wanted]
        if len(picked) != len(wanted):
            sys.exit(f"{art_dir}: --ids {a.ids}: not all are verified events")
    else:
        picked = choose(events, ids, a.events)
    if not picked:
        sys.exit(f"{art_dir}: no verified events to check")
    rows = []
    for r in picked:
        work = os.path.join(out, "neb", f"event_{r['id']}")
        res = run_neb(art_dir, work, r, plan, a.images, a.lmp, a.ftol, a.steps)
        art_dq = float(r["dQ_eV"])
        row = {"id": int(r["id"]), "art_dQ_eV": art_dq, "neb_dQ_eV": res["neb_dQ_eV"],
               "neb_minus_art_eV": res["neb_dQ_eV"] - art_dq,
               "verdict": verdict(art_dq, res["neb_dQ_eV"], res["converged"]),
               "metad_class": int(r["id"]) in metad_ids, "neb_converged": res["converged"],
               "max_replica_force_eV_A": res["max_replica_force_eV_A"], "iterations": res["iterations"],
               "wall_s": round(res["wall_s"], 2)}
        rows.append(row)
        print(f"[neb] event {row['id']}: ART {art_dq:.4f} eV, NEB {row['neb_dQ_eV']:.4f} eV ({row['verdict']}, "
              f"{row['iterations']} iterations, {row['wall_s']} s)", flush=True)
    write_outputs(out, rows, a, plan)
    bad = [r for r in rows if r["verdict"] in ("higher", "not_converged", "below_start")]
    return 1 if bad else 0


def write_outputs(out, rows, a, plan):
    """neb_check.csv and neb_check.json: the rule, the counts, each event, provenance."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "neb_check.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in ("agree", "near", "lower", "higher", "not_converged", "below_start")}
    # The json last and whole (written aside, then renamed): `betarelax
    # reproduce` takes an existing neb_check.json for a finished check.
    tmp = os.path.join(out, "neb_check.json.tmp")
    with open(tmp, "w") as f:
        json.dump({"rule": {"agree_eV": AGREE_EV, "lower_eV": LOWER_EV, "images": a.images, "ftol_eV_A": a.ftol,
                            "steps_per_stage": a.steps, "band": "straight line between the minima (minimum image)",
                            "selection": "distinct verified events sorted by dQ, evenly spaced ranks"},
                   "counts": counts, "events": rows,
                   "potential": {"path": plan["params"]["potential"], "sha256": sha256(plan["potential_path"])},
                   "lammps": a.lmp, "campaign_provenance": plan.get("provenance", {})}, f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(out, "neb_check.json"))
    print(f"[neb] {len(rows)} events: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    # (Exit status, in main: 0 when every event agrees or NEB found a lower
    # path, a result; 1 when a band did not converge, came out above ART's
    # saddle or below its start, where the check says nothing about that event.)


if __name__ == "__main__":
    sys.exit(main())
