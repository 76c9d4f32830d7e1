#!/usr/bin/env python3
"""Tests of ci/gpu_compare.py's rules on small made-up outputs whose verdict is
known: identical outputs pass, and each kind of wrong output fails its own
check (and only that one). Run by ctest (label cli); standard library only."""
import contextlib
import copy
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpu_compare  # noqa: E402


def data_file(positions, box=10.0):
    lines = ["made up", "", f"{len(positions)} atoms", "1 atom types", ""]
    lines += [f"0 {box} {a}lo {a}hi" for a in "xyz"]
    lines += ["", "Atoms # atomic", ""]
    lines += [f"{i + 1} 1 {x!r} {y!r} {z!r} 0 0 0" for i, (x, y, z) in enumerate(positions)]
    return "\n".join(lines) + "\n"


BASE = [(1.0, 2.0, 3.0), (4.0, 5.0, 6.0), (7.0, 8.0, 9.0)]


def outputs():
    """File name -> text of a reference folder; the run's starts as a copy."""
    files = {
        "energy4000.json": json.dumps({"energy_eV": -12.5, "virial_eV": [3.0, 2.5, 2.0, 0.1, -0.2, 0.05]}),
        "forces4000.csv": "id,fx,fy,fz,pe\n1,0.5,-0.25,1.0,-4.1\n2,-0.5,0.25,-1.0,-4.2\n3,0.0,0.0,0.0,-4.3\n",
        "HILLS": "#! FIELDS time rmsd sigma_rmsd height biasf\n"
                 + "".join(f"{0.1 * (k + 1):.1f} {0.2 + 0.01 * k:.10f} 0.219 0.1 31\n" for k in range(40)),
        "events.csv": "id,status,E_saddle_eV\n" + "".join(
            f"{k},{'verified' if k % 2 else 'not_connected'},{-2428.0 + 0.1 * k!r}\n" for k in range(6)),
    }
    for ens in ("nve", "nvt"):
        for n in gpu_compare.STEPS:
            files[f"{ens}_{n}.data"] = data_file(BASE)
    return files


def kicked_reference(files):
    ref = dict(files)
    for ens in ("nve", "nvt"):
        for n in gpu_compare.STEPS:
            moved = [(BASE[0][0] + 1e-12, BASE[0][1], BASE[0][2])] + BASE[1:]
            ref[f"{ens}_{n}_kicked.data"] = data_file(moved)
    hills = files["HILLS"].splitlines(keepends=True)
    ref["HILLS_kicked"] = "".join(hills[:21] + [h.replace(" 0.219 ", " 0.220 ") for h in hills[21:]])  # parts at hill 20
    return ref


FACTS = {"device": "made up", "version": "test", "core_tests_rc": 0, "core_tests_summary": "",
         "energy_repeat_identical": True, "nvt_repeat_identical": True, "sweep": None}


def verdict(run_files, facts=FACTS):
    """Runs the comparison; returns (exit code, names of the failed checks)."""
    with tempfile.TemporaryDirectory() as top:
        ref, work, out = (os.path.join(top, d) for d in ("ref", "work", "out"))
        for d in (ref, work, out):
            os.makedirs(d)
        for name, text in kicked_reference(outputs()).items():
            open(os.path.join(ref, name), "w").write(text)
        for name, text in run_files.items():
            open(os.path.join(work, name), "w").write(text)
        open(os.path.join(work, "run_facts.json"), "w").write(json.dumps(facts))
        with contextlib.redirect_stdout(io.StringIO()):
            rc = gpu_compare.main(ref, work, out)
        result = json.load(open(os.path.join(out, "gpu_check.json")))
        return rc, [c["check"] for c in result["checks"] if not c["passed"]]


def expect(name, got, rc, failed):
    if got != (rc, failed):
        print(f"FAIL {name}: expected exit {rc} and failed checks {failed}, got {got}")
        return False
    print(f"ok   {name}")
    return True


def main():
    same = outputs()
    cases = [("identical outputs pass", same, FACTS, 0, [])]

    forces = dict(same)
    forces["forces4000.csv"] = same["forces4000.csv"].replace("1,0.5,-0.25", "1,0.50000001,-0.25")  # 1e-8 of max |F|
    cases.append(("a force off by 1e-8 of the largest fails", forces, FACTS, 1, ["forces, 4000 atoms"]))

    virial = dict(same)
    virial["energy4000.json"] = json.dumps({"energy_eV": -12.5, "virial_eV": [3.0, 2.5, 2.0, 0.1, -0.2001, 0.05]})
    cases.append(("a wrong off-diagonal virial fails", virial, FACTS, 1, ["virial, 4000 atoms"]))

    step1 = dict(same)
    step1["nvt_1.data"] = data_file([(1.0, 2.0 + 1e-10, 3.0)] + BASE[1:])  # 100x the kick after one step
    cases.append(("a trajectory off at step 1 fails", step1, FACTS, 1, ["NVT trajectory, step 1"]))

    late = dict(same)
    late["nve_1000.data"] = data_file([(1.5, 2.0, 3.0)] + BASE[1:])  # parted by step 1000: chaos, reported only
    cases.append(("trajectories that part by step 1000 pass", late, FACTS, 0, []))

    hills = dict(same)
    lines = same["HILLS"].splitlines(keepends=True)
    hills["HILLS"] = "".join(lines[:6] + [h.replace(" 0.1 31", " 0.1000001 31") for h in lines[6:]])  # parts at hill 5
    cases.append(("hills that part before half the kicked run's fail", hills, FACTS, 1, ["WT-MetaD hills"]))

    hills_late = dict(same)
    hills_late["HILLS"] = "".join(lines[:16] + [h.replace(" 0.1 31", " 0.1000001 31") for h in lines[16:]])  # hill 15
    cases.append(("hills that part after half the kicked run's pass", hills_late, FACTS, 0, []))

    art2 = dict(same)
    ev = same["events.csv"].splitlines(keepends=True)
    art2["events.csv"] = "".join(ev[:1] + [l.replace("verified", "no_saddle") for l in ev[1:]])  # 3 of 6 differ
    cases.append(("three ART searches that differ fail", art2, FACTS, 1, ["ART batch"]))

    art1 = dict(same)
    art1["events.csv"] = ev[0] + ev[1].replace("-2428.0", "-2427.9") + "".join(ev[2:])  # one saddle 0.1 eV off
    cases.append(("one ART search that differs passes", art1, FACTS, 0, []))

    repeat = copy.deepcopy(FACTS)
    repeat["nvt_repeat_identical"] = False
    cases.append(("a repeat that is not bit-identical fails", same, repeat, 1, ["NVT repeated"]))

    tests = copy.deepcopy(FACTS)
    tests["core_tests_rc"] = 1
    cases.append(("failed core tests fail", same, tests, 1, ["core tests"]))

    missing = {k: v for k, v in same.items() if k != "events.csv"}
    cases.append(("a missing output fails its own part only", missing, FACTS, 1, ["ART batch"]))

    crashed = copy.deepcopy(FACTS)
    crashed["failed_steps"] = "bench4000"
    cases.append(("a step that crashed fails", same, crashed, 1, ["steps"]))

    ok = all([expect(name, verdict(files, facts), rc, failed) for name, files, facts, rc, failed in cases])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
