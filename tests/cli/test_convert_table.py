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
