"""Results a lever makes impossible are reported, and --strict refuses them (docs/cli.md)."""

import h5py

from conftest import SOURCE_DIR

EXAMPLE = SOURCE_DIR / "scenarios" / "examples" / "miller-blair.yaml"


def overdrawn(tmp_path):
    """Sector 1's household demand (200 a year) cut by 1,000 in 2024: its output goes negative."""
    scenario = tmp_path / "overdrawn.yaml"
    scenario.write_text(
        f"extends: {EXAMPLE}\nname: overdrawn\n"
        "events:\n  - {id: cut, kind: demand, category: household, sectors: sec1, amount: -1000, "
        "from: 2024-01-01, to: 2024-12-31}\n")
    return scenario


def test_negative_results_are_warned_about_and_listed_in_the_run_file(run_regsim, tmp_path):
    out = tmp_path / "overdrawn.h5"
    result = run_regsim("run", overdrawn(tmp_path), "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "regsim: warning: 3 negative yearly values of output, value added or final demand" in result.stderr
    assert "output of sec1 in 2024 -" in result.stderr
    with h5py.File(out, "r") as f:
        quantities = [q.decode() if isinstance(q, bytes) else q for q in f["checks/quantity"][()]]
        sectors = [s.decode() if isinstance(s, bytes) else s for s in f["checks/sector"][()]]
        assert sorted(zip(quantities, sectors)) == [("final_demand", "sec1"), ("output", "sec1"),
                                                    ("value_added", "sec1")]
        assert list(f["checks/year"][()]) == [2024] * 3
        assert (f["checks/value"][()] < 0).all()


def test_strict_refuses_the_run_and_writes_nothing(run_regsim, tmp_path):
    out = tmp_path / "overdrawn.h5"
    result = run_regsim("run", overdrawn(tmp_path), "-o", out, "--strict")
    assert result.returncode == 6
    assert "--strict: 1 warning, so no run file is written" in result.stderr
    assert not out.exists()
    assert list(tmp_path.glob(".*tmp*")) == []


def test_check_counts_the_warnings(run_regsim, tmp_path):
    result = run_regsim("check", overdrawn(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "  results: 1 warning; 3 negative yearly values" in result.stdout
    clean = run_regsim("check", EXAMPLE)
    assert "  results: 0 warnings, no negative output, value added or final demand" in clean.stdout


def test_a_plant_on_line_before_it_is_built_is_a_located_warning(run_regsim, tmp_path):
    scenario = tmp_path / "early.yaml"
    scenario.write_text(
        f"extends: {EXAMPLE}\nname: early\n"
        "events:\n  - {id: plant, kind: project, sector: sec1, capex: 10, build: {from: 2024-01-01, to: 2024-12-31},\n"
        "     mix: {sec2: 1}, output: 5, online: 2024-06-01}\n")
    result = run_regsim("run", scenario, "-o", tmp_path / "early.h5", "--quiet", "--strict")
    assert result.returncode == 6
    assert (f"regsim: warning: {scenario}:5:41: events[plant].online: the plant is on line on 2024-06-01, "
            "before its build window ends on 2024-12-31") in result.stderr


def test_run_and_info_print_the_deflators_of_a_run_with_price_levers(run_regsim, tmp_path):
    out = tmp_path / "prices.h5"
    ran = run_regsim("run", "tests/data/scenarios/prices.yaml", "-o", out)
    assert ran.returncode == 0, ran.stderr
    info = run_regsim("info", out)
    for printed in (ran.stdout, info.stdout):
        assert "price index   unit  2023 (table)    2024    2025" in printed
        assert "deflator gdp     1        1.0000  1.0146  0.9234" in printed
    plain = run_regsim("run", EXAMPLE, "-o", tmp_path / "plain.h5")
    assert "deflator" not in plain.stdout
