"""An input-output table in Python under pymrio's names: Z, Y, x, F (value added, imported inputs
and satellite accounts per industry), with A, L, S and M computed when first asked for.

`load_table(source)` reads a table file written by `regsim convert-table` (.h5), or any scenario:
the regsim command converts the scenario's table (so every check of `regsim check` applies) into a
temporary HDF5 file, found as REGSIM_BIN, `regsim` on PATH, or the source tree's build folders."""

from __future__ import annotations

import functools
import os
import pathlib
import shutil
import subprocess
import tempfile

import h5py
import numpy as np
import pandas as pd

from .display import MoneyUnit, parse_money_unit

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


def _text(values):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values]


def regsim_command() -> str:
    """The regsim program load_table runs: REGSIM_BIN, else `regsim` on PATH, else this source
    tree's build/release or build/dev."""
    asked = os.environ.get("REGSIM_BIN")
    if asked:
        return asked
    found = shutil.which("regsim")
    if found:
        return found
    for build in ("release", "dev"):
        candidate = SOURCE_DIR / "build" / build / "regsim"
        if candidate.is_file():
            return str(candidate)
    raise FileNotFoundError("no regsim program: set REGSIM_BIN, put regsim on PATH, or build it "
                            "(cmake --workflow --preset release)")


class Table:
    """A table as labelled pandas frames (pymrio's names). Flows are in `units` per year."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        with h5py.File(self.path, "r") as f:
            if "regsim_table" not in f.attrs:
                raise ValueError(f"{self.path} is not a table written by regsim convert-table")
            self.units = _text([f.attrs["units"]])[0]
            self.base_year = int(f.attrs["base_year"])
            sectors = pd.Index(_text(f["sector"][:]), name="sector")
            categories = pd.Index(_text(f["final_demand"][:]), name="category")
            components = _text(f["value_added"][:])
            self.sectors = pd.DataFrame({"name": _text(f["sector_name"][:]), "name_zh": _text(f["sector_name_zh"][:]),
                                         "groups": [g.split(";") if g else [] for g in _text(f["sector_groups"][:])]},
                                        index=sectors)
            if "sector_region" in f:
                self.sectors["region"] = _text(f["sector_region"][:])
                self.sectors["product"] = _text(f["sector_product"][:])
            self.Z = pd.DataFrame(f["Z"][:], index=sectors, columns=sectors.rename("buyer"))
            self.Y = pd.DataFrame(f["Y"][:], index=sectors, columns=categories)
            self.x = pd.Series(f["x"][:], index=sectors, name="indout")
            rows = {f"value_added.{c}": f["V"][k] for k, c in enumerate(components)}
            rows["imports"] = f["imported_inputs"][:]
            units = {name: self.units for name in rows}
            if "F" in f:
                for name, unit, values in zip(_text(f["account"][:]), _text(f["account_unit"][:]), f["F"][:]):
                    rows[name] = values
                    units[name] = unit
            self.F = pd.DataFrame(rows, index=sectors.rename("buyer")).T
            self.F.index.name = "stressor"
            self.F_units = pd.Series(units, name="unit")
            self.imported_final_demand = pd.Series(f["imported_final_demand"][:], index=categories)

    def __repr__(self):
        return f"<regsim.Table {len(self.x)} sectors, base year {self.base_year}, {self.units}>"

    @property
    def money(self) -> MoneyUnit | None:
        return parse_money_unit(self.units)

    @functools.cached_property
    def A(self) -> pd.DataFrame:
        """Technical coefficients a_ij = z_ij / x_j."""
        return self.Z / self.x.values

    @functools.cached_property
    def L(self) -> pd.DataFrame:
        """The Leontief inverse (I − A)⁻¹, by one LU solve."""
        n = len(self.x)
        inverse = np.linalg.solve(np.eye(n) - self.A.values, np.eye(n))
        return pd.DataFrame(inverse, index=self.A.index, columns=self.A.columns)

    @functools.cached_property
    def S(self) -> pd.DataFrame:
        """F per unit of output: each account's coefficient per industry."""
        return self.F / self.x.values

    @functools.cached_property
    def M(self) -> pd.DataFrame:
        """Type I multipliers S L: each account per unit of final demand for each product (the
        `regsim multipliers` numbers, transposed)."""
        return pd.DataFrame(self.S.values @ self.L.values, index=self.S.index, columns=self.L.columns)


def load_table(source, regsim: str | None = None) -> Table:
    """A table from a table file (.h5 written by `regsim convert-table`) or a scenario (YAML), whose
    table the regsim command checks and converts."""
    source = pathlib.Path(source)
    if source.suffix in (".h5", ".hdf5", ".nc"):
        return Table(source)
    with tempfile.TemporaryDirectory(prefix="regsim-table-") as folder:
        written = pathlib.Path(folder) / "table.h5"
        done = subprocess.run([regsim or regsim_command(), "convert-table", str(source), str(written)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ValueError(f"regsim convert-table {source} failed:\n{done.stderr.strip()}")
        table = Table(written)
        # Read everything now: the temporary file goes when this returns.
        table.path = source
        return table


def to_pymrio(table: Table, region: str = "region"):
    """A pymrio.IOSystem of the table (pymrio must be importable; it is not a Debian package, so
    install it yourself): Z, Y, x with (region, sector) labels, and the extensions factor_inputs
    (value added and imports) and satellites. An MRIO table keeps its own regions; a one-region
    table's region is `region`."""
    try:
        import pymrio
    except ImportError as error:
        raise ImportError("to_pymrio needs pymrio (pip install pymrio); regsim.load_table works without it") \
            from error
    if "region" in table.sectors:
        regions, products = list(table.sectors["region"]), list(table.sectors["product"])
    else:
        regions, products = [region] * len(table.x), list(table.x.index)
    index = pd.MultiIndex.from_arrays([regions, products], names=["region", "sector"])
    first_region = regions[0]
    y_columns = pd.MultiIndex.from_product([[first_region], list(table.Y.columns)], names=["region", "category"])
    Z = pd.DataFrame(table.Z.values, index=index, columns=index)
    Y = pd.DataFrame(table.Y.values, index=index, columns=y_columns)
    x = pd.DataFrame({"indout": table.x.values}, index=index)
    unit = pd.DataFrame({"unit": [table.units] * len(index)}, index=index)

    def extension(name, rows):
        F = pd.DataFrame(table.F.loc[rows].values, index=pd.Index(rows, name="stressor"), columns=index)
        return {"name": name, "F": F, "unit": pd.DataFrame({"unit": list(table.F_units[rows])}, index=F.index)}

    money_rows = [r for r in table.F.index if r.startswith("value_added.") or r == "imports"]
    accounts = [r for r in table.F.index if r not in money_rows]
    extensions = {"factor_inputs": extension("factor_inputs", money_rows)}
    if accounts:
        extensions["satellites"] = extension("satellites", accounts)
    return pymrio.IOSystem(Z=Z, Y=Y, x=x, unit=unit, year=table.base_year, name=f"regsim {table.path.stem}",
                           **extensions)
