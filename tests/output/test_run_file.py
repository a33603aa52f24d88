"""Run files as a notebook user sees them: h5py and xarray read every group with labels and units,
the numbers obey the engine's identities, runs are reproducible and failures leave nothing behind."""

import pathlib

import h5py
import numpy as np
import pytest
import xarray as xr

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
PROJECTS = "scenarios/examples/miller-blair-projects.yaml"


def shipped_scenarios():
    """Every scenario file under scenarios/ (scenarios/data holds tables and their recipes)."""
    scenarios = SOURCE_DIR / "scenarios"
    return sorted(str(p.relative_to(SOURCE_DIR)) for p in scenarios.rglob("*.yaml")
                  if (scenarios / "data") not in p.parents)


@pytest.fixture(scope="module")
def run_file(tmp_path_factory, regsim_bin):
    import subprocess

    path = tmp_path_factory.mktemp("run") / "projects.h5"
    subprocess.run([str(regsim_bin), "run", PROJECTS, "-o", str(path), "--quiet"], cwd=SOURCE_DIR, check=True)
    return path


def open_group(path, group=None):
    return xr.open_dataset(path, engine="h5netcdf", group=group)


def test_root_attributes_describe_the_run(run_file):
    with h5py.File(run_file, "r") as f:
        # Text attributes are fixed-length UTF-8 (kept in the checksummed object header, not in the
        # global heap), which h5py gives as bytes; xarray and regsim.load decode them.
        text_type = f.attrs.get_id("scenario_yaml").get_type()
        assert not text_type.is_variable_str() and text_type.get_cset() == h5py.h5t.CSET_UTF8
        attrs = {key: value.decode() if isinstance(value, bytes) else value for key, value in f.attrs.items()}
    assert xr.open_dataset(run_file, engine="h5netcdf").attrs["scenario_name"] == "miller-blair-projects"
    assert attrs["format_version"] == 2
    assert attrs["scenario_name"] == "miller-blair-projects"
    assert attrs["units"] == "USD"
    assert attrs["base_year"] == 2023
    assert attrs["created"].endswith("Z")
    # The resolved YAML: extends is gone, the inherited events are there.
    assert "extends" not in attrs["scenario_yaml"]
    assert "export-slump" in attrs["scenario_yaml"] and "new-plant" in attrs["scenario_yaml"]


def test_every_group_opens_with_labels(run_file):
    series = open_group(run_file, "series")
    assert list(series.sector.values) == ["sec1", "sec2"]
    assert series.output.dims == ("time", "sector")
    assert str(series.time.values[0])[:10] == "2024-01-01"  # decoded from "days since"
    assert str(series.time.values[-1])[:10] == "2026-12-01"
    assert series.output.attrs["units"] == "USD per year"
    assert set(series.data_vars) >= {"output", "value_added", "final_demand", "imports", "employment"}

    yearly = open_group(run_file, "yearly")
    assert list(yearly.year.values) == [2023, 2024, 2025, 2026]
    np.testing.assert_allclose(yearly.output.sel(year=2023).values, [1000, 2000])  # the table
    assert yearly.employment.attrs["units"] == "persons"

    indicators = open_group(run_file, "indicators")
    assert set(indicators.data_vars) == {"gdp", "primary_va", "investment", "wages_tax", "jobs"}
    assert indicators.gdp.sel(year=2023) == 2050
    # GDP is value added summed over sectors, year by year.
    np.testing.assert_allclose(indicators.gdp.values, yearly.value_added.sum("sector").values, rtol=1e-12)

    targets = open_group(run_file, "targets")
    assert list(targets.indicator.values) == ["gdp", "gdp", "jobs"]
    assert list(targets.met.values) == [1, 0, 1]
    assert np.isnan(targets.target_level.values[0]) and targets.target_level.values[2] == 850
    growth_2024 = indicators.gdp.sel(year=2024) / indicators.gdp.sel(year=2023) - 1
    assert targets.simulated_growth.values[0] == pytest.approx(float(growth_2024), rel=1e-12)

    events = open_group(run_file, "events")
    assert "new-plant" in list(events.id.values)
    assert str(events.date.values[0])[:10] == "2024-01-01"


