"""regsim compare and regsim seek end to end, and rules as a run file records them."""

import csv
import io
import json

import pathlib

import h5py
import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]

EXAMPLE = "scenarios/examples/miller-blair.yaml"
PROJECTS = "scenarios/examples/miller-blair-projects.yaml"


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_compare_with_set_measures_the_change_exactly(run_regsim):
    # Vouchers run 2024-05-01 to 10-31 (184 days); doubling them from 120 to 240 a year adds
    # 120 · 184/366 to GDP (value-added multipliers are 1).
    result = run_regsim("compare", EXAMPLE, "--set", "events.consumption-vouchers.amount=240", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = rows_of(result.stdout)
    gdp_2024 = [r for r in rows if r["section"] == "indicator" and r["item"] == "gdp" and r["year"] == "2024"]
    assert [r["run"] for r in gdp_2024] == ["miller-blair-2x2", "miller-blair-2x2 --set"]
    assert float(gdp_2024[1]["difference"]) == pytest.approx(120 * 184 / 366, rel=1e-12)
    events = {r["item"]: float(r["difference"]) for r in rows if r["section"] == "event" and r["run"].endswith("--set")}
    assert events["consumption-vouchers"] == pytest.approx(120 * 184 / 366, rel=1e-12)


def test_event_changes_sum_to_the_indicator_change(run_regsim):
    result = run_regsim("compare", EXAMPLE, PROJECTS, "--format", "csv", "--top", "0", "--indicator", "gdp",
                        "--year", "2025")
    assert result.returncode == 0, result.stderr
    rows = rows_of(result.stdout)
    other = "miller-blair-projects"
    total = next(float(r["difference"]) for r in rows
                 if r["section"] == "indicator" and r["item"] == "gdp" and r["year"] == "2025" and r["run"] == other)
    events = [float(r["difference"]) for r in rows if r["section"] == "event" and r["run"] == other]
    assert len(events) == 1 + 5  # baseline, 3 events, 2 trends
    assert sum(events) == pytest.approx(total, rel=1e-10)
    assert total != 0


def test_a_run_file_compares_equal_to_its_scenario(run_regsim, tmp_path):
    assert run_regsim("run", PROJECTS, "-o", tmp_path / "p.h5", "-q").returncode == 0
    result = run_regsim("compare", tmp_path / "p.h5", PROJECTS, "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [r["label"] for r in doc["runs"]] == ["miller-blair-projects", "miller-blair-projects #2"]
    assert doc["years"] == [2023, 2024, 2025, 2026]
    for indicator in doc["indicators"]:
        assert indicator["values"][0] == pytest.approx(indicator["values"][1], rel=1e-14)
    assert len(doc["targets"]) == 2 and len(doc["targets"][0]) == 3


def test_compare_writes_scenario_runs_only_when_asked(run_regsim, tmp_path):
    result = run_regsim("compare", SOURCE_DIR / EXAMPLE, SOURCE_DIR / PROJECTS, "-o", tmp_path / "runs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["miller-blair-projects.h5", "miller-blair.h5"]
    assert "what explains the change in gdp 2024" in result.stdout
    (tmp_path / "taken").write_text("a file, not a folder")
    blocked = run_regsim("compare", SOURCE_DIR / EXAMPLE, SOURCE_DIR / PROJECTS, "-o", tmp_path / "taken" / "runs")
    assert blocked.returncode == 5
    assert "cannot create the folder" in blocked.stderr


def test_compare_refuses_runs_of_different_tables(run_regsim):
    result = run_regsim("compare", EXAMPLE, "scenarios/jinzhong-2024.yaml")
    assert result.returncode == 3
    assert "scenarios/jinzhong-2024.yaml: cannot compare run \"jinzhong-2024\" with the reference" in result.stderr
    assert "sectors differ (55 vs 2 in the reference; sector 1 is \"agriculture\" vs \"sec1\")" in result.stderr
    assert "base year 2023" not in result.stderr  # the same base year is not a difference
    assert "units \"10k CNY\" vs \"USD\"" in result.stderr


def test_compare_needs_two_runs(run_regsim, tmp_path):
    result = run_regsim("compare", EXAMPLE)
    assert result.returncode == 3
    assert "compare needs two runs or more" in result.stderr
    assert run_regsim("run", EXAMPLE, "-o", tmp_path / "a.h5", "-q").returncode == 0
    ignored = run_regsim("compare", EXAMPLE, tmp_path / "a.h5", "--set", "time.end=2025-12-31")
    assert ignored.returncode == 3
    assert "--set:1:1: --set changes scenario arguments after the first" in ignored.stderr


def test_seek_writes_a_scenario_that_meets_the_target(run_regsim, tmp_path):
    written = tmp_path / "sought.yaml"
    result = run_regsim("seek", "tests/data/scenarios/seek_split.yaml", "-o", tmp_path / "seek.h5",
                        "--write-scenario", written)
    assert result.returncode == 0, result.stderr
    assert "every target met" in result.stdout
    text = written.read_text()
    assert "extends: " in text and "seek_split.yaml" in text
    assert "amount: 102.5" in text
    # Run from elsewhere: the written file finds what it extends by a relative path.
    run = run_regsim("run", written, "-o", tmp_path / "check.h5", "-q", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with h5py.File(tmp_path / "check.h5") as f:
        gdp = f["indicators/gdp"][:]
        assert gdp[1] / gdp[0] - 1 == pytest.approx(0.10, abs=1e-12)
    with h5py.File(tmp_path / "seek.h5") as f:
        assert f["indicators/gdp"][1] == pytest.approx(gdp[1], rel=1e-14)


def test_seek_says_when_the_target_is_out_of_reach(run_regsim, tmp_path):
    result = run_regsim("seek", "tests/data/scenarios/seek_infeasible.yaml", "-o", tmp_path / "s.h5")
    assert result.returncode == 0, result.stderr
    assert "cannot all be met within the instruments' bounds" in result.stdout
    assert "-0.24 pt" in result.stdout  # 200/2050 − 10 % = −0.2439 pt
    assert "at bound" in result.stdout


def test_seek_errors_point_at_the_seek_block(run_regsim, tmp_path):
    result = run_regsim("seek", "tests/data/scenarios/bad_seek.yaml", "-o", tmp_path / "s.h5")
    assert result.returncode == 3
    assert "bad_seek.yaml:16:29: seek.instruments[0].field: event \"plant\" has no build phase to move" in result.stderr
    assert not (tmp_path / "s.h5").exists()
    no_seek = run_regsim("seek", EXAMPLE, "-o", tmp_path / "s.h5")
    assert no_seek.returncode == 3
    assert "this scenario has no seek: block" in no_seek.stderr


def days_of_rule(f):
    return [int(d) for d, k in zip(f["events/date"][:], f["events/kind"][:]) if k.decode() == "rule"]


def test_rule_firings_are_in_the_event_log_and_attribution(run_regsim, tmp_path):
    scenario = tmp_path / "rule.yaml"
    scenario.write_text(
        f"regsim: 1\nextends: {SOURCE_DIR / EXAMPLE}\nname: rule\n"
        "events:\n"
        "  - {id: push, kind: rule, every: quarterly, when: {indicator: gdp, ytd_growth_below: 0.10},\n"
        "     then: {scale: consumption-vouchers, by: 2}, max_times: 4}\n")
    result = run_regsim("run", scenario, "-o", tmp_path / "rule.h5", "-q")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "rule.h5") as f:
        kinds = [k.decode() for k in f["events/kind"][:]]
        details = [d.decode() for d in f["events/detail"][:]]
        fired = [d for k, d in zip(kinds, details) if k == "rule"]
        # The first check (04-01), before the vouchers start, doubles their schedule; 07-01 doubles
        # it again; by 10-01 the vouchers at 480 a year lift year-to-date growth over 10 %, so the
        # rule rests until the whole of 2024 (9.82 %) and 2025's first quarter fall short again.
        assert len(fired) == 4
        assert days_of_rule(f) == [91, 182, 366, 456]
        assert fired[0].startswith("gdp year-to-date growth")
        days = f["events/date"][:]
        assert list(days) == sorted(days)
        owners = [e.decode() for e in f["attribution/event"][:]]
        assert "push" in owners
        push = f["attribution/gdp"][owners.index("push")]
        assert push[1] > 0
        total = f["attribution/gdp"][:].sum(axis=0)
        assert total == pytest.approx(f["indicators/gdp"][:], rel=1e-12)


def test_check_counts_rules_and_the_seek_block(run_regsim):
    result = run_regsim("check", "scenarios/what-if/manufacturing-rule.yaml")
    assert result.returncode == 0, result.stderr
    assert "  1 rule (kind: rule)" in result.stdout
    assert "  seek: 1 target, 2 instruments (regsim seek)" in result.stdout
    plain = run_regsim("check", EXAMPLE)
    assert "rule" not in plain.stdout and "seek" not in plain.stdout


def test_each_compared_run_shows_what_explains_it(run_regsim):
    # No new projects changes GDP by far more than the vouchers do; the vouchers event, the only
    # one that explains the vouchers run, is still among the rows (each run's own top 3).
    result = run_regsim("compare", "scenarios/jinzhong-2024.yaml", "scenarios/what-if/consumption-vouchers.yaml",
                        "scenarios/what-if/no-new-projects.yaml", "--top", "3", "--format", "csv")
    assert result.returncode == 0, result.stderr
    events = {r["item"] for r in rows_of(result.stdout) if r["section"] == "event"}
    assert "vouchers" in events
    assert 3 < len(events) <= 6
