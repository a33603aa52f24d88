"""Chains end to end: `regsim chains` on the default scenario, the DOT file through Graphviz, and
the chain groups of a run file read with xarray, adding up to the economy where chains partition it."""

import csv
import io
import pathlib
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
JINZHONG = "scenarios/jinzhong-2024.yaml"


def test_chains_lists_every_sector_and_chain(run_regsim):
    result = run_regsim("chains", JINZHONG)
    assert result.returncode == 0, result.stderr
    assert "jinzhong-2024: 55 sectors, 8 chains" in result.stdout
    chain_lines = [line.split()[0] for line in result.stdout.split("\nchain ")[1].splitlines()[1:] if line.strip()]
    assert chain_lines == ["nev", "equipment", "special_steel", "pv", "medicine", "carbon", "food", "building_materials"]


def test_csv_is_one_table_with_linkages_averaging_one(run_regsim):
    result = run_regsim("chains", JINZHONG, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 55
    # Normalized linkages average exactly 1 over the sectors.
    assert np.mean([float(r["backward"]) for r in rows]) == pytest.approx(1.0, abs=1e-12)
    assert np.mean([float(r["forward"]) for r in rows]) == pytest.approx(1.0, abs=1e-12)
    key = {r["sector"] for r in rows if r["class"] == "key"}
    assert all(float(r["backward"]) > 1 and float(r["forward"]) > 1 for r in rows if r["sector"] in key)
    pv = next(r for r in rows if r["sector"] == "pv_modules")
    assert "pv" in pv["chains"].split(";")


def test_paths_cover_the_chains_value_added(run_regsim):
    result = run_regsim("chains", JINZHONG, "--paths", "5", "--from", "pv", "--to", "gdp", "--format", "csv",
                        "--path-threshold", "1e-6", "--depth", "12")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    values = [float(r["value"]) for r in rows]
    assert values == sorted(values, reverse=True)
    # The first path is a direct effect: one sector, no links.
    assert rows[0]["links"] == "0"


def test_extraction_and_shock_tables(run_regsim):
    result = run_regsim("chains", JINZHONG, "--extract", "carbon", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = {r["links cut"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert set(rows) == {"backward", "forward", "total"}
    # Cutting both directions loses at least as much as either alone.
    total = float(rows["total"]["output lost"])
    assert total >= float(rows["backward"]["output lost"]) > 0
    assert total >= float(rows["forward"]["output lost"]) > 0
    result = run_regsim("chains", JINZHONG, "--shock", "coal_mining", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {"sector": "coal_mining", "downstream": "0", "upstream": "0"}


def test_bad_chain_options_are_input_errors(run_regsim):
    result = run_regsim("chains", JINZHONG, "--extract", "carbn")
    assert result.returncode == 3
    assert 'did you mean "carbon"' in result.stderr
    result = run_regsim("chains", JINZHONG, "--paths", "3", "--from", "pv", "--to", "retail_sales")
    assert result.returncode == 3
    assert "not a non-negative quantity per unit of output" in result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dot_renders_with_graphviz(run_regsim, tmp_path, lang):
    dot_file = tmp_path / "graph.dot"
    result = run_regsim("chains", JINZHONG, "--dot", dot_file, "--lang", lang)
    assert result.returncode == 0, result.stderr
    text = dot_file.read_text(encoding="utf-8")
    assert ("光伏电池及组件" if lang == "zh" else "PV cells and modules") in text
    svg = tmp_path / "graph.svg"
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(svg)], check=True)
    assert svg.stat().st_size > 1000


@pytest.fixture(scope="module")
def partition_run(tmp_path_factory, regsim_bin):
    """The default scenario with three chains that partition the economy: its three industries."""
    folder = tmp_path_factory.mktemp("chains")
    scenario = folder / "partition.yaml"
    scenario.write_text(
        f"regsim: 1\nname: partition\nextends: {SOURCE_DIR / JINZHONG}\n"
        "chains:\n"
        "  primary: {core: 'group:primary'}\n"
        "  secondary: {core: 'group:secondary'}\n"
        "  tertiary: {core: 'group:tertiary'}\n", encoding="utf-8")
    path = folder / "partition.h5"
    subprocess.run([str(regsim_bin), "run", str(scenario), "-o", str(path), "--quiet"], cwd=SOURCE_DIR, check=True)
    return path


def test_chain_accounts_partition_the_economy(partition_run):
    yearly = xr.open_dataset(partition_run, engine="h5netcdf", group="yearly")
    series = xr.open_dataset(partition_run, engine="h5netcdf", group="series")
    with h5py.File(partition_run, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["chains/chain"][()]]
    # extends merges maps: the eight shipped chains stay, the three industries are added.
    assert names[-3:] == ["primary", "secondary", "tertiary"]
    industries = ["primary", "secondary", "tertiary"]
    chain_yearly = xr.open_dataset(partition_run, engine="h5netcdf", group="chains/yearly").sel(chain=industries)
    chain_series = xr.open_dataset(partition_run, engine="h5netcdf", group="chains/series").sel(chain=industries)
    for quantity in ["output", "value_added", "employment", "co2"]:
        np.testing.assert_allclose(chain_yearly[quantity].sum("chain").values, yearly[quantity].sum("sector").values,
                                   rtol=1e-12)
        np.testing.assert_allclose(chain_series[quantity].sum("chain").values, series[quantity].sum("sector").values,
                                   rtol=1e-12)
    indicators = xr.open_dataset(partition_run, engine="h5netcdf", group="indicators")
    parts = xr.open_dataset(partition_run, engine="h5netcdf", group="chains/indicators").sel(chain=industries)
    for name in ["gdp", "manufacturing_va", "retail_sales", "jobs"]:
        np.testing.assert_allclose(parts[name].sum("chain").values, indicators[name].values, rtol=1e-12)


def test_run_file_holds_the_graph_and_chain_members(partition_run):
    graph = xr.open_dataset(partition_run, engine="h5netcdf", group="graph")
    assert graph.sizes["sector"] == 55
    assert graph.attrs["threshold"] == 0.01
    assert (graph["coefficient"] >= 0.01).all()
    assert set(graph["sector_class"].values) <= {"key", "backward-oriented", "forward-oriented", "weak"}
    chains = xr.open_dataset(partition_run, engine="h5netcdf", group="chains")
    assert str(chains["kind"].sel(chain="pv").values) == "derived"
    meanings = chains["role"].attrs["flag_meanings"].split()
    assert meanings == ["none", "core", "upstream", "downstream"]
    pv = chains["role"].sel(chain="pv")
    roles = {str(s): meanings[int(r)] for s, r in zip(pv["sector"].values, pv.values) if r > 0}
    assert roles["pv_modules"] == "core"
    assert set(roles.values()) <= {"core", "upstream", "downstream"}


def test_run_prints_the_chain_section(run_regsim, tmp_path):
    result = run_regsim("run", JINZHONG, "-o", tmp_path / "j.h5")
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("targets met\n")[1]
    assert "share of change in manufacturing_va" in section
    assert section.count("\n") >= 10
    info = run_regsim("info", tmp_path / "j.h5")
    assert info.stdout.split("targets met\n")[1] == section
