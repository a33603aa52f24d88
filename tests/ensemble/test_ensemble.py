"""regsim ensemble end to end: the file it writes, its reproducibility, its messages."""

import h5py
import numpy as np
import pytest

BY_HAND = "tests/data/scenarios/ensemble.yaml"


def datasets(path, group="ensemble"):
    """Every dataset under `group`, by path, as bytes-exact numpy arrays."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
        f[group].visititems(visit)
    return out


def test_prints_the_odds_and_writes_the_central_run_with_the_draws(run_regsim, tmp_path):
    out = tmp_path / "e.h5"
    result = run_regsim("ensemble", BY_HAND, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "6000 draws (latin-hypercube, seed 7) of 1 parameter; 6000 runs" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("plant_output growth"))
    assert "33.3 % ± 0.6" in row and "events.plant.online (-0.94)" in row
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    with h5py.File(out, "r") as f:
        assert f["ensemble"].attrs["draws"] == 6000
        assert f["ensemble/p_met"][0] == pytest.approx(1 / 3, abs=0)
        assert f["ensemble/samples"].shape == (6000, 1)
        # The central run is the scenario as written, shift 0: on line for 30 days of 2024.
        assert f["ensemble/central"][0] == pytest.approx(f["targets/simulated_growth"][0], rel=0)
        met = f["ensemble/met"][:, 0] == 1
        assert (met == (f["ensemble/samples"][:, 0] <= 19)).all()
        bands = f["ensemble/indicator_bands/plant_output"][:]
        draws = f["ensemble/indicators/plant_output"][:]
        assert bands[:, 2] == pytest.approx(np.percentile(draws[:, 2], [5, 25, 50, 75, 95]), rel=1e-15)


def test_the_same_seed_gives_the_same_bytes_at_any_thread_count(run_regsim, tmp_path):
    files = []
    for threads in (1, 2, 4):
        out = tmp_path / f"t{threads}.h5"
        assert run_regsim("ensemble", "scenarios/jinzhong-2024.yaml", "--draws", "50", "--threads", threads,
                          "-o", out, "-q").returncode == 0
        files.append(datasets(out))
    for other in files[1:]:
        assert other.keys() == files[0].keys()
        for name, values in files[0].items():
            assert np.array_equal(values, other[name], equal_nan=values.dtype.kind == "f"), name


def test_full_runs_agree_with_the_recombined_draws(run_regsim, tmp_path):
    recombined, full = tmp_path / "r.h5", tmp_path / "f.h5"
    result = run_regsim("ensemble", "scenarios/jinzhong-2024.yaml", "--draws", "40", "-o", recombined)
    assert "40 runs (40 recombined from the central run, with no solve)" in result.stdout
    result = run_regsim("ensemble", "scenarios/jinzhong-2024.yaml", "--draws", "40", "--full-runs", "-o", full)
    assert "40 runs in" in result.stdout
    a, b = datasets(recombined), datasets(full)
    assert a.keys() == b.keys()
    for name, values in a.items():
        if values.dtype.kind == "f":
            assert values == pytest.approx(b[name], rel=1e-12, nan_ok=True), name
        else:
            assert np.array_equal(values, b[name]), name


def test_seed_and_draws_from_the_command_line(run_regsim, tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    assert run_regsim("ensemble", BY_HAND, "--draws", "30", "--seed", "1", "-o", a, "-q").returncode == 0
    assert run_regsim("ensemble", BY_HAND, "--draws", "30", "--seed", "2", "-o", b, "-q").returncode == 0
    sa, sb = datasets(a)["samples"], datasets(b)["samples"]
    assert sa.shape == (30, 1) and not np.array_equal(sa, sb)


def test_a_scenario_without_uncertainty_is_refused(run_regsim, tmp_path):
    result = run_regsim("ensemble", "scenarios/examples/miller-blair.yaml", "-o", tmp_path / "x.h5")
    assert result.returncode == 3
    assert "uncertainty: this scenario has no uncertainty: block" in result.stderr
    assert not (tmp_path / "x.h5").exists()


def test_an_invalid_draw_names_the_parameter_and_the_draw(run_regsim, tmp_path):
    result = run_regsim("ensemble", "tests/data/scenarios/ensemble_invalid.yaml", "-o", tmp_path / "x.h5")
    assert result.returncode == 3, result.stderr
    assert ("ensemble_invalid.yaml:8:7: uncertainty.parameters[0]: draw 0: shifting online by -400 days puts it on "
            "2023-10-29, outside the "
            "build's start to the horizon's end (2024-01-01 to 2025-12-31) (events.plant.online); add clip: true"
            in result.stderr)
    assert not (tmp_path / "x.h5").exists()


def test_patterns_that_match_nothing_warn_only_the_ensemble(run_regsim, tmp_path):
    run = run_regsim("run", "scenarios/what-if/no-new-projects.yaml", "-o", tmp_path / "r.h5", "--strict")
    assert run.returncode == 0, run.stderr
    ensemble = run_regsim("ensemble", "scenarios/what-if/no-new-projects.yaml", "--draws", "20",
                          "-o", tmp_path / "e.h5", "-q")
    assert ensemble.returncode == 0
    assert '"events.*.dates" matches no field of this scenario (in events of kind project)' in ensemble.stderr


def test_non_finite_and_huge_numbers_are_refused_where_written(run_regsim, tmp_path):
    result = run_regsim("ensemble", "tests/data/scenarios/ensemble_hostile.yaml", "-o", tmp_path / "x.h5")
    assert result.returncode == 3
    f = "tests/data/scenarios/ensemble_hostile.yaml"
    assert result.stderr.splitlines() == [
        f + ':8:53: uncertainty.parameters[0].shift.uniform[0]: expected a number of days such as -30d or 180d '
            '(at most 36500 either way), found ".nan"',
        f + ':9:58: uncertainty.parameters[1].scale.normal.mean: expected a number, found ".inf"',
        f + ":10:61: uncertainty.parameters[2].value.lognormal.median: expected a number of magnitude at most "
            "1e+15, found 1e+300",
        f + ':11:78: uncertainty.parameters[3].scale.discrete.weights[0]: expected a number, found ".inf"',
        f + ":12:27: uncertainty.correlate[0].paths[1]: expected a text value, found a map",
        f + ':12:41: uncertainty.correlate[0].rho: expected a number, found ".nan"',
        "regsim: 6 problems found"]
    assert not (tmp_path / "x.h5").exists()


def test_an_ensemble_too_large_for_memory_is_refused_before_it_starts(run_regsim, tmp_path):
    # 8 bytes × (2 × 4 years × 55 sectors + 9 indicators × 4 years + 2 × 7 targets + 3 × 63 parameters) a draw.
    result = run_regsim("ensemble", "scenarios/jinzhong-2024.yaml", "--draws", "1000000", "-o", tmp_path / "x.h5")
    assert result.returncode == 3
    per_draw = 8 * (2 * 4 * 55 + 9 * 4 + 2 * 7 + 3 * 63)
    assert (f"uncertainty.draws: 1000000 draws of 55 sectors over 4 years would hold "
            f"{per_draw * 1e6 / 2**30:.1f} GiB of results in memory, more than the 4 GiB an ensemble may use; "
            f"take at most {4 * 2**30 // per_draw} draws") in result.stderr
    assert not (tmp_path / "x.h5").exists()
