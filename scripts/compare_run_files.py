"""Compares the run files two regsim binaries write for every shipped scenario, bit for bit: every
dataset's values, type and shape and every attribute, but for `created` and the dimension-scale
bookkeeping (object addresses). A refactoring must leave them identical.

    /usr/bin/python3 scripts/compare_run_files.py OLD_REGSIM NEW_REGSIM
"""
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[1]
old, new = (str(pathlib.Path(p).resolve()) for p in sys.argv[1:3])
scen = sorted(str(p.relative_to(SOURCE_DIR)) for p in (SOURCE_DIR / 'scenarios').rglob('*.yaml')
              if 'scenarios/data' not in str(p))
d = tempfile.mkdtemp()
def canon(x):
    a = np.asarray(x)
    if a.dtype.kind == 'O':
        if a.size and isinstance(a.ravel()[0], h5py.Reference): return b'ref'
        return repr([v.decode() if isinstance(v, bytes) else str(v) for v in a.ravel()]).encode()
    return a.dtype.str.encode() + repr(a.shape).encode() + a.tobytes()
def load(p):
    items = {}
    with h5py.File(p) as f:
        def v(name, obj):
            for k in obj.attrs:
                if not (name == '/' and k == 'created') and k not in ('REFERENCE_LIST', 'DIMENSION_LIST'): items[f'{name}@{k}'] = canon(obj.attrs[k])
            if isinstance(obj, h5py.Dataset): items[name] = canon(obj[()])
        v('/', f); f.visititems(v)
    return items
bad = 0
for s in scen:
    files = []
    for tag, b in (('o', old), ('n', new)):
        out = f"{d}/{tag}.h5"
        subprocess.run([b, 'run', s, '-o', out, '-q'], check=True, cwd=SOURCE_DIR)
        files.append(load(out))
    a, b = files
    diffs = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    print(s, 'identical' if not diffs else f'DIFF {diffs[:5]}')
    bad += bool(diffs)
sys.exit(bad)
