"""Tables in Python under pymrio's names (regsim.load_table, regsim.to_pymrio), Excel and networkx
exports of a run, and the package installed by pip from analysis/pyproject.toml."""

import csv
import io
import subprocess
import sys
import types

import numpy as np
import pandas as pd
import pytest
import regsim

from conftest import ANALYSIS, SOURCE_DIR

JINZHONG = SOURCE_DIR / "scenarios/jinzhong-2024.yaml"


@pytest.fixture(scope="module")
def table(regsim_bin):
    return regsim.load_table(JINZHONG, regsim=str(regsim_bin))


def test_a_scenario_table_has_pymrio_names_and_its_identities(table):
    assert table.units == "10k CNY" and table.base_year == 2023 and len(table.x) == 55
    assert list(table.Z.index) == list(table.x.index) == list(table.sectors.index)
    # Row sums: intermediate sales plus final demand are output; A x = Z; L (I − A) = I.
    assert np.allclose(table.Z.sum(axis=1) + table.Y.sum(axis=1), table.x, rtol=1e-9)
    assert np.allclose(table.A.values * table.x.values, table.Z.values, rtol=1e-12, atol=1e-9)
    assert np.allclose(table.L.values @ (np.eye(55) - table.A.values), np.eye(55), atol=1e-10)
    assert {"value_added.compensation", "imports", "employment", "co2"} <= set(table.F.index)
    assert table.F_units["employment"] == "persons" and table.F_units["imports"] == "10k CNY"
    # Columns: inputs plus value added plus imports are output.
    money = table.F.loc[[r for r in table.F.index if r.startswith("value_added.") or r == "imports"]]
    assert np.allclose(table.Z.sum(axis=0).values + money.sum(axis=0).values, table.x.values, rtol=1e-9)


def test_multipliers_are_the_commands(table, regsim_bin):
    printed = subprocess.run([str(regsim_bin), "multipliers", str(JINZHONG), "--type", "I", "--format", "csv"],
                             capture_output=True, text=True, check=True).stdout
    rows = {r["sector"]: r for r in csv.DictReader(io.StringIO(printed))}
    value_added = table.M.loc[[r for r in table.M.index if r.startswith("value_added.")]].sum()
    for sector in table.x.index:
        assert table.M.loc["employment", sector] == pytest.approx(float(rows[sector]["employment"]), rel=1e-10)
        assert value_added[sector] == pytest.approx(float(rows[sector]["value_added"]), rel=1e-10)


def test_a_table_file_loads_directly_and_a_bad_scenario_says_why(regsim_bin, tmp_path, table):
    written = tmp_path / "t.h5"
    subprocess.run([str(regsim_bin), "convert-table", str(JINZHONG), str(written)], check=True, capture_output=True)
    again = regsim.load_table(written)
    pd.testing.assert_frame_equal(again.Z, table.Z)
    bad = tmp_path / "bad.yaml"
    bad.write_text("regsim: 1\nname: bad\n")
    with pytest.raises(ValueError, match="time: this key is required"):
        regsim.load_table(bad, regsim=str(regsim_bin))


def test_to_pymrio_says_what_it_needs_and_builds_an_iosystem(table, monkeypatch):
    monkeypatch.setitem(sys.modules, "pymrio", None)
    with pytest.raises(ImportError, match="to_pymrio needs pymrio"):
        regsim.to_pymrio(table)
    # pymrio is not a Debian package: this stands in for its IOSystem(Z, Y, x, unit, …, **extensions)
    # signature (pymrio/core/mriosystem.py) and records what it is given.
    fake = types.ModuleType("pymrio")
    fake.IOSystem = lambda **given: given
    monkeypatch.setitem(sys.modules, "pymrio", fake)
    system = regsim.to_pymrio(table, region="jinzhong")
    assert system["Z"].index.names == ["region", "sector"] and system["Y"].columns.names == ["region", "category"]
    assert system["Z"].index[0] == ("jinzhong", "agriculture") and system["year"] == 2023
    assert list(system["x"].columns) == ["indout"]
    assert np.allclose(system["Z"].values, table.Z.values)
    satellites = system["satellites"]
    assert list(satellites["F"].index) == ["employment", "co2"] and satellites["unit"].loc["co2", "unit"] == "t CO2"
    assert "value_added.taxes" in system["factor_inputs"]["F"].index


def test_a_run_goes_to_excel_one_sheet_per_group(jinzhong_runs, tmp_path):
    run = regsim.load(jinzhong_runs["default"])
    path = run.to_excel(tmp_path / "run.xlsx")
    book = pd.ExcelFile(path, engine="openpyxl")
    assert {"about", "indicators", "targets", "attribution", "yearly", "series", "events", "chains",
            "graph"} <= set(book.sheet_names)
    indicators = pd.read_excel(book, "indicators").set_index("year")
    assert indicators["gdp (10k CNY)"].values == pytest.approx(run.indicators()["gdp"].values, rel=1e-12)
    attribution = pd.read_excel(book, "attribution")
    gdp = attribution[attribution["indicator"] == "gdp"].groupby("year")["value"].sum()
    assert gdp.values == pytest.approx(run.indicators()["gdp"].values, rel=1e-9)


def test_the_chain_graph_is_a_networkx_graph(jinzhong_runs):
    run = regsim.load(jinzhong_runs["default"])
    graph = run.chain_graph()
    assert graph.number_of_nodes() == 55 and graph.number_of_edges() == len(run.graph())
    assert graph.nodes["pv_modules"]["chains"]["pv"] == "core"
    edge = run.graph().iloc[0]
    assert graph.edges[edge["from"], edge["to"]]["coefficient"] == pytest.approx(edge["coefficient"])
    pv = run.chain_graph("pv")
    assert set(pv.nodes) == set(run.chain_members().query("chain == 'pv'")["sector"])
    with pytest.raises(KeyError, match="no chain 'pvv'"):
        run.chain_graph("pvv")


def test_pip_installs_the_package_without_downloads(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    installed = subprocess.run([str(venv / "bin/pip"), "install", "--no-build-isolation", "--no-deps", "--no-index",
                                "-e", str(ANALYSIS)], capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    imported = subprocess.run([str(venv / "bin/python"), "-c", "import regsim; print(regsim.__file__)"],
                              capture_output=True, text=True, check=True, cwd=tmp_path)
    assert imported.stdout.strip() == str(ANALYSIS / "regsim" / "__init__.py")
    helped = subprocess.run([str(venv / "bin/regsim-report"), "report", "--help"], capture_output=True, text=True,
                            check=False)
    assert helped.returncode == 0 and "--force" in helped.stdout