def test_attribution_sums_to_each_indicator(run_file):
    attribution = open_group(run_file, "attribution")
    indicators = open_group(run_file, "indicators")
    assert list(attribution.event.values) == ["baseline", "consumption-vouchers", "export-slump", "new-plant",
                                              "trend:exports", "trend:household"]
    for name in indicators.data_vars:
        np.testing.assert_allclose(attribution[name].sum("event").values, indicators[name].values, rtol=1e-12)
    # The plant's capex is 2024's whole investment.
    assert float(attribution.investment.sel(event="new-plant", year=2024)) == pytest.approx(300.0, rel=1e-12)


def test_two_runs_write_identical_datasets(run_regsim, tmp_path):
    paths = [tmp_path / "a.h5", tmp_path / "b.h5"]
    for path in paths:
        assert run_regsim("run", PROJECTS, "-o", path, "--quiet").returncode == 0

    def contents(path):
        items = {}
        with h5py.File(path, "r") as f:
            f.visititems(lambda name, obj: items.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
            attrs = {k: v for k, v in f.attrs.items() if k != "created"}
        return items, attrs

    (a, a_attrs), (b, b_attrs) = contents(paths[0]), contents(paths[1])
    assert a_attrs == b_attrs
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)  # NaN equals NaN here


def test_the_same_run_writes_the_same_bytes(run_regsim, tmp_path):
    # Object headers carry no modification times, so two runs differ only in `created`; the root's
    # checksum covers it, so with SOURCE_DATE_EPOCH fixing `created` the files are identical.
    import os
    import time

    paths = [tmp_path / "a.h5", tmp_path / "b.h5", tmp_path / "now.h5"]
    fixed = dict(os.environ, SOURCE_DATE_EPOCH="1733097600")
    for path in paths[:2]:
        assert run_regsim("run", PROJECTS, "-o", path, "--quiet", env=fixed).returncode == 0
        time.sleep(1.1)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    with h5py.File(paths[0], "r") as f:
        assert f.attrs["created"].decode() == "2024-12-02T00:00:00Z"
    assert run_regsim("run", PROJECTS, "-o", paths[2], "--quiet").returncode == 0
    with h5py.File(paths[2], "r") as f:
        assert f.attrs["created"].decode().startswith(time.strftime("%Y-", time.gmtime()))


@pytest.mark.parametrize("scenario", shipped_scenarios())
def test_every_shipped_scenario_runs(run_regsim, tmp_path, scenario):
    path = tmp_path / "run.h5"
    result = run_regsim("run", scenario, "-o", path)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    info = run_regsim("info", path)
    assert info.returncode == 0, info.stderr
    assert "regsim run file, format 2" in info.stdout


def test_a_failed_run_leaves_the_old_file_and_no_temporary(run_regsim, tmp_path):
    path = tmp_path / "run.h5"
    path.write_bytes(b"an earlier result")
    result = run_regsim("run", "tests/data/scenarios/bad_levers.yaml", "-o", path)
    assert result.returncode == 3
    assert path.read_bytes() == b"an earlier result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.h5"]


def test_an_unwritable_destination_is_an_output_error(run_regsim, tmp_path):
    result = run_regsim("run", "scenarios/examples/miller-blair.yaml", "-o", tmp_path / "missing" / "run.h5")
    assert result.returncode == 5
    assert "output error" in result.stderr
    folder = run_regsim("run", "scenarios/examples/miller-blair.yaml", "-o", tmp_path)
    assert folder.returncode == 5
    assert f"output error: cannot write {tmp_path}: it is a folder; name the run file to write" in folder.stderr


def test_set_overrides_change_the_run(run_regsim, tmp_path):
    base, changed = tmp_path / "base.h5", tmp_path / "changed.h5"
    assert run_regsim("run", PROJECTS, "-o", base, "-q").returncode == 0
    result = run_regsim("run", PROJECTS, "-o", changed, "-q", "--set", "events.new-plant.capex=600",
                        "--set", "time.end=2025-12-31", "--set", "targets=[]")
    assert result.returncode == 0, result.stderr
    a, b = open_group(base, "indicators"), open_group(changed, "indicators")
    assert list(b.year.values) == [2023, 2024, 2025]
    assert float(b.investment.sel(year=2024)) == pytest.approx(2 * float(a.investment.sel(year=2024)))
    # Overrides are validated like the file: the 2026 target is outside a horizon ending in 2025.
    outside = run_regsim("run", PROJECTS, "-o", changed, "--set", "time.end=2025-12-31")
    assert outside.returncode == 3
    assert "targets[2].year: expected a simulated year, 2024 to 2025, found 2026" in outside.stderr
    bad = run_regsim("run", PROJECTS, "--set", "events.new-plan.capex=1")
    assert bad.returncode == 3
    assert 'no event has the id "new-plan"' in bad.stderr and 'did you mean "new-plant"' in bad.stderr


