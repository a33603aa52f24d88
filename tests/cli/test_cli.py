"""End-to-end tests of the regsim command: exit codes, messages and numbers as a user sees them."""

import csv
import io
import re
import shutil
from fractions import Fraction

import pytest

EXAMPLE = "scenarios/examples/miller-blair.yaml"


def test_version(run_regsim):
    result = run_regsim("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("regsim ")


def test_version_names_the_blas_kernels_chosen_for_this_cpu(run_regsim):
    flags = open("/proc/cpuinfo").read().split("\nflags", 1)[-1].split("\n", 1)[0].split()
    expected = ("SkylakeX" if {"avx512f", "avx512bw", "avx512dq", "avx512vl"} <= set(flags)
                else "Haswell" if {"avx2", "fma"} <= set(flags) else None)
    # regsim's own choice, whatever the machine's environment sets.
    result = run_regsim("--version", env={"OPENBLAS_CORETYPE": None})
    # Without AVX-512 or AVX2 OpenBLAS keeps its own choice, whatever it is.
    assert f"(OpenBLAS, {expected or ''}" in result.stdout


def test_version_keeps_the_users_blas_kernels(run_regsim):
    result = run_regsim("--version", env={"OPENBLAS_CORETYPE": "Prescott"})
    assert "(OpenBLAS, Prescott kernels, " in result.stdout


NO_THREAD_CHOICE = {"OPENBLAS_NUM_THREADS": None, "GOTO_NUM_THREADS": None, "OMP_NUM_THREADS": None}


def test_blas_starts_on_one_thread_when_the_user_chose_none(run_regsim):
    result = run_regsim("--version", env=NO_THREAD_CHOICE)
    assert re.search(r"kernels, 1 thread(, \d+ from 400 sectors)?\)", result.stdout), result.stdout


@pytest.mark.parametrize("variable", ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"])
def test_the_users_blas_thread_count_is_kept(run_regsim, variable):
    result = run_regsim("--version", env={**NO_THREAD_CHOICE, variable: "2"})
    # OpenBLAS caps the count at the cores it finds; either way regsim does not raise it later.
    assert re.search(r"kernels, [12] threads?\)", result.stdout), result.stdout
    assert "from 400 sectors" not in result.stdout


@pytest.mark.parametrize("command", [[], ["check"], ["multipliers"], ["run"], ["info"], ["compare"], ["seek"], ["ensemble"], ["chains"]])
def test_help_on_every_command(run_regsim, command):
    result = run_regsim(*command, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout or "Usage" in result.stderr


def test_usage_errors_exit_2(run_regsim):
    assert run_regsim().returncode == 2
    assert run_regsim("multipliers").returncode == 2
    assert run_regsim("multipliers", EXAMPLE, "--type", "III").returncode == 2
    assert run_regsim("nonsense").returncode == 2


def test_check_accepts_the_example(run_regsim):
    result = run_regsim("check", EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{EXAMPLE}: ok"
    assert "GDP 2,050 by production, 2,050 by expenditure (USD)" in result.stdout


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_type_one_multipliers_match_miller_blair(run_regsim):
    result = run_regsim("multipliers", EXAMPLE, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = read_csv(result.stdout)
    assert list(rows[0].keys()) == ["sector", "output", "value_added", "income", "employment"]
    # L = (1/303) [[380, 100], [80, 340]]; labour coefficients (0.3, 0.25).
    expected_output = [Fraction(460, 303), Fraction(440, 303)]
    expected_jobs = [Fraction(3, 10) * 380 / 303 + Fraction(1, 4) * 80 / 303,
                     Fraction(3, 10) * 100 / 303 + Fraction(1, 4) * 340 / 303]
    for row, out, jobs in zip(rows, expected_output, expected_jobs):
        assert float(row["output"]) == pytest.approx(float(out), rel=1e-14)
        assert float(row["employment"]) == pytest.approx(float(jobs), rel=1e-14)
        assert float(row["value_added"]) == pytest.approx(1.0, rel=1e-14)


def test_type_two_split_adds_up(run_regsim):
    result = run_regsim("multipliers", EXAMPLE, "--type", "II", "--split", "--format", "csv")
    assert result.returncode == 0, result.stderr
    for row in read_csv(result.stdout):
        for name in ["output", "value_added", "income", "employment"]:
            parts = sum(float(row[f"{name}_{part}"]) for part in ["direct", "indirect", "induced"])
            assert parts == pytest.approx(float(row[name]), rel=1e-13)
    first = read_csv(result.stdout)[0]
    assert float(first["output"]) == pytest.approx(235 / 106, rel=1e-14)


@pytest.mark.parametrize("scenario", [EXAMPLE, "scenarios/jinzhong-2024.yaml"])
def test_series_and_lu_solvers_agree(run_regsim, scenario):
    results = {}
    for solver in ("lu", "series"):
        result = run_regsim("multipliers", scenario, "--type", "II", "--split", "--format", "csv", "--solver", solver)
        assert result.returncode == 0, result.stderr
        results[solver] = read_csv(result.stdout)
    assert [r["sector"] for r in results["lu"]] == [r["sector"] for r in results["series"]]
    for lu, series in zip(results["lu"], results["series"]):
        for key in lu:
            if key != "sector":
                assert float(series[key]) == pytest.approx(float(lu[key]), rel=1e-13, abs=1e-15), key


def test_table_format_is_aligned(run_regsim):
    result = run_regsim("multipliers", EXAMPLE)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Type I multipliers per unit of final demand: miller-blair-2x2")
    # Columns are at least two spaces apart; a satellite's header carries its unit per unit of money.
    assert re.split(r"\s{2,}", lines[1]) == ["sector", "output", "value_added", "income", "employment (persons per USD)"]
    assert lines[2].split()[:2] == ["sec1", "1.518"]


def test_input_errors_exit_3_with_every_problem(run_regsim):
    result = run_regsim("check", "tests/data/scenarios/bad_keys.yaml")
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert lines[-1] == "regsim: 10 problems found"
    assert lines[0].startswith("tests/data/scenarios/bad_keys.yaml:2:1: nmae: unknown key")
    assert result.stdout == ""


def test_numerical_errors_exit_4(run_regsim, tmp_path):
    shutil.copy("tests/data/tables/not_productive.csv", tmp_path / "table.csv")
    shutil.copy("tests/data/tables/sectors2.csv", tmp_path / "sectors.csv")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "regsim: 1\nname: np\ntime: {start: 2024-01-01, end: 2024-12-31}\n"
        "economy:\n  table: table.csv\n  sectors: sectors.csv\n  units: USD\n  base_year: 2023\n"
        "  final_demand: {household: HH, exports: EXP}\n  value_added: {compensation: COMP, surplus: OS}\n")
    result = run_regsim("check", scenario)
    assert result.returncode == 4
    assert result.stderr.startswith("regsim: numerical error: sector \"b\": column sum of A is 1.2")


def test_competitive_type_two_scenario(run_regsim):
    result = run_regsim("check", "tests/data/scenarios/competitive.yaml")
    assert result.returncode == 0, result.stderr
    assert "competitive (converted)" in result.stdout
    assert "Type II model (households endogenous)" in result.stdout


def test_imported_inventories_may_be_drawn_down(run_regsim, tmp_path):
    """A build-table output once failed check: with inventories of mixed signs the imported part of
    the inventory column can be negative, and that is a real drawdown, not an error."""
    (tmp_path / "sectors.csv").write_text("code,name\na,A\nb,B\n")
    table = ("code,a,b,HH,INV,total\n"
             "a,10,20,50,{inv_a},\n"
             "b,5,10,40,{inv_b},\n"
             "imports,3,4,{hh},{inv_m},\n"
             "COMP,{va_a},{va_b},,,\n")
    scenario = ("regsim: 1\nname: inventories\ntime: {start: 2024-01-01, end: 2024-12-31}\n"
                "economy: {table: table.csv, sectors: sectors.csv, units: USD, base_year: 2023,\n"
                "          final_demand: {household: HH, inventory: INV}, value_added: {compensation: COMP}}\n")
    (tmp_path / "s.yaml").write_text(scenario)
    # Row a: 10 + 20 + 50 + 5 = 85 = column a: 10 + 5 + 3 + 67; row b: 5 + 10 + 40 + 1 = 56 = 20 + 10 + 4 + 22.
    (tmp_path / "table.csv").write_text(table.format(inv_a=5, inv_b=1, hh=6, inv_m=-2, va_a=67, va_b=22))
    result = run_regsim("check", tmp_path / "s.yaml")
    assert result.returncode == 0, result.stderr
    (tmp_path / "table.csv").write_text(table.format(inv_a=5, inv_b=1, hh=-6, inv_m=2, va_a=67, va_b=22))
    result = run_regsim("check", tmp_path / "s.yaml")
    assert result.returncode == 3
    assert 'row "imports", column "HH": imports must not be negative (only imported inventory changes may be)' \
        in result.stderr


def test_set_takes_one_value_so_the_scenario_may_follow_it(run_regsim, tmp_path):
    out = tmp_path / "v.h5"
    result = run_regsim("run", "--set", "trends.household=0.06", "--set", "name=vouchers-6",
                        "scenarios/what-if/consumption-vouchers.yaml", "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    import h5py
    with h5py.File(out, "r") as f:
        assert f.attrs["scenario_name"].decode() == "vouchers-6"
        assert "household: 0.06" in f.attrs["scenario_yaml"].decode()
    compared = run_regsim("compare", EXAMPLE, "--set", "name=changed", EXAMPLE, "--format", "csv")
    assert compared.returncode == 0, compared.stderr
    assert "changed" in compared.stdout
