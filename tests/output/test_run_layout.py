"""Real run files hold exactly what docs/hdf5-layout.md's table declares (the table is
sim/output/run_layout.hpp rendered; tests/output/run_layout_test.cpp keeps them equal): every
dataset matches a row by path, dimensions and type, and every fixed-name row is present."""

import pathlib
import re
import subprocess

import h5py
import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
TYPES = {"text": "text", "int64": "i", "float64": "f"}


def layout_rows():
    """(path pattern, names, dims, type) per dataset row of the documented table."""
    rows = []
    text = (SOURCE_DIR / "docs" / "hdf5-layout.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.startswith("| `/") or "attributes" in line.split("|")[1]:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0])
        first = names[0]
        group, _, name = first.rpartition("/")
        only = re.match(r"(ARIO runs|MRIO tables|price-lever runs) only", cells[3])
        kind = only.group(1) if only else None
        if group.startswith("/ensemble"):  # the groups regsim ensemble adds; Sobol indices on request
            kind = "Sobol ensembles" if "`sensitivity: sobol` only" in cells[3] else "ensembles"
        rows.append({"group": group, "names": [name] + names[1:],
                     "dims": [d for d in cells[1].split(" × ") if d], "type": TYPES[cells[2]],
                     "only": kind})
    return rows


def pattern(part):
    return "[^/]+" if part.startswith("<") else re.escape(part)


def matches(row, path):
    group, _, name = path.rpartition("/")
    if not re.fullmatch("/".join(pattern(p) for p in row["group"].split("/")), group):
        return False
    return any(re.fullmatch(pattern(n), name) for n in row["names"])


def kind_of(dataset):
    return "text" if dataset.dtype.kind in "OSU" else dataset.dtype.kind


# Each scenario, and the kinds of run it is (rows marked "ARIO runs only" or "MRIO tables only").
RUNS = {"scenarios/examples/miller-blair-projects.yaml": set(),
        "scenarios/jinzhong-2024.yaml": set(),
        "scenarios/examples/boario-quickstart/quickstart.yaml": {"ARIO runs", "MRIO tables"},
        "tests/data/scenarios/prices.yaml": {"price-lever runs"},
        "tests/data/scenarios/ensemble.yaml": {"ensembles"},
        "tests/data/scenarios/ensemble_sobol.yaml": {"ensembles", "Sobol ensembles"}}


@pytest.mark.parametrize("scenario", sorted(RUNS))
def test_run_files_hold_what_the_layout_declares(scenario, regsim_bin, tmp_path):
    out = tmp_path / "run.h5"
    command = ["ensemble", scenario, "--draws", "40"] if "ensembles" in RUNS[scenario] else ["run", scenario]
    subprocess.run([str(regsim_bin), *command, "-o", str(out), "--quiet"], cwd=SOURCE_DIR, check=True)
    rows = layout_rows()
    found = []
    with h5py.File(out, "r") as f:
        def check(name, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            path = "/" + name
            fits = [r for r in rows if matches(r, path)]
            # A fixed name beats a family (`/series/time` is not a quantity `<q>`).
            fits.sort(key=lambda r: any(n.startswith("<") for n in r["names"]))
            assert fits, f"{path} is not in docs/hdf5-layout.md"
            row = fits[0]
            # A coordinate is its own dimension scale; a variable names the scales attached to it.
            dims = [pathlib.PurePosixPath(obj.dims[i][0].name if len(obj.dims[i]) else path).name
                    for i in range(obj.ndim)]
            assert dims == row["dims"], path
            assert kind_of(obj) == row["type"], path
            found.append(path)
        f.visititems(check)
    # Every fixed-name row outside the chains' own groups is in every run file of its kind, and
    # rows of another kind are absent.
    for row in rows:
        if "<" in row["group"]:
            continue
        if row["only"] and row["only"] not in RUNS[scenario]:
            assert not any(matches(row, path) for path in found), f"{row} in a run that is not of its kind"
            continue
        for name in row["names"]:
            if not name.startswith("<"):
                path = f"{row['group']}/{name}"
                assert path in found, f"{path} is declared but missing"


def test_an_undeclared_dataset_is_noticed():
    rows = layout_rows()
    assert any(matches(r, "/chains/yearly/output") for r in rows)
    assert not any(matches(r, "/chains/extra/output") for r in rows)
    assert not any(matches(r, "/series/time/extra") for r in rows)
