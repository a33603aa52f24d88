"""Whole-process timings of `regsim multipliers` beside pymrio on the same tables, in one run.

    /usr/bin/python3 bench/compare_pymrio.py --regsim build/release/regsim \
        --make-table build/bench/bench/make_bench_table --sizes 2000 8000 --runs 5 [--pymrio DIR]

For each size it writes a random productive table (bench/random_table.hpp) with make_bench_table,
converts it with `regsim convert-table` to HDF5 and to pymrio's text format, and times, each run
as its own process (wall seconds around it, and its peak resident memory as the kernel counts it):

- regsim multipliers on the CSV files and on the HDF5 table (Type I: output, value-added,
  income, employment and CO2 multipliers);
- pymrio reading its text format (pymrio.load_all) or the HDF5 table (h5py into pandas, the
  binary input), then calc_system (x, A and L = (I - A)^-1) and M = S L for both extensions.

Commands run in turn (regsim, pymrio, regsim, …) so that a drift in the machine's speed touches
both; pymrio's numpy runs on the OpenBLAS kernels regsim chooses for the CPU (OPENBLAS_CORETYPE). Prints one Markdown row per size and input: the median and range of the runs. pymrio is
used when it is importable, from --pymrio (a checkout's folder holding the `pymrio` package) or
the interpreter's path; Debian's python3-numpy, -pandas and -requests run it.
"""

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

PYMRIO_JOB = r"""
import sys
import numpy as np
import pandas as pd
import pymrio
from pymrio.tools import iomath

kind, path = sys.argv[1], sys.argv[2]
if kind == "txt":
    io = pymrio.load_all(path)
else:
    import h5py
    with h5py.File(path) as f:
        codes = f["sector"].asstr()[()]
        index = pd.MultiIndex.from_arrays([["region"] * len(codes), codes], names=["region", "sector"])
        categories = pd.MultiIndex.from_arrays([["region"] * 5, f["final_demand"].asstr()[()]],
                                               names=["region", "category"])
        factors = np.vstack([f["V"][()], f["imported_inputs"][()][None, :]])
        factor_names = list(f["value_added"].asstr()[()]) + ["imports"]
        io = pymrio.IOSystem(Z=pd.DataFrame(f["Z"][()], index=index, columns=index),
                             Y=pd.DataFrame(f["Y"][()], index=index, columns=categories))
        io.factor_inputs = pymrio.Extension("factor_inputs", F=pd.DataFrame(factors, index=factor_names, columns=index))
        if "F" in f:
            io.satellites = pymrio.Extension("satellites", F=pd.DataFrame(f["F"][()], index=f["account"].asstr()[()],
                                                                            columns=index))
io.calc_system()
for extension in io.get_extensions(data=True):
    extension.S = iomath.calc_S(extension.F, io.x)
    extension.M = iomath.calc_M(extension.S, io.L)
print(float(io.factor_inputs.M.values.sum()))
"""


def timed(command, env=None):
    """Wall seconds and peak resident memory (MiB) of one run of `command`: the clock around the
    child, and the kernel's own accounting of it (wait4's ru_maxrss, what /usr/bin/time -v shows)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    error = child.stderr.read().decode()
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(map(str, command))}\n{error}")
    return wall, usage.ru_maxrss / 1024


def describe(values, unit, digits):
    median = statistics.median(values)
    return f"{median:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def prepare(regsim, make_table, n, folder):
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "scenario.yaml").exists():
        subprocess.run([make_table, str(n), str(folder)], check=True)
    if not (folder / "economy.h5").exists():
        subprocess.run([regsim, "convert-table", folder / "scenario.yaml", folder / "economy.h5"], check=True,
                       stdout=subprocess.DEVNULL)
    if not (folder / "pymrio" / "Z.txt").exists():
        subprocess.run([regsim, "convert-table", folder / "scenario.yaml", folder / "pymrio", "--to", "pymrio"],
                       check=True, stdout=subprocess.DEVNULL)
    (folder / "hdf5.yaml").write_text("regsim: 1\nname: bench-hdf5\n"
                                      "time: {start: 2024-01-01, end: 2024-12-31, report: monthly}\n"
                                      "economy:\n  table: economy.h5\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regsim", required=True)
    parser.add_argument("--make-table", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pymrio", help="folder holding the pymrio package (a checkout)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "regsim-pymrio-bench"))
    args = parser.parse_args()

    env = dict(os.environ)
    # numpy's OpenBLAS gets the kernels regsim chooses for this CPU (iomodel/blas_kernels.hpp), so
    # both run the same BLAS: Debian's OpenBLAS 0.3.21 would take a new Xeon for a Prescott.
    if "OPENBLAS_CORETYPE" not in env:
        flags = pathlib.Path("/proc/cpuinfo").read_text().split("\nflags", 1)[-1].split("\n", 1)[0].split()
        if {"avx512f", "avx512bw", "avx512dq", "avx512vl"} <= set(flags):
            env["OPENBLAS_CORETYPE"] = "SkylakeX"
        elif {"avx2", "fma"} <= set(flags):
            env["OPENBLAS_CORETYPE"] = "Haswell"
    if args.pymrio:
        env["PYTHONPATH"] = args.pymrio + os.pathsep + env.get("PYTHONPATH", "")
    has_pymrio = subprocess.run([sys.executable, "-c", "import pymrio"], env=env,
                                capture_output=True).returncode == 0
    if not has_pymrio:
        print("pymrio is not importable: timing regsim alone (--pymrio names a checkout)", file=sys.stderr)

    print("| sectors | input | regsim multipliers | regsim peak | pymrio | pymrio peak | regsim / pymrio |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        folder = pathlib.Path(args.work) / f"n{n}"
        prepare(args.regsim, args.make_table, n, folder)
        cases = [("CSV / pymrio text", folder / "scenario.yaml", "txt", folder / "pymrio"),
                 ("HDF5 / binary", folder / "hdf5.yaml", "h5", folder / "economy.h5")]
        for label, scenario, kind, pymrio_input in cases:
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed([args.regsim, "multipliers", str(scenario), "--format", "csv"]))
                if has_pymrio:
                    theirs.append(timed([sys.executable, "-c", PYMRIO_JOB, kind, str(pymrio_input)], env=env))
            row = [str(n), label, describe([t for t, _ in ours], "s", 3), describe([m for _, m in ours], "MiB", 0)]
            if theirs:
                ratios = [a / b for (a, _), (b, _) in zip(ours, theirs)]
                row += [describe([t for t, _ in theirs], "s", 3), describe([m for _, m in theirs], "MiB", 0),
                        f"{statistics.median(ratios):.3f}"]
            else:
                row += ["", "", ""]
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
