"""Fingerprints of run files, for the test that every shipped scenario's run file stays the same.

A fingerprint lists every group, dataset and attribute of a file with its type and shape; strings
and integers are hashed exactly, floating-point values are summarised by three sums (plain,
absolute and position-weighted) compared with a relative tolerance, so a change of any value or of
its place shows, while the last-bit differences between BLAS kernels on two machines do not.

    /usr/bin/python3 tests/golden/fingerprint.py update   # rewrite tests/golden/*.json (review the diff)
    /usr/bin/python3 tests/golden/fingerprint.py check    # what the test does
Both need REGSIM_BIN (the regsim binary) and run from the source tree.
"""

import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
GOLDEN_DIR = SOURCE_DIR / "tests" / "golden"
# Attributes that differ between two runs of the same scenario by design.
VOLATILE_ATTRIBUTES = {("/", "created")}
RELATIVE_TOLERANCE = 1e-9


def shipped_scenarios():
    """Every scenario file under scenarios/ (scenarios/data holds tables and their recipes)."""
    scenarios = SOURCE_DIR / "scenarios"
    return sorted(str(p.relative_to(SOURCE_DIR)) for p in scenarios.rglob("*.yaml")
                  if (scenarios / "data") not in p.parents)


def golden_path(scenario):
    return GOLDEN_DIR / (scenario.replace("/", "__").removesuffix(".yaml") + ".json")


def _weights(size):
    # Position weights in [1, 2): a value moved to another place changes the weighted sum.
    return 1.0 + (np.arange(size, dtype=np.int64) * 7919 % 1013) / 1013.0


def value_fingerprint(value):
    array = np.asarray(value)
    entry = {"dtype": array.dtype.kind, "shape": list(array.shape)}
    if array.dtype.kind == "f":
        flat = array.astype(np.float64).ravel()
        finite = np.isfinite(flat)
        entry["nonfinite"] = int((~finite).sum())
        flat = np.where(finite, flat, 0.0)
        entry["sum"] = float(flat.sum())
        entry["abs"] = float(np.abs(flat).sum())
        entry["weighted"] = float((flat * _weights(flat.size)).sum())
    elif array.dtype.kind in "iub":
        entry["sha256"] = hashlib.sha256(array.astype(np.int64).tobytes()).hexdigest()[:16]
    elif array.dtype.kind == "O" and array.size and isinstance(array.ravel()[0], h5py.Reference):
        entry["dtype"] = "reference"
    else:
        texts = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in array.ravel()]
        entry["dtype"] = "text"
        entry["sha256"] = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]
    return entry


def file_fingerprint(path):
    objects = {}

    def attributes(name, obj):
        out = {}
        for key in sorted(obj.attrs.keys()):
            if (name, key) in VOLATILE_ATTRIBUTES:
                continue
            out[key] = value_fingerprint(obj.attrs[key])
        return out

    with h5py.File(path, "r") as f:
        objects["/"] = {"kind": "group", "attributes": attributes("/", f)}

        def visit(name, obj):
            entry = {"kind": "group" if isinstance(obj, h5py.Group) else "dataset",
                     "attributes": attributes("/" + name, obj)}
            if isinstance(obj, h5py.Dataset):
                entry["value"] = value_fingerprint(obj[()])
            objects["/" + name] = entry

        f.visititems(visit)
    return dict(sorted(objects.items()))


def run_scenario(regsim_bin, scenario, out_dir):
    out = pathlib.Path(out_dir) / (golden_path(scenario).stem + ".h5")
    subprocess.run([str(regsim_bin), "run", scenario, "-o", str(out), "--quiet"], cwd=SOURCE_DIR, check=True,
                   capture_output=True, timeout=300)
    return out


def _close(a, b, scale):
    return abs(a - b) <= RELATIVE_TOLERANCE * max(scale, 1e-300)


def differences(expected, actual):
    """What differs between two fingerprints, as readable lines (empty when they agree)."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            lines.append(f"{name}: missing")
            continue
        if name not in expected:
            lines.append(f"{name}: new")
            continue
        e, a = expected[name], actual[name]
        if e["kind"] != a["kind"]:
            lines.append(f"{name}: was a {e['kind']}, now a {a['kind']}")
        pairs = [(f"{name}@{k}", e["attributes"].get(k), a["attributes"].get(k))
                 for k in sorted(set(e["attributes"]) | set(a["attributes"]))]
        if "value" in e or "value" in a:
            pairs.append((name, e.get("value"), a.get("value")))
        for where, ev, av in pairs:
            if ev is None or av is None:
                lines.append(f"{where}: {'missing' if av is None else 'new'}")
            elif ev.keys() != av.keys() or any(ev[k] != av[k] for k in ("dtype", "shape", "sha256", "nonfinite")
                                                  if k in ev):
                lines.append(f"{where}: {ev} became {av}")
            elif "abs" in ev and not all(_close(ev[k], av[k], max(ev["abs"], av["abs"]))
                                         for k in ("sum", "abs", "weighted")):
                lines.append(f"{where}: values changed (sum {ev['sum']!r} became {av['sum']!r})")
    return lines


def to_json(fingerprint):
    """One object a line, so a reviewed diff names the objects that changed."""
    lines = [f"{json.dumps(name)}: {json.dumps(entry, sort_keys=True, separators=(',', ':'))}"
             for name, entry in fingerprint.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv):
    if len(argv) != 2 or argv[1] not in ("update", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    regsim_bin = os.environ.get("REGSIM_BIN")
    if not regsim_bin:
        print("set REGSIM_BIN to the regsim binary", file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory() as out_dir:
        for scenario in shipped_scenarios():
            actual = file_fingerprint(run_scenario(regsim_bin, scenario, out_dir))
            path = golden_path(scenario)
            if argv[1] == "update":
                path.write_text(to_json(actual), encoding="utf-8")
                print(f"wrote {path.relative_to(SOURCE_DIR)}")
                continue
            lines = differences(json.loads(path.read_text(encoding="utf-8")), actual)
            failed |= bool(lines)
            for line in lines:
                print(f"{scenario}: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