def test_info_rejects_files_that_are_not_runs(run_regsim, tmp_path):
    not_hdf5 = tmp_path / "x.h5"
    not_hdf5.write_text("hello")
    result = run_regsim("info", not_hdf5)
    assert result.returncode == 3
    assert f"{not_hdf5}: is not an HDF5 file (a regsim run file)" in result.stderr
    missing = run_regsim("info", tmp_path / "none.h5")
    assert missing.returncode == 3
    assert "none.h5: expected a regular file (a run file), found none" in missing.stderr
    # The other way round: a run file given where a scenario is expected.
    run_file = tmp_path / "run.h5"
    assert run_regsim("run", "scenarios/examples/miller-blair.yaml", "-o", run_file, "-q").returncode == 0
    wrong = run_regsim("run", run_file, "-o", tmp_path / "again.h5")
    assert wrong.returncode == 3
    assert f"{run_file}: is an HDF5 file (a run file?), not a YAML scenario; `regsim info` describes a run file" \
        in wrong.stderr


@pytest.fixture
def damaged_copy(run_regsim, tmp_path):
    """A fresh run file of the Miller & Blair example, for a test to damage."""
    path = tmp_path / "run.h5"
    assert run_regsim("run", "scenarios/examples/miller-blair.yaml", "-o", path, "-q").returncode == 0
    return path


def test_a_damaged_run_file_is_an_input_error_naming_what_is_wrong(run_regsim, damaged_copy):
    # A shape that claims more elements than the file could hold is refused before anything is
    # allocated (it used to end in std::bad_alloc after asking for terabytes).
    with h5py.File(damaged_copy, "r+") as f:
        del f["yearly/value_added"]
        f.create_dataset("yearly/value_added", shape=(10**6, 10**6), dtype="f8")  # never allocated
    result = run_regsim("info", damaged_copy)
    assert result.returncode == 3, result.stderr
    assert "the run file is damaged or incomplete: reading /yearly/value_added: its shape claims" in result.stderr
    # Text where numbers belong, and numbers where text belongs.
    with h5py.File(damaged_copy, "r+") as f:
        del f["yearly/value_added"]
        f["yearly/value_added"] = np.array(["a", "b"], dtype=object)
    result = run_regsim("info", damaged_copy)
    assert result.returncode == 3
    assert "reading /yearly/value_added: expected numbers" in result.stderr


def test_a_truncated_run_file_is_an_input_error(run_regsim, damaged_copy):
    data = damaged_copy.read_bytes()
    for size in (len(data) // 2, len(data) - 100):
        damaged_copy.write_bytes(data[:size])
        for command in (["info", damaged_copy], ["compare", damaged_copy, damaged_copy]):
            result = run_regsim(*command)
            assert result.returncode == 3, (size, command, result.stderr)
            assert "damaged" in result.stderr or "not an HDF5 file" in result.stderr


def test_ncdump_reads_every_group_of_a_run_file(run_regsim, tmp_path):
    # netCDF-C's own reader (Debian's netcdf-bin) opens format 2: text attributes of fixed length,
    # text datasets variable-length (ncdump 4.9 crashes on fixed-length string datasets).
    import subprocess

    out = tmp_path / "jinzhong.h5"
    assert run_regsim("run", "scenarios/jinzhong-2024.yaml", "-o", out, "--quiet").returncode == 0
    dump = subprocess.run(["ncdump", str(out)], capture_output=True, text=True, timeout=120)
    assert dump.returncode == 0, dump.stderr[-500:]
    assert ':scenario_name = "jinzhong-2024" ;' in dump.stdout
    assert 'sector = "agriculture", "coal_mining"' in dump.stdout
    for group in ("series", "yearly", "indicators", "chains", "graph", "events"):
        assert f"group: {group} {{" in dump.stdout
