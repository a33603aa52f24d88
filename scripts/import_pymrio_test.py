#!/usr/bin/env python3
"""Writes the pymrio test MRIO in regsim's table format (scenarios/examples/boario-quickstart/data).

Usage: import_pymrio_test.py PYMRIO_INPUT_FOLDER OUTPUT_FOLDER
PYMRIO_INPUT_FOLDER holds Z.csv, Y.csv, sectors.csv, final_demand_columns.csv and F_emissions.csv as
exported from pymrio.load_test() (../shared/peers/pymrio-test/input). Industries are written in
BoARIO's order (regions, then sectors, each sorted), numbers with Python's shortest round-trip form,
so the table holds exactly the doubles pymrio holds. Value added is the column residual
x - sum of Z (what BoARIO uses for productive capital): the test system's own "Value Added" row does
not balance its columns.
"""
import csv
import sys
from pathlib import Path

CATEGORY_LABELS = {
    "Final consumption expenditure by households": "HH",
    "Final consumption expenditure by non-profit organisations serving households (NPISH)": "NPISH",
    "Final consumption expenditure by government": "GOV",
    "Gross fixed capital formation": "GFCF",
    "Changes in inventories": "INV",
    "Changes in valuables": "VAL",
    "Export": "EXP",
}
SECTOR_NAMES = {
    "food": "Food", "mining": "Mining", "manufactoring": "Manufacturing (spelled manufactoring in pymrio)",
    "electricity": "Electricity", "construction": "Construction", "trade": "Trade", "transport": "Transport",
    "other": "Other",
}


def read_matrix(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    columns = rows[0][1:]
    return columns, {r[0]: [float(v) for v in r[1:]] for r in rows[1:]}


def main(source, target):
    source, target = Path(source), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    industries, z = read_matrix(source / "Z.csv")
    fd_columns, y = read_matrix(source / "Y.csv")
    order = sorted(industries, key=lambda code: tuple(code.split("/")))
    position = {code: industries.index(code) for code in order}
    fd_labels = []
    for label in fd_columns:
        region, category = label.split("/", 1)
        fd_labels.append(f"{region}/{CATEGORY_LABELS[category]}")
    fd_order = sorted(range(len(fd_labels)), key=lambda k: fd_labels[k])

    output = {code: sum(z[code]) + sum(y[code]) for code in order}
    value_added = {code: output[code] - sum(z[row][position[code]] for row in order) for code in order}

    with open(target / "sectors.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "name_zh", "groups", "region", "product"])
        for code in order:
            region, product = code.split("/")
            w.writerow([code, f"{SECTOR_NAMES[product]}, {region}", "", "", region, product])

    with open(target / "table.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code"] + order + [fd_labels[k] for k in fd_order])
        for code in order:
            w.writerow([code] + [repr(z[code][position[c]]) for c in order] + [repr(y[code][k]) for k in fd_order])
        w.writerow(["imports"] + ["0"] * len(order) + ["0"] * len(fd_order))
        w.writerow(["VA"] + [repr(value_added[c]) for c in order] + [""] * len(fd_order))

    stressors, emissions = read_matrix(source / "F_emissions.csv")
    with open(source / "F_emissions.csv", newline="") as f:
        header = next(csv.reader(f))
    names = {"emission_type1/air": "emission_type1_air", "emission_type2/water": "emission_type2_water"}
    with open(target / "satellites.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code"] + [names[s] for s in emissions])
        for code in order:
            w.writerow([code] + [repr(emissions[s][header[1:].index(code)]) for s in emissions])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
