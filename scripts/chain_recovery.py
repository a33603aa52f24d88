#!/usr/bin/env python3
"""How a shock hits each industry chain and how long the chain takes to recover, from two ARIO run
files of the same scenario family (with and without the shock).

    /usr/bin/python3 scripts/chain_recovery.py REFERENCE.h5 SHOCKED.h5 --from 2024-10-03 [--within 0.001]

For each chain of SHOCKED.h5: the deepest fall of its members' daily production against the
reference run, the day it happens, and the first day from which it stays within `within` (relative)
of the reference for 30 days, and its bottleneck inputs: the products that bound its members'
production after the shock on days it fell below the reference run and was not so bound there
(from /dynamics/limiting_input), with the member-days each bound.
Days count from --from.
"""
import argparse

import h5py
import numpy as np


def labels(dataset):
    return [v.decode() if isinstance(v, bytes) else v for v in dataset[:]]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference")
    parser.add_argument("shocked")
    parser.add_argument("--from", dest="start", required=True, help="the shock's date (YYYY-MM-DD)")
    parser.add_argument("--within", type=float, default=1e-3)
    args = parser.parse_args()
    with h5py.File(args.reference, "r") as ref, h5py.File(args.shocked, "r") as run:
        if "dynamics" not in ref or "dynamics" not in run:
            parser.error("both files must come from ARIO runs (dynamics.model: ario)")
        first = np.datetime64(run.attrs["start"])
        shock = int((np.datetime64(args.start) - first).astype(int))
        sectors = labels(run["dynamics/sector"])
        products = labels(run["dynamics/product"])
        base, hit = ref["dynamics/production"][:], run["dynamics/production"][:]
        limiting = run["dynamics/limiting_input"][:]
        limiting_before = ref["dynamics/limiting_input"][:]
        print(f"{'chain':20s} {'deepest fall':>13s} {'on day':>7s} {'back within':>12s}  bottleneck inputs (member-days)")
        for chain in labels(run["chains/chain"]):
            members = [sectors.index(m) for m in labels(run[f"chains/{chain}/member"])]
            relative = hit[:, members].sum(axis=1) / base[:, members].sum(axis=1) - 1.0
            after = relative[shock:]
            trough = int(np.argmin(after))
            back = next((t for t in range(trough, len(after))
                         if np.all(np.abs(after[t:t + 30]) < args.within)), None)
            fell = hit[shock:, members] < base[shock:, members] * (1.0 - args.within)
            new = limiting[shock:, members] != limiting_before[shock:, members]
            bound = np.where(fell & new, limiting[shock:, members], -1)
            counts = {products[p]: int((bound == p).sum()) for p in np.unique(bound[bound >= 0])}
            bottlenecks = ", ".join(f"{p} {n}" for p, n in sorted(counts.items(), key=lambda kv: -kv[1])[:3])
            print(f"{chain:20s} {after[trough] * 100:+12.2f} % {trough:7d} "
                  f"{(str(back) + ' days') if back is not None else 'not in horizon':>12s}  {bottlenecks or 'none'}")


if __name__ == "__main__":
    main()
