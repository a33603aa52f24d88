"""The ARIO engine as a user meets it: `dynamics: {model: ario}` scenarios run, write `/dynamics`
and report through `info` and `compare`; what only the linear engine can do is refused with a
located message."""

import h5py
import numpy as np
import xarray as xr

QUICKSTART = "scenarios/examples/boario-quickstart/quickstart.yaml"
SEEK = "scenarios/examples/miller-blair-seek.yaml"


def test_quickstart_runs_and_writes_the_daily_state(run_regsim, tmp_path):
    out = tmp_path / "q.h5"
    result = run_regsim("run", QUICKSTART, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "1 events, 0 trends, 48 sectors (ARIO, 730 daily steps)" in result.stdout
    dynamics = xr.open_dataset(out, engine="h5netcdf", group="dynamics")
    assert dynamics.sizes == {"step": 730, "sector": 48, "product": 8}
    assert str(dynamics.step.values[1])[:10] == "2024-01-02"
    # BoARIO's headline numbers: reg1 mining falls to 0.99081 of step 0 at step 1.
    mining = dynamics.production.sel(sector="reg1/mining")
    assert abs(float(mining[1] / mining[0]) - 0.99081) < 5e-6
    assert float((dynamics.production - dynamics.capacity).max()) <= 1e-9
    with h5py.File(out, "r") as f:
        assert list(f["attribution/event"].asstr()[:]) == ["baseline", "quickstart-rebuild", "interaction"]
        assert f["dynamics"].attrs["model"].decode() == "ario"
        assert list(f["sector_region"].asstr()[:8]) == ["reg1"] * 8
        # Attribution rows sum to the indicator in every year.
        gdp = f["indicators/gdp"][:]
        assert np.allclose(f["attribution/gdp"][:].sum(axis=0), gdp, rtol=1e-12)


def test_info_and_compare_read_ario_runs(run_regsim, tmp_path):
    out = tmp_path / "q.h5"
    assert run_regsim("run", QUICKSTART, "-o", out, "-q").returncode == 0
    info = run_regsim("info", out)
    assert info.returncode == 0, info.stderr
    assert "quickstart-rebuild" in info.stdout
    compared = run_regsim("compare", out, out)
    assert compared.returncode == 0, compared.stderr


def test_seek_refuses_the_nonlinear_engine(run_regsim):
    result = run_regsim("seek", SEEK, "--set", "dynamics.model=ario")
    assert result.returncode == 3
    assert "dynamics.model: seek needs the linear engine" in result.stderr


def test_a_disruption_needs_ario(run_regsim, tmp_path):
    result = run_regsim("run", QUICKSTART, "--set", "dynamics.model=leontief", "-o", tmp_path / "x.h5")
    assert result.returncode == 3
    assert "events[quickstart-rebuild].kind: a disruption needs supply constraints" in result.stderr
    assert not (tmp_path / "x.h5").exists()


def test_chains_report_their_bottleneck_inputs(run_regsim, tmp_path):
    out = tmp_path / "c.h5"
    result = run_regsim("run", "scenarios/what-if/capacity-constrained.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "bottleneck inputs" in result.stdout
    with h5py.File(out, "r") as f:
        sectors = list(f["dynamics/sector"].asstr()[:])
        products = list(f["dynamics/product"].asstr()[:])
        limiting = f["dynamics/limiting_input"][:]
        roles = f["chains/role"][:]  # chain × sector
        member_days = f["chains/bottlenecks/member_days"][:]  # chain × product
        assert list(f["chains/bottlenecks/product"].asstr()[:]) == products
        reported = 0
        for c, chain in enumerate(f["chains/chain"].asstr()[:]):
            bound = limiting[:, roles[c] > 0]
            expected = {products[p]: int((bound == p).sum()) for p in np.unique(bound[bound >= 0])}
            got = {products[p]: int(days) for p, days in enumerate(member_days[c]) if days > 0}
            assert got == expected, chain
            reported += bool(got)
        assert reported > 0
