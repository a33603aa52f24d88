"""The Python package against run files the C++ engine wrote in this test run."""

import pathlib
import shutil
import re
import subprocess
import sys

import h5py
import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

import regsim

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]

@pytest.fixture(scope="module")
def run(jinzhong_runs):
    return regsim.load(jinzhong_runs["default"])


def test_meta_holds_the_scenario_and_versions(run):
    assert run.name == "jinzhong-2024"
    assert run.meta["format_version"] == regsim.FORMAT_VERSION
    assert "chains:" in run.meta["scenario_yaml"]
    assert run.units == "10k CNY"
    assert run.meta["base_year"] == 2023


def test_series_and_yearly_are_labelled(run):
    series = run.series("output")
    assert isinstance(series.index, pd.DatetimeIndex)
    assert series.shape == (36, 55)
    assert series.index[0] == pd.Timestamp("2024-01-01") and series.index[-1] == pd.Timestamp("2026-12-01")
    assert list(series.columns[:2]) == ["agriculture", "coal_mining"]
    yearly = run.yearly("value_added")
    assert list(yearly.index) == [2023, 2024, 2025, 2026]
    # The base-year row is the table: GDP 24,054,711 (10k CNY), as published (scenarios/data/jinzhong-2023).
    assert yearly.loc[2023].sum() == pytest.approx(24054711.0, rel=1e-9)
    assert run.sectors.loc["pv_modules", "name_zh"] == "光伏电池及组件"
    assert "employment" in run.quantities() and "co2" in run.quantities()
    with pytest.raises(KeyError, match="no quantity 'jobs'"):
        run.yearly("jobs")


def test_indicators_targets_and_the_attribution_identity(run):
    indicators = run.indicators()
    assert list(indicators.index) == [2023, 2024, 2025, 2026]
    assert indicators.attrs["units"]["jobs"] == "persons"
    assert indicators.loc[2024, "gdp"] == pytest.approx(run.yearly("value_added").loc[2024].sum(), rel=1e-12)
    targets = run.targets()
    assert len(targets) == 7
    assert set(targets.columns) == {"indicator", "year", "kind", "target", "simulated", "gap", "met"}
    np.testing.assert_allclose(targets["gap"], targets["simulated"] - targets["target"], atol=1e-12)
    for name in ["gdp", "manufacturing_va", "retail_sales", "co2"]:
        attribution = run.attribution(name)
        assert attribution.index[0] == ("baseline", "baseline")
        assert attribution.index.names == ["event", "kind"]
        assert attribution.loc["geely-methanol-expansion"].index.tolist() == ["project"]
        sums = attribution.sum()  # numbers only: the kind is an index level
        np.testing.assert_allclose(sums.values, indicators[name].values, rtol=1e-9)


def test_events_chains_and_graph(run):
    events = run.events()
    assert events["date"].is_monotonic_increasing
    assert {"demand", "project", "trend"} >= set(events["kind"])
    chains = run.chains("value_added")
    assert list(chains.columns) == ["nev", "equipment", "special_steel", "pv", "medicine", "carbon", "food",
                                    "building_materials"]
    members = run.chain_members()
    assert members.query("chain == 'pv' and role == 'core'")["sector"].tolist() == ["pv_modules"]
    # A chain's value added is the sum of its members' value added.
    nev = members.query("chain == 'nev'")["sector"]
    np.testing.assert_allclose(chains["nev"], run.yearly("value_added")[nev].sum(axis=1), rtol=1e-12)
    assert (run.graph()["coefficient"] >= 0.01).all()
    assert run.linkages()["backward"].mean() == pytest.approx(1.0)


def test_compare_lines_runs_up_against_the_first(jinzhong_runs, run):
    other = regsim.load(jinzhong_runs["no-new-projects"])
    c = regsim.compare(run, other)
    assert c.reference == "jinzhong-2024"
    mine = c.indicators.query("run == 'jinzhong-2024'")
    assert (mine["difference"] == 0).all()
    gdp = c.indicators.query("run == 'no-new-projects' and indicator == 'gdp' and year == 2024").iloc[0]
    assert gdp["value"] == pytest.approx(other.indicators().loc[2024, "gdp"])
    assert gdp["difference"] == pytest.approx(other.indicators().loc[2024, "gdp"] - run.indicators().loc[2024, "gdp"])
    assert gdp["difference"] < 0  # without the project programme GDP is lower
    assert set(c.sectors["quantity"]) == {"value_added"}
    assert len(c.sectors) == 2 * 4 * 55
    assert len(c.targets) == 2 * 7


