"""Background of the cross-talk measurement (reference-data/runs/crosstalk-2026-12-01/README.md).

Unbiased NVT at 300 K of the crosstalk glass (LAMMPS: md.in, seed 11), quenched every 5 ps
(q.in: FIRE to 1e-3 eV/A), then:
  python3 bg.py results/crosstalk/site_crosstalk/campaign.json 11
prints each site's group RMSD (Horn/Kabsch-aligned, as betarelax's RMSD CV) between the
inherent structure at 0 and at t; `bg.py --field 11` prints the mean atom displacement between
consecutive inherent structures against the distance from the nearest atom that moved > 1 A.
"""
import json, math, sys, glob, os
def read_data(p):
    L = open(p).read().split('\n'); box = []; atoms = {}
    for i, l in enumerate(L):
        if 'xlo xhi' in l or 'ylo yhi' in l or 'zlo zhi' in l:
            a, b = map(float, l.split()[:2]); box.append(b - a)
        if l.startswith('Atoms'):
            j = i + 2
            while j < len(L) and L[j].strip():
                f = L[j].split(); idx = int(f[0]); x = list(map(float, f[2:5]))
                im = list(map(int, f[5:8])) if len(f) >= 8 else [0, 0, 0]
                atoms[idx] = [x[d] + im[d] * box[d] for d in range(3)]
                j += 1
            break
    return box, atoms
def min_image(d, L): return d - L * round(d / L)
def rmsd(cur, ref):
    m = len(ref)
    cu = [sum(p[d] for p in cur) / m for d in range(3)]; cr = [sum(p[d] for p in ref) / m for d in range(3)]
    U = [[p[d] - cu[d] for d in range(3)] for p in cur]; R = [[p[d] - cr[d] for d in range(3)] for p in ref]
    c = [[sum(U[i][a] * R[i][b] for i in range(m)) for b in range(3)] for a in range(3)]
    K = [[c[0][0]+c[1][1]+c[2][2], c[1][2]-c[2][1], c[2][0]-c[0][2], c[0][1]-c[1][0]],
         [c[1][2]-c[2][1], c[0][0]-c[1][1]-c[2][2], c[0][1]+c[1][0], c[2][0]+c[0][2]],
         [c[2][0]-c[0][2], c[0][1]+c[1][0], -c[0][0]+c[1][1]-c[2][2], c[1][2]+c[2][1]],
         [c[0][1]-c[1][0], c[2][0]+c[0][2], c[1][2]+c[2][1], -c[0][0]-c[1][1]+c[2][2]]]
    nu = sum(x * x for p in U for x in p); nr = sum(x * x for p in R for x in p)
    s = math.sqrt(nu * nr) + 1e-12
    v = [1.0, 0.1, 0.1, 0.1]
    for _ in range(3000):
        w = [sum((K[i][j] + (s if i == j else 0)) * v[j] for j in range(4)) for i in range(4)]
        n = math.sqrt(sum(x * x for x in w)); v = [x / n for x in w]
    lam = sum(v[i] * sum(K[i][j] * v[j] for j in range(4)) for i in range(4))
    return math.sqrt(max(0.0, (nu + nr - 2 * lam) / m))
def group_rmsd(a, b, box, ids):
    ref0 = a[ids[0]]
    ref = [[ref0[d] + min_image(a[i][d] - ref0[d], box[d]) for d in range(3)] for i in ids]
    cur = [[ref[k][d] + min_image(b[i][d] - ref[k][d], box[d]) for d in range(3)] for k, i in enumerate(ids)]
    return rmsd(cur, ref)
def field(seed, core_cut=1.0):
    """Mean displacement of atoms vs distance from the nearest atom that moved > core_cut, between consecutive IS."""
    files = sorted(glob.glob('./is_%s_*.data' % seed), key=lambda p: int(p.split('_')[-1].split('.')[0]))
    bins = {}
    for f0, f1 in zip(files, files[1:]):
        box, a = read_data(f0); _, b = read_data(f1)
        disp = {i: math.sqrt(sum(min_image(b[i][d] - a[i][d], box[d]) ** 2 for d in range(3))) for i in a}
        core = [i for i in a if disp[i] > core_cut]
        if not core: continue
        for i in a:
            if disp[i] > core_cut: continue
            r = min(math.sqrt(sum(min_image(a[i][d] - a[c][d], box[d]) ** 2 for d in range(3))) for c in core)
            k = int(r // 2)
            bins.setdefault(k, []).append(disp[i])
        print(seed, os.path.basename(f1), 'core atoms', len(core))
    for k in sorted(bins):
        v = bins[k]; print('  r %4.0f-%-4.0f A: mean |u| %.4f A  (n=%d)' % (2 * k, 2 * k + 2, sum(v) / len(v), len(v)))


if __name__ == "__main__":
    if sys.argv[1] == "--field":
        field(sys.argv[2])
        sys.exit()
    camp = json.load(open(sys.argv[1]))
    groups = {g['site']: g['ids'] for g in camp['groups']}
    for seed in sys.argv[2:]:
        files = sorted(glob.glob('./is_%s_*.data' % seed), key=lambda p: int(p.split('_')[-1].split('.')[0]))
        if len(files) < 2: continue  # run md.in and q.in first (see the README)
        box, a0 = read_data(files[0])
        for f in files[1:]:
            _, a = read_data(f); step = int(f.split('_')[-1].split('.')[0])
            print(seed, '%5.1f ps' % (step * 0.002), ' '.join('%.3f' % group_rmsd(a0, a, box, groups[k]) for k in sorted(groups)))
