#!/usr/bin/env python3
"""Damages copies of a run file and counts how `regsim info` and `regsim compare` take them.

    /usr/bin/python3 scripts/damaged_run_files.py REGSIM_BIN [--copies N] [--file RUN.h5]

Without --file it writes the Miller & Blair projects run with REGSIM_BIN. Each copy has 8 random
bytes changed, or every fifth is cut short (seed 11). Prints how many reads ended `ok` (exit 0),
with an input error (exit 3) or otherwise; a crash (a signal) is listed with the copy's number.
"""
import argparse
import collections
import pathlib
import random
import shutil
import subprocess
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("regsim")
parser.add_argument("--copies", type=int, default=400)
parser.add_argument("--file", type=pathlib.Path)
args = parser.parse_args()

with tempfile.TemporaryDirectory() as folder:
    folder = pathlib.Path(folder)
    base = folder / "base.h5"
    if args.file:
        shutil.copy(args.file, base)
    else:
        subprocess.run([args.regsim, "run", "scenarios/examples/miller-blair-projects.yaml", "-o", base, "-q"],
                       check=True)
    original = base.read_bytes()
    chooser = random.Random(11)
    outcomes = collections.Counter()
    crashes = []
    for copy in range(args.copies):
        damaged = bytearray(original)
        if copy % 5 == 4:
            damaged = damaged[:chooser.randrange(len(damaged))]
        else:
            for _ in range(8):
                damaged[chooser.randrange(len(damaged))] = chooser.randrange(256)
        path = folder / f"damaged-{copy}.h5"
        path.write_bytes(bytes(damaged))
        for command in (["info", path], ["compare", path, base]):
            done = subprocess.run([args.regsim, *map(str, command)], capture_output=True, text=True, timeout=120)
            if done.returncode < 0 or done.returncode >= 128 or "internal error" in done.stderr:
                outcome = "crash"
                crashes.append((copy, command[0], done.returncode))
            else:
                outcome = {0: "ok", 3: "input error"}.get(done.returncode, f"exit {done.returncode}")
            outcomes[outcome] += 1
    print(", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items())))
    for crash in crashes:
        print("crash:", *crash)