def test_compare_refuses_runs_of_different_tables(run, regsim_bin, tmp_path):
    path = tmp_path / "mb.h5"
    subprocess.run([str(regsim_bin), "run", "scenarios/examples/miller-blair.yaml", "-o", str(path), "-q"],
                   cwd=SOURCE_DIR, check=True)
    with pytest.raises(ValueError, match="cannot compare miller-blair-2x2 with jinzhong-2024: different sectors; "
                                         "units 'USD' vs '10k CNY'"):
        regsim.compare(run, regsim.load(path))


def test_load_refuses_other_files(jinzhong_runs, tmp_path):
    other = tmp_path / "v3.h5"
    shutil.copy(jinzhong_runs["default"], other)
    with h5py.File(other, "r+") as f:
        f.attrs["format_version"] = 3
    with pytest.raises(regsim.RunFormatError, match="is a run file of format 3; this regsim package reads formats 1 to 2"):
        regsim.load(other)
    plain = tmp_path / "plain.h5"
    with h5py.File(plain, "w") as f:
        f["x"] = [1, 2]
    with pytest.raises(regsim.RunFormatError, match="is not a regsim run file"):
        regsim.load(plain)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(regsim.RunFormatError, match="is not an HDF5 file"):
        regsim.load(text)


def test_a_missing_or_damaged_group_is_a_run_format_error(jinzhong_runs, tmp_path):
    damaged = tmp_path / "damaged.h5"
    shutil.copy(jinzhong_runs["default"], damaged)
    with h5py.File(damaged, "r+") as f:
        del f["yearly"]
    run = regsim.load(damaged)
    with pytest.raises(regsim.RunFormatError, match=r"cannot read the group /yearly .*damaged or not a whole run file"):
        run.yearly("output")
    with pytest.raises(regsim.RunFormatError, match="cannot read the group /dynamics"):
        run.dataset("dynamics")


def test_plots_return_their_figures(jinzhong_runs, run):
    from regsim import plots

    other = regsim.load(jinzhong_runs["methanol"])
    figures = [plots.indicator_paths([run, other], "manufacturing_va"),
               plots.attribution_waterfall(run, "manufacturing_va", 2024),
               plots.chain_contributions(run, "manufacturing_va", 2024),
               plots.sector_heatmap(run, "value_added"),
               plots.sector_heatmap(other, "value_added", reference=run)]
    for fig in figures:
        assert isinstance(fig, matplotlib.figure.Figure)
        assert fig.axes
    # The waterfall's last bar is the year's whole change.
    bars = figures[1].axes[0].patches
    change = run.indicators().loc[2024, "manufacturing_va"] - run.indicators().loc[2023, "manufacturing_va"]
    assert bars[-1].get_width() == pytest.approx(change)
    with pytest.raises(ValueError, match="not a simulated year"):
        plots.attribution_waterfall(run, "gdp", 2023)


def test_chain_contributions_of_a_run_without_chains_says_so(regsim_bin, tmp_path):
    from regsim import plots

    out = tmp_path / "mb.h5"
    subprocess.run([str(regsim_bin), "run", "scenarios/examples/miller-blair.yaml", "-o", str(out), "-q"],
                   cwd=SOURCE_DIR, check=True)
    fig = plots.chain_contributions(regsim.load(out))
    assert "declares no industry chains" in fig.axes[0].texts[0].get_text()


