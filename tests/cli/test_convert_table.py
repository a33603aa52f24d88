"""`regsim convert-table`: a table in HDF5, CSV and pymrio's text format, and scenarios on an HDF5 table."""

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

JINZHONG = "scenarios/jinzhong-2024.yaml"


@pytest.fixture(scope="module")
def hdf5_table(run_regsim, tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "jinzhong.h5"
    result = run_regsim("convert-table", JINZHONG, path)
    assert result.returncode == 0, result.stderr
    assert "read it with this economy block:\n  table: jinzhong.h5" in result.stdout
    return path


def test_the_file_opens_in_xarray_with_labels(hdf5_table):
    with xr.open_dataset(hdf5_table, engine="h5netcdf") as table:
        assert table["Z"].dims == ("sector", "buyer")
        assert table.attrs["units"] == "10k CNY"
        assert int(table.attrs["base_year"]) == 2023
        assert list(table["final_demand"].values) == ["household", "government", "gfcf", "inventory", "exports"]
        assert "coal_mining" in list(table["sector"].values)
        # Rows balance columns: x = Z 1 + Y 1 = 1ᵀZ + m + 1ᵀV.
        x = table["x"].values
        np.testing.assert_allclose(table["Z"].sum("buyer").values + table["Y"].sum("final_demand").values, x, rtol=1e-9)
        np.testing.assert_allclose(table["Z"].sum("sector").values + table["imported_inputs"].values
                                   + table["V"].sum("value_added").values, x, rtol=1e-6)


def test_a_scenario_on_the_hdf5_table_runs_as_on_the_csv_files(run_regsim, hdf5_table, tmp_path):
    # The scenario extends Jinzhong and only swaps the table; the economy block may then hold the table alone.
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"regsim: 1\nname: on-hdf5\ntime: {{start: 2024-01-01, end: 2024-12-31, report: monthly}}\n"
                        f"economy:\n  table: {hdf5_table}\n")
    csv = run_regsim("multipliers", JINZHONG, "--format", "csv", "--type", "II")
    h5 = run_regsim("multipliers", scenario, "--format", "csv", "--type", "II")
    assert csv.returncode == 0 and h5.returncode == 0, h5.stderr
    assert csv.stdout == h5.stdout


def test_an_hdf5_economy_refuses_keys_the_file_answers(run_regsim, hdf5_table, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"regsim: 1\nname: bad\ntime: {{start: 2024-01-01, end: 2024-12-31, report: monthly}}\n"
                        f"economy:\n  table: {hdf5_table}\n  units: \"USD\"\n")
    result = run_regsim("check", scenario)
    assert result.returncode == 3
    assert "economy.units: an HDF5 table carries its own sectors, categories, units and base year" in result.stderr


def test_hdf5_to_csv_and_back_gives_the_same_numbers(run_regsim, hdf5_table, tmp_path):
    folder = tmp_path / "csv"
    result = run_regsim("convert-table", hdf5_table, folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "table.csv").exists() and (folder / "final_imports.csv").exists()
    block = result.stdout.split("read it with this economy block:\n", 1)[1]
    scenario = folder / "s.yaml"
    scenario.write_text("regsim: 1\nname: back\ntime: {start: 2024-01-01, end: 2024-12-31, report: monthly}\n"
                        "economy:\n" + block)
    again = tmp_path / "again.h5"
    assert run_regsim("convert-table", scenario, again).returncode == 0
    with h5py.File(hdf5_table) as a, h5py.File(again) as b:
        # CSV keeps 10 significant digits (docs/table-format.md).
        np.testing.assert_allclose(a["Z"][()], b["Z"][()], rtol=1e-9)
        assert list(a["sector"].asstr()[()]) == list(b["sector"].asstr()[()])


def test_pymrio_text_format_reads_with_pandas_as_pymrio_does(run_regsim, hdf5_table, tmp_path):
    folder = tmp_path / "pymrio"
    result = run_regsim("convert-table", hdf5_table, folder, "--to", "pymrio")
    assert result.returncode == 0, result.stderr
    for name in ["Z.txt", "Y.txt", "x.txt", "unit.txt", "file_parameters.json", "factor_inputs/F.txt",
                 "satellites/F.txt"]:
        assert (folder / name).exists(), name
    # What pymrio.load_all does for a file with nr_index_col 2 and nr_header 2.
    z = pd.read_csv(folder / "Z.txt", sep="\t", index_col=[0, 1], header=[0, 1], float_precision="round_trip")
    factors = pd.read_csv(folder / "factor_inputs" / "F.txt", sep="\t", index_col=0, header=[0, 1],
                          float_precision="round_trip")
    with h5py.File(hdf5_table) as table:
        np.testing.assert_array_equal(z.values, table["Z"][()])
        assert list(z.index.get_level_values(1)) == list(table["sector"].asstr()[()])
        np.testing.assert_array_equal(factors.loc["compensation"].values, table["V"][0, :])
        np.testing.assert_array_equal(factors.loc["imports"].values, table["imported_inputs"][()])


def test_convert_table_will_not_overwrite_its_input(run_regsim, hdf5_table):
    result = run_regsim("convert-table", hdf5_table, hdf5_table)
    assert result.returncode == 3
    assert "is an input of this command" in result.stderr


