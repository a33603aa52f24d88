#!/usr/bin/env python3
"""Convert an NBS input-output table in its wide CSV layout to regsim's table format.

The NBS layout (as published by the National Bureau of Statistics and distributed, e.g., by the
R package ionet) has columns Code, Description, DescriptionInChinese, one column per product,
subtotals (TIU, THC, TC, GCF, TFU), final use (FU101 rural and FU102 urban households, FU103
government, FU201 fixed capital formation, FU202 inventories, EX exports), IM (imports, positive)
and GO (gross output); rows are the products, TII, VA001-VA004, TVA and TI.

regsim's format (docs/table-format.md) keeps the product codes and the final-use and value-added
labels, drops the subtotals, turns IM into a negative import column and GO/TI into `total`.
Cells are copied as written (only IM changes sign), so nothing is rounded.

Optional satellites give each product its parent sector's coefficient per unit of output
(e.g. jobs per million yuan of an IO-42 sector for every 153-sector product in it).

Usage (the command that built scenarios/data/china-2020, run from the repository root):
  python3 scripts/nbs_table.py scenarios/data/china-2020/source/china_io_2020_153.csv \\
      --concordance scenarios/data/china-2020/source/concordance_153_to_42_2020.csv \\
      --employment scenarios/data/china-2020/source/china_employment_by_io42_2017_2018.csv \\
      --co2 scenarios/data/china-2020/source/china_co2_intensity_by_io42_2017_2018_derived.csv \\
      --satellite-year 2018 -o scenarios/data/china-2020
"""

import argparse
import csv
import pathlib
import sys

SUBTOTAL_COLUMNS = {"TIU", "THC", "TC", "GCF", "TFU"}
FINAL_USE = ["FU101", "FU102", "FU103", "FU201", "FU202", "EX"]
VALUE_ADDED = ["VA001", "VA002", "VA003", "VA004"]


def fail(message):
    sys.exit(f"nbs_table: {message}")


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def negate(text):
    text = text.strip()
    if text.startswith("-"):
        return text[1:]
    return "0" if float(text) == 0 else "-" + text


def parent_coefficients(path, year, value_column, parent_of):
    """Per-output coefficient of each parent sector (by code42) for `year`."""
    out = {}
    wanted = set(parent_of.values())  # household rows (direct emissions) have no output: left out
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["year"] == str(year) and row["code42"] in wanted:
                out[row["code42"]] = float(row[value_column])
    missing = sorted(set(parent_of.values()) - set(out))
    if missing:
        fail(f"{path}: no {value_column} for {year} for sectors {', '.join(missing)}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("table", help="NBS table in the wide CSV layout (competitive imports)")
    parser.add_argument("-o", "--output", required=True, help="folder for sectors.csv, table.csv, satellites.csv")
    parser.add_argument("--concordance", help="code153,code42,... file: adds group io42:<code42> to every product")
    parser.add_argument("--employment", help="employment by IO-42 sector (jobs_per_million_yuan_output)")
    parser.add_argument("--co2", help="CO2 intensity by IO-42 sector (t_co2_per_10k_yuan)")
    parser.add_argument("--satellite-year", type=int, default=2018)
    args = parser.parse_args()

    rows = read_rows(args.table)
    header = rows[0]
    if header[:3] != ["Code", "Description", "DescriptionInChinese"]:
        fail(f"{args.table}:1: expected the NBS header Code,Description,DescriptionInChinese,…, found {header[:3]}")
    index = {label: j for j, label in enumerate(header)}
    products = [r for r in rows[1:] if r[0] not in {"TII", "TVA", "TI", *VALUE_ADDED}]
    codes = [r[0] for r in products]
    for label in codes + FINAL_USE + ["IM", "GO"]:
        if label not in index:
            fail(f"{args.table}:1: no column {label}")
    by_code = {r[0]: r for r in rows[1:]}
    for label in VALUE_ADDED + ["TI"]:
        if label not in by_code:
            fail(f"{args.table}: no row {label}")

    parent_of = {}
    if args.concordance:
        with open(args.concordance, newline="", encoding="utf-8") as f:
            parent_of = {r["code153"]: r["code42"] for r in csv.DictReader(f)}
        missing = [c for c in codes if c not in parent_of]
        if missing:
            fail(f"{args.concordance}: no parent for {', '.join(missing)}")

    out = pathlib.Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "sectors.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "name_zh", "groups"])
        for r in products:
            w.writerow([r[0], r[1], r[2], f"io42:{parent_of[r[0]]}" if parent_of else ""])

    with open(out / "table.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code"] + codes + FINAL_USE + ["IM", "total"])
        for r in products:
            w.writerow([r[0]] + [r[index[c]] for c in codes + FINAL_USE] + [negate(r[index["IM"]]), r[index["GO"]]])
        for label in VALUE_ADDED:
            r = by_code[label]
            w.writerow([label] + [r[index[c]] for c in codes] + [""] * (len(FINAL_USE) + 2))
        r = by_code["TI"]
        w.writerow(["total"] + [r[index[c]] for c in codes] + [""] * (len(FINAL_USE) + 2))

    satellites = []
    if args.employment:
        jobs = parent_coefficients(args.employment, args.satellite_year, "jobs_per_million_yuan_output", parent_of)
        # persons = jobs per million yuan × output in 10,000 yuan / 100
        satellites.append(("employment", {c: jobs[parent_of[c]] / 100.0 for c in codes}))
    if args.co2:
        co2 = parent_coefficients(args.co2, args.satellite_year, "t_co2_per_10k_yuan", parent_of)
        satellites.append(("co2", {c: co2[parent_of[c]] for c in codes}))
    if satellites:
        with open(out / "satellites.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["code"] + [name for name, _ in satellites])
            for r in products:
                output = float(r[index["GO"]])
                w.writerow([r[0]] + [f"{per_output[r[0]] * output:.6f}" for _, per_output in satellites])


if __name__ == "__main__":
    main()