def test_report_is_one_self_contained_page(jinzhong_runs, python_env, tmp_path):
    out = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "regsim", "report", str(jinzhong_runs["default"]),
                             str(jinzhong_runs["no-new-projects"]), "-o", str(out)], env=python_env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 10
    assert "0 of 7 targets met" in page
    assert "Indicators side by side" in page
    assert "Industry chains" in page
    assert "livelihood-projects" in page  # the scenario text
    assert "src=\"http" not in page  # nothing to fetch
    # Every figure says what it shows; the page has a language and a contents list; gaps are points.
    assert 'alt="figure"' not in page and 'alt="Waterfall of what changed gdp from 2023 to 2024' in page
    assert '<html lang="en">' in page and '<a href="#run0-0">Targets</a>' in page
    assert "-4.21 pt" in page and "-3.49%" not in page
    assert not re.search(r">[-+]?[0-9.]+e[-+][0-9]+<", page)  # no exponent in any cell
    again = subprocess.run([sys.executable, "-m", "regsim", "report", str(jinzhong_runs["default"]), "-o", str(out)],
                           env=python_env, capture_output=True, text=True, check=False)
    assert again.returncode == 5 and "give --force to replace it" in again.stderr
    chinese = subprocess.run([sys.executable, "-m", "regsim", "report", str(jinzhong_runs["default"]), "-o", str(out),
                              "--force", "--lang", "zh"], env=python_env, capture_output=True, text=True, check=False)
    assert chinese.returncode == 0, chinese.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh">' in page and "地区生产总值" in page and "亿元" in page and "目录" in page
    bad = subprocess.run([sys.executable, "-m", "regsim", "report", str(tmp_path / "missing.h5"), "-o",
                          str(tmp_path / "r.html")], env=python_env, capture_output=True, text=True, check=False)
    assert bad.returncode == 3
    assert "no such run file" in bad.stderr
    assert not (tmp_path / "r.html").exists()


def test_dynamics_and_bottlenecks_of_an_ario_run(regsim_bin, tmp_path, run):
    out = tmp_path / "constrained.h5"
    subprocess.run([str(regsim_bin), "run", "scenarios/what-if/capacity-constrained.yaml", "-o", str(out), "-q"],
                   cwd=SOURCE_DIR, check=True)
    constrained = regsim.load(out)
    assert constrained.is_dynamic and not run.is_dynamic
    production = constrained.dynamics("production")
    assert production.shape == (1096, 55)
    assert production.index[0] == pd.Timestamp("2024-01-01")
    assert (production <= constrained.dynamics("capacity") + 1e-9).all().all()
    # A year of daily production is that year's output (2024 has 366 days of 365ths of a year).
    daily_total = production.loc["2024"].sum() * 365 / 366
    assert np.allclose(daily_total, constrained.yearly("output").loc[2024], rtol=1e-9)
    bottlenecks = constrained.bottlenecks()
    assert list(bottlenecks.columns) == ["chain", "input", "member_days"]
    assert len(bottlenecks) > 0 and (bottlenecks.member_days > 0).all()
    for _, rows in bottlenecks.groupby("chain", sort=False):  # most member-days first in each chain
        assert list(rows["member_days"]) == sorted(rows["member_days"], reverse=True)
    with pytest.raises(KeyError, match="no daily state"):
        run.dynamics()


def test_prices_deflators_and_checks(run, tmp_path, regsim_bin):
    out = tmp_path / "prices.h5"
    subprocess.run([str(regsim_bin), "run", "tests/data/scenarios/prices.yaml", "-o", str(out), "--quiet"],
                   cwd=SOURCE_DIR, check=True)
    priced = regsim.load(out)
    assert priced.has_prices and not run.has_prices
    yearly = priced.prices()
    assert list(yearly.index) == [2023, 2024, 2025]
    assert yearly.loc[2023].tolist() == [1.0, 1.0]
    assert yearly.loc[2025, "sec2"] == pytest.approx(0.9, abs=1e-12)
    assert isinstance(priced.prices(yearly=False).index, pd.DatetimeIndex)
    deflators = priced.deflators()
    assert list(deflators.columns) == ["gdp", "cpi", "ppi", "fai"]
    assert deflators.loc[2024, "gdp"] == pytest.approx(2080.0 / 2050.0, rel=1e-12)
    indicators = priced.indicators()
    assert indicators.loc[2024, "gdp_nominal"] / indicators.loc[2024, "gdp"] == pytest.approx(deflators.loc[2024, "gdp"])
    with pytest.raises(KeyError, match="no price levers"):
        run.deflators()
    assert run.checks().empty
    assert list(run.checks().columns) == ["quantity", "sector", "year", "value"]