def test_pymrio_folder_comes_back_as_the_same_table(run_regsim, hdf5_table, tmp_path):
    folder = tmp_path / "pymrio"
    assert run_regsim("convert-table", hdf5_table, folder, "--to", "pymrio").returncode == 0
    back = tmp_path / "back.h5"
    result = run_regsim("convert-table", folder, back, "--base-year", "2023")
    assert result.returncode == 0, result.stderr
    with h5py.File(hdf5_table) as a, h5py.File(back) as b:
        for name in ["Z", "Y", "V", "imported_inputs", "x", "F"]:
            np.testing.assert_allclose(b[name][()], a[name][()], rtol=1e-15, atol=0, err_msg=name)
        assert list(b["account"].asstr()[()]) == ["employment", "co2"]


def write_tsv(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(map(str, line)) + "\n" for line in lines))


def parameters(path, entries, system, name=None):
    files = ", ".join(f'"{key}": {{"name": "{key}.txt", "nr_index_col": "{i}", "nr_header": "{h}"}}'
                      for key, i, h in entries)
    extra = f', "name": "{name}"' if name else ""
    path.write_text(f'{{"files": {{{files}}}, "systemtype": "{system}"{extra}}}\n')


def test_a_two_region_pymrio_table_with_exiobase_names(run_regsim, tmp_path):
    # Two regions × two sectors, EXIOBASE's category and factor-input names, factor inputs that
    # leave 5 of column r2/b open.
    folder = tmp_path / "mrio"
    regions, sectors = ["r1", "r1", "r2", "r2"], ["a", "b", "a", "b"]
    z = [[10, 5, 2, 1], [4, 20, 1, 3], [1, 2, 15, 5], [2, 1, 6, 25]]
    categories = ["Final consumption expenditure by households", "Gross fixed capital formation", "Export"]
    y = [[50, 10, 3], [40, 5, 2], [60, 8, 4], [30, 20, 1]]
    write_tsv(folder / "Z.txt", [["region", "", *regions], ["sector", "", *sectors], ["region", "sector"]]
              + [[r, s, *row] for r, s, row in zip(regions, sectors, z)])
    write_tsv(folder / "Y.txt", [["region", "", "r1", "r1", "r2"], ["category", "", *categories],
                                 ["region", "sector"]] + [[r, s, *row] for r, s, row in zip(regions, sectors, y)])
    parameters(folder / "file_parameters.json", [("Z", 2, 2), ("Y", 2, 2)], "IOSystem")
    x = [sum(zr) + sum(yr) for zr, yr in zip(z, y)]
    columns = [sum(z[i][j] for i in range(4)) for j in range(4)]
    compensation = [0.6 * (x[j] - columns[j]) for j in range(4)]
    surplus = [x[j] - columns[j] - compensation[j] - (5 if j == 3 else 0) for j in range(4)]
    write_tsv(folder / "factor_inputs" / "F.txt",
              [["region", *regions], ["sector", *sectors], ["inputtype"],
               ["Compensation of employees; wages, salaries, & employers' social contributions", *compensation],
               ["Operating surplus: Remaining net operating surplus", *surplus]])
    parameters(folder / "factor_inputs" / "file_parameters.json", [("F", 1, 2)], "Extension", "Factor Inputs")
    write_tsv(folder / "emissions" / "F.txt", [["region", "", *regions], ["sector", "", *sectors],
                                               ["stressor", "compartment"], ["CO2", "air", 1, 2, 3, 4]])
    write_tsv(folder / "emissions" / "unit.txt", [["stressor", "compartment", "unit"], ["CO2", "air", "kg"]])
    parameters(folder / "emissions" / "file_parameters.json", [("F", 2, 2), ("unit", 2, 1)], "Extension", "Emissions")

    missing_year = run_regsim("convert-table", folder, tmp_path / "t.h5")
    assert missing_year.returncode == 3
    assert "--base-year: pymrio's files carry no base year" in missing_year.stderr

    result = run_regsim("convert-table", folder, tmp_path / "t.h5", "--base-year", "2022")
    assert result.returncode == 0, result.stderr
    assert "multi-regional" in result.stdout
    assert "the factor inputs do not close every column" in result.stderr and "r2/b" in result.stderr
    with h5py.File(tmp_path / "t.h5") as t:
        assert list(t["sector"].asstr()[()]) == ["r1/a", "r1/b", "r2/a", "r2/b"]
        assert list(t["sector_region"].asstr()[()]) == regions
        np.testing.assert_allclose(t["x"][()], x)
        np.testing.assert_allclose(t["Y"][:, 0], [row[0] for row in y])     # household
        np.testing.assert_allclose(t["Y"][:, 2], [row[1] for row in y])     # gfcf
        np.testing.assert_allclose(t["Y"][:, 4], [row[2] for row in y])     # exports
        np.testing.assert_allclose(t["V"][0, :], compensation)
        np.testing.assert_allclose(t["V"][3, :], [s + (5 if j == 3 else 0) for j, s in enumerate(surplus)])
        assert list(t["account"].asstr()[()]) == ["CO2 / air"]
        assert list(t["account_unit"].asstr()[()]) == ["kg"]
        assert int(t.attrs["base_year"]) == 2022
