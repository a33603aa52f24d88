"""The HDF5 files regsim writes open with labels in h5py and xarray (netCDF-4 dimension scales)."""

import os
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr


@pytest.fixture
def sample(tmp_path):
    writer = os.environ.get("REGSIM_SAMPLE_WRITER")
    if not writer:
        pytest.fail("REGSIM_SAMPLE_WRITER is not set: run the Python tests through ctest")
    path = tmp_path / "sample.h5"
    subprocess.run([writer, str(path)], check=True)
    return path


def test_h5py_sees_groups_attributes_and_scales(sample):
    with h5py.File(sample, "r") as f:
        assert f.attrs["format_version"] == 1
        assert f.attrs["scenario_name"].decode() == "sample 样例"  # fixed-length text: bytes in h5py
        assert set(f) == {"series", "yearly", "events"}
        output = f["series/output"]
        assert output.shape == (2, 3)
        assert output.dims[1][0].name == "/series/sector"
        assert [s.decode() for s in f["series/sector"][:]] == ["coal", "steel", "methanol_vehicles"]


def test_xarray_opens_each_group_with_labels(sample):
    series = xr.open_dataset(sample, engine="h5netcdf", group="series")
    assert series["output"].dims == ("time", "sector")
    assert list(series["sector"].values) == ["coal", "steel", "methanol_vehicles"]
    assert series["time"].values[1] == np.datetime64("2024-02-01")
    assert float(series["output"].sel(sector="steel", time="2024-02-01")) == 5.5
    assert series["output"].attrs["units"] == "10k CNY per year"

    yearly = xr.open_dataset(sample, engine="h5netcdf", group="yearly")
    assert list(yearly["year"].values) == [2023, 2024]
    assert float(yearly["value_added"].sel(year=2024, sector="coal")) == 11

    events = xr.open_dataset(sample, engine="h5netcdf", group="events")
    assert list(events["kind"].values) == ["demand", "project"]
    assert list(events["event"].values) == ["vouchers", "geely-expansion"]