@pytest.fixture(scope="module")
def ensemble_run(regsim_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("ensemble") / "e.h5"
    subprocess.run([str(regsim_bin), "ensemble", "scenarios/jinzhong-2024.yaml", "--draws", "200", "-o", str(out),
                    "-q"], cwd=SOURCE_DIR, check=True)
    return regsim.load(out)


def test_an_ensemble_gives_odds_bands_and_sensitivity(ensemble_run, run):
    e = ensemble_run.ensemble
    assert e.attrs["draws"] == 200 and e.attrs["sampling"] == "latin-hypercube"
    odds = e.p_met()
    assert list(odds.index) == list(zip(run.targets()["indicator"], run.targets()["year"]))
    reached = e.reached()
    targets = run.targets().set_index(["indicator", "year"])
    # P(met) is the share of draws at or above each target, and its error the binomial one.
    for (indicator, year), row in odds.iterrows():
        share = (reached[(indicator, year)] >= targets.loc[(indicator, year), "target"] - 1e-9).mean()
        assert row["p_met"] == pytest.approx(share, abs=0)
        assert row["p_met_se"] == pytest.approx(np.sqrt(share * (1 - share) / 200))
        assert row["central"] == pytest.approx(targets.loc[(indicator, year), "simulated"], rel=1e-12)
    bands = e.bands("gdp")
    assert list(bands.index) == [0.05, 0.25, 0.5, 0.75, 0.95]
    gdp = e.indicator("gdp")
    assert gdp.shape == (200, 4)
    assert bands[2024].values == pytest.approx(np.percentile(gdp[2024], [5, 25, 50, 75, 95]), rel=1e-14)
    output = e.bands("output")
    assert output.loc[(0.5, 2024)].shape == (len(run.sectors),)
    spearman = e.sensitivity()
    assert spearman.shape == (len(e.parameters()), len(odds))
    assert spearman.loc["trends.household", ("retail_sales", 2024)] > 0.9
    with pytest.raises(KeyError, match="no 'first_order' sensitivity"):
        e.sensitivity("first_order")
    with pytest.raises(regsim.RunFormatError, match="has no /ensemble"):
        run.ensemble


def test_ensemble_plots_and_report(ensemble_run, python_env, tmp_path):
    from regsim import plots

    fan = plots.fan_chart(ensemble_run, "manufacturing_va")
    tornado = plots.tornado(ensemble_run, "retail_sales")
    assert fan.axes and tornado.axes
    bars = tornado.axes[0].patches
    assert bars[0].get_width() > 0.9  # the household trend drives retail sales
    out = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "regsim", "report", str(ensemble_run.path), "-o", str(out)],
                            env=python_env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert ">How likely</a>" in page and "200 draws (latin-hypercube, seed" in page and "P(met)" in page
    assert "Fan chart of manufacturing_va by year over 200 draws" in page


READ_EVERYTHING = """
import sys
sys.path.insert(0, sys.argv[2])
import regsim
try:
    run = regsim.load(sys.argv[1])
    run.indicators(); run.targets(); run.attribution("gdp"); run.yearly("output"); run.series("output")
    run.events(); run.sectors; run.chains(); run.graph(); run.checks()
    print("read")
except regsim.RunFormatError as error:
    print("RunFormatError:", error)
"""


def test_a_damaged_run_file_is_a_run_format_error_never_a_crash(regsim_bin, tmp_path):
    # Random bytes changed in a run file (the experiment): each file either reads or raises
    # RunFormatError; no other exception, no crash of the interpreter (a damaged global heap can
    # crash libhdf5 itself, which regsim.load's check in a child process turns into the error).
    import random

    base = tmp_path / "base.h5"
    subprocess.run([str(regsim_bin), "run", "scenarios/examples/miller-blair-projects.yaml", "-o", str(base), "-q"],
                   cwd=SOURCE_DIR, check=True)
    original = base.read_bytes()
    chooser = random.Random(7)
    outcomes = []
    for i in range(12):
        damaged = bytearray(original)
        for _ in range(8):
            damaged[chooser.randrange(len(damaged))] = chooser.randrange(256)
        path = tmp_path / f"damaged-{i}.h5"
        path.write_bytes(bytes(damaged))
        done = subprocess.run([sys.executable, "-c", READ_EVERYTHING, str(path), str(SOURCE_DIR / "analysis")],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stderr == "", (i, done.returncode, done.stderr[-500:])
        outcomes.append(done.stdout.split(":")[0].strip())
    assert set(outcomes) <= {"read", "RunFormatError"} and "RunFormatError" in outcomes
